package dev.azdo.client.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Sends the request: with the JDK's blocking {@link java.net.HttpURLConnection}, or for PATCH,
 * which that refuses, with {@link java.net.http.HttpClient}; never follows redirects itself.
 */
public final class TransportInterceptor implements Interceptor, AutoCloseable {
  // Both JDK clients manage these themselves: java.net.http refuses them from callers and
  // HttpURLConnection ignores them (sun.net.http.allowRestrictedHeaders).
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final SSLContext tls;
  // One client per scheme, each built on first use: building one for https sets up TLS (the JVM's
  // SSLContext, its providers and trust store), about a fifth of a short command's CPU against an
  // http:// server (the emulator, a server without TLS), which never needs it.
  private volatile HttpClient secure;
  private volatile HttpClient plain;
  // HttpURLConnection costs about half the CPU per call of HttpClient, whose asynchronous exchange
  // hands every answer across a selector thread and a worker pool: on two cores, a 20,000-item
  // export took 1.6 CPU s instead of 2.05 (and 0.89 s instead of 1.12 s; BENCHMARKS.md).
  private final UrlConnectionTransport blocking;

  /** Creates a transport with the given connect and request timeouts. */
  public TransportInterceptor(Duration connectTimeout, Duration requestTimeout) {
    this(connectTimeout, requestTimeout, null);
  }

  /** Like {@link #TransportInterceptor(Duration, Duration)}; tls (nullable) replaces the JVM's. */
  public TransportInterceptor(Duration connectTimeout, Duration requestTimeout, SSLContext tls) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.tls = tls;
    this.blocking = new UrlConnectionTransport(connectTimeout, requestTimeout, tls);
  }

  private HttpClient client(URI uri) {
    boolean https = !"http".equalsIgnoreCase(uri.getScheme());
    HttpClient c = https ? secure : plain;
    if (c != null) {
      return c;
    }
    synchronized (this) {
      if (https) {
        if (secure == null) {
          secure = build(tls, null);
        }
        return secure;
      }
      if (plain == null) {
        plain = build(new PlainOnlyContext(), new SSLParameters());
      }
      return plain;
    }
  }

  private HttpClient build(SSLContext context, SSLParameters parameters) {
    // Redirects are followed by RedirectInterceptor so credentials never leave trusted hosts.
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout);
    if (context != null) {
      b.sslContext(context);
    }
    if (parameters != null) {
      b.sslParameters(parameters);
    }
    return b.build();
  }

  /**
   * Stops the PATCH client's threads and drops its connections; a later request builds a new one.
   * The other calls' idle connections stay in the JDK's keep-alive cache, which closes them after 5
   * s idle and has no thread while it is empty.
   */
  @Override
  public void close() {
    HttpClient s;
    HttpClient p;
    synchronized (this) {
      s = secure;
      p = plain;
      secure = null;
      plain = null;
    }
    HttpClientStopper.stop(s);
    HttpClientStopper.stop(p);
  }

  /** Hands each header value of the request to add, but those the JDK's clients set themselves. */
  static void forEachSentHeader(Request request, BiConsumer<String, String> add) {
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                for (String v : values) {
                  add.accept(name, v);
                }
              }
            });
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (UrlConnectionTransport.sends(request.method())) {
      Response r = blocking.send(request);
      if (!UrlConnectionTransport.dropsTheAnswer(request, r)) {
        return r;
      }
      // The JDK drops the answer of a request whose body it streamed when the server asks for
      // authentication (it would have to send it again to authenticate); the server refused it
      // before doing anything, so sending it again here, to read why, cannot duplicate work.
    }
    HttpRequest.BodyPublisher publisher =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri())
            .timeout(requestTimeout)
            .method(request.method(), publisher);
    forEachSentHeader(request, b::header);
    try {
      HttpResponse<byte[]> r =
          client(request.uri()).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(request, r.statusCode(), r.headers().map(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while calling " + request);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid request " + request + ": " + e.getMessage(), e);
    }
  }
}
