package dev.azdo.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A real HTTP server on 127.0.0.1, port 0: enqueue replies, call it, then inspect the requests. */
public final class TestServer implements AutoCloseable {
  private final HttpServer server;
  private final String scheme;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
  private volatile Function<Recorded, Reply> dispatcher;

  /** A request as it arrived. */
  public record Recorded(
      String method, String path, String query, Map<String, String> headers, String body) {
    /** Returns a header (case-insensitive), or null. */
    public String header(String name) {
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }

    /** Returns path and query as sent. */
    public String target() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** A reply to send. */
  public record Reply(int status, Map<String, String> headers, String body) {
    /** A JSON reply. */
    public static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    /** Returns a copy with one more header. */
    public Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, body);
    }
  }

  /** Starts a server. */
  public TestServer() {
    this(plain());
  }

  private TestServer(HttpServer server) {
    this.server = server;
    this.scheme = server instanceof HttpsServer ? "https" : "http";
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server on https with the certificate in a PKCS12 key store (such as the emulator's
   * self-signed one).
   */
  public static TestServer https(Path keyStore, String password) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.setHttpsConfigurator(new HttpsConfigurator(tls));
      return new TestServer(s);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpServer plain() {
    try {
      return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns http(s)://127.0.0.1:PORT + path. */
  public String url(String path) {
    return scheme + "://127.0.0.1:" + port() + path;
  }

  /** Queues a reply; queued replies are used in order when no dispatcher is set. */
  public TestServer enqueue(Reply reply) {
    queue.add(reply);
    return this;
  }

  /** Queues a JSON reply. */
  public TestServer enqueueJson(int status, String body) {
    return enqueue(Reply.json(status, body));
  }

  /** Answers every request with this function instead of the queue. */
  public TestServer dispatch(Function<Recorded, Reply> dispatcher) {
    this.dispatcher = dispatcher;
    return this;
  }

  /** Takes the next recorded request, failing after 5 seconds. */
  public Recorded takeRequest() {
    try {
      Recorded r = requests.poll(5, TimeUnit.SECONDS);
      if (r == null) {
        throw new AssertionError("no request arrived");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Returns how many requests arrived and were not taken yet. */
  public int pendingRequests() {
    return requests.size();
  }

  /** Returns and removes all requests recorded so far. */
  public List<Recorded> drain() {
    List<Recorded> out = new ArrayList<>();
    requests.drainTo(out);
    return out;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
      Recorded rec =
          new Recorded(
              ex.getRequestMethod(),
              ex.getRequestURI().getRawPath(),
              ex.getRequestURI().getRawQuery(),
              headers,
              new String(body, StandardCharsets.UTF_8));
      requests.add(rec);
      Function<Recorded, Reply> d = dispatcher;
      Reply reply = d != null ? d.apply(rec) : queue.poll();
      if (reply == null) {
        reply = Reply.json(500, "{\"message\":\"test server: no reply enqueued\"}");
      }
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      byte[] out =
          reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      boolean noBody =
          out.length == 0
              || "HEAD".equals(rec.method())
              || reply.status() == 204
              || reply.status() == 304;
      ex.sendResponseHeaders(reply.status(), noBody ? -1 : out.length);
      if (!noBody) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
