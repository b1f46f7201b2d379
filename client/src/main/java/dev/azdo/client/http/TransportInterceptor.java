package dev.azdo.client.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;

/** Sends the request with {@link java.net.http.HttpClient}; never follows redirects itself. */
public final class TransportInterceptor implements Interceptor {
  // java.net.http refuses to let callers set these; it manages them itself.
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;
  private final Duration requestTimeout;

  /** Creates a transport with the given connect and request timeouts. */
  public TransportInterceptor(Duration connectTimeout, Duration requestTimeout) {
    this(connectTimeout, requestTimeout, null);
  }

  /** Like {@link #TransportInterceptor(Duration, Duration)}; tls (nullable) replaces the JVM's. */
  public TransportInterceptor(Duration connectTimeout, Duration requestTimeout, SSLContext tls) {
    // Redirects are followed by RedirectInterceptor so credentials never leave trusted hosts.
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout);
    if (tls != null) {
      b.sslContext(tls);
    }
    this.client = b.build();
    this.requestTimeout = requestTimeout;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpRequest.BodyPublisher publisher =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri())
            .timeout(requestTimeout)
            .method(request.method(), publisher);
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                for (String v : values) {
                  b.header(name, v);
                }
              }
            });
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(request, r.statusCode(), r.headers().map(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while calling " + request);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid request " + request + ": " + e.getMessage(), e);
    }
  }
}
