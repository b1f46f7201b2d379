package dev.azdo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP proxy on 127.0.0.1 in front of the emulator that answers chosen {@code $batch} calls
 * itself with 429 and a Retry-After, as a throttling gateway would; everything else is forwarded
 * unchanged.
 */
final class ThrottlingProxy implements AutoCloseable {
  // Headers java.net.http sets itself and refuses to be given.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "host", "expect", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient http = HttpClient.newHttpClient();
  private final String target;
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicInteger forwardedBatches = new AtomicInteger();
  private final AtomicInteger forwardedBatchRows = new AtomicInteger();

  /**
   * Starts the proxy.
   *
   * @param target the emulator's base URL (scheme, host and port)
   * @param retryAfter for the n-th $batch call (1-based): the Retry-After to answer it with, or
   *     null to forward it
   */
  ThrottlingProxy(URI target, IntFunction<String> retryAfter) throws IOException {
    this.target = target.getScheme() + "://" + target.getAuthority();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange, retryAfter);
          }
        });
    server.start();
  }

  /** Returns the proxy's URL for an organization path such as /demo. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Returns how many $batch calls arrived. */
  int batchCalls() {
    return batches.get();
  }

  /** Returns how many $batch calls were forwarded to the emulator. */
  int forwardedBatchCalls() {
    return forwardedBatches.get();
  }

  /** Returns how many requests the forwarded $batch calls carried in all. */
  int forwardedBatchRows() {
    return forwardedBatchRows.get();
  }

  /** Returns how many calls the proxy answered with 429 itself. */
  int throttledCalls() {
    return throttled.get();
  }

  private void handle(HttpExchange exchange, IntFunction<String> retryAfter) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    if (path.endsWith("/$batch")) {
      String wait = retryAfter.apply(batches.incrementAndGet());
      if (wait != null) {
        throttled.incrementAndGet();
        byte[] reply =
            "{\"message\":\"TF400733: Request was blocked due to exceeding usage of resource.\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("Retry-After", wait);
        exchange.sendResponseHeaders(429, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
        return;
      }
      forwardedBatches.incrementAndGet();
      // A $batch body is a JSON array with one element per request.
      forwardedBatchRows.addAndGet(JSON.readTree(body).size());
    }
    String uri = target + exchange.getRequestURI().toString();
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(URI.create(uri))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
              }
            });
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))
                  && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
              }
            });
    byte[] reply = answer.body();
    exchange.sendResponseHeaders(answer.statusCode(), reply.length == 0 ? -1 : reply.length);
    if (reply.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
