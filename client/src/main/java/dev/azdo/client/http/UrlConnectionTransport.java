package dev.azdo.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends a request with the JDK's blocking {@link HttpURLConnection} on the calling thread, over the
 * JDK's pool of kept-alive connections; never follows redirects or answers challenges itself. Every
 * method but PATCH, which it refuses.
 */
final class UrlConnectionTransport {
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT");

  static {
    // The JDK keeps at most 5 idle connections per server by default: reads and writes run up to
    // 32 calls at once, and each call past the fifth would open (and close) a connection of its
    // own. Set before the JDK's keep-alive cache reads it (once, on its first use).
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "32");
    }
  }

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final SSLContext tls;
  private volatile SSLSocketFactory sockets;
  private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();

  UrlConnectionTransport(Duration connectTimeout, Duration requestTimeout, SSLContext tls) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.tls = tls;
  }

  // Answers no challenge: a default Authenticator that the application around us installed must
  // not send its credentials to our servers (credentials go only in the headers we set).
  private static final Authenticator NO_CREDENTIALS = new Authenticator() {};

  /**
   * Tells whether the answer lost its body: the JDK gives a streamed request answered 401 or 407
   * back without one.
   */
  static boolean dropsTheAnswer(Request request, Response response) {
    boolean streamed = request.body() != null || WITH_BODY.contains(request.method());
    return streamed
        && (response.status() == 401 || response.status() == 407)
        && response.body().length == 0;
  }

  /** Tells whether this transport can send the method (HttpURLConnection has no PATCH). */
  static boolean sends(String method) {
    return !"PATCH".equals(method);
  }

  Response send(Request request) throws IOException {
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) request.uri().toURL().openConnection(proxyFor(request.uri()));
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid request " + request + ": " + e.getMessage(), e);
    }
    try {
      c.setInstanceFollowRedirects(false); // RedirectInterceptor keeps credentials on trusted hosts
      c.setUseCaches(false);
      c.setAllowUserInteraction(false);
      c.setAuthenticator(NO_CREDENTIALS);
      c.setConnectTimeout(millis(connectTimeout));
      c.setReadTimeout(millis(requestTimeout));
      c.setRequestMethod(request.method());
      if (c instanceof HttpsURLConnection https && tls != null) {
        https.setSSLSocketFactory(sockets());
      }
      TransportInterceptor.forEachSentHeader(request, c::addRequestProperty);
      byte[] body = request.body();
      if (body == null && WITH_BODY.contains(request.method())) {
        // Sent with a length of 0, which IIS wants of a POST (411 otherwise), and not with the
        // form content type the JDK would add to a body without one.
        body = new byte[0];
        if (request.header("Content-Type") == null) {
          c.setRequestProperty("Content-Type", "application/json");
        }
      }
      if (body != null) {
        // A fixed length streams the body, which also stops the JDK from sending a POST again
        // by itself when a kept-alive connection turns out closed (a write must not go twice
        // behind the retry interceptor's back).
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
      }
      try {
        c.connect();
      } catch (SocketTimeoutException e) {
        // Nothing was sent, so the retry interceptor may repeat even a write.
        throw new HttpConnectTimeoutException("connection timed out: " + request);
      }
      if (body != null) {
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
      }
      int status = c.getResponseCode();
      byte[] answer;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        answer = in == null ? new byte[0] : body(in, c.getContentLengthLong());
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      c.getHeaderFields()
          .forEach(
              (k, v) -> {
                if (k != null) { // the status line
                  headers.put(k, v);
                }
              });
      return new Response(request, status, headers, answer);
    } catch (SocketTimeoutException e) {
      c.disconnect();
      throw new HttpTimeoutException("request timed out: " + request);
    } catch (IOException | RuntimeException e) {
      c.disconnect(); // a connection in an unknown state goes, not back to the pool
      throw e;
    }
  }

  // An answer of a known length is read straight into one array of that size: readAllBytes reads
  // 8 KB pieces and joins them, two copies of every workitemsbatch answer (~180 KB) instead of one.
  static byte[] body(InputStream in, long length) throws IOException {
    if (length < 0 || length > MAX_KNOWN_LENGTH) {
      return in.readAllBytes();
    }
    byte[] b = new byte[(int) length];
    int n = in.readNBytes(b, 0, b.length);
    if (n < b.length) {
      throw new IOException("the answer ended after " + n + " of its " + length + " bytes");
    }
    return b;
  }

  // Past this, an announced length is not trusted with one allocation up front.
  private static final long MAX_KNOWN_LENGTH = 64L << 20;

  // The JVM's proxy for a server (the one java.net.http would use), asked of the selector once per
  // server instead of on every call.
  private Proxy proxyFor(URI uri) {
    String key = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    return proxies.computeIfAbsent(
        key,
        k -> {
          ProxySelector selector = ProxySelector.getDefault();
          if (selector == null) {
            return Proxy.NO_PROXY;
          }
          List<Proxy> list = selector.select(uri);
          return list == null || list.isEmpty() ? Proxy.NO_PROXY : list.get(0);
        });
  }

  private SSLSocketFactory sockets() {
    SSLSocketFactory s = sockets;
    if (s == null) {
      s = tls.getSocketFactory();
      sockets = s;
    }
    return s;
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, d.toMillis()));
  }
}
