package dev.azdo.client.emulator;

import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * MSAL insists on https authorities; this transport plays the TLS terminator in front of the
 * plain-HTTP emulator by sending https://127.0.0.1:PORT calls to http://127.0.0.1:PORT.
 */
final class TlsTerminator implements IHttpClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  /** Every URL MSAL called, after rewriting. */
  final List<String> urls = new CopyOnWriteArrayList<>();

  /**
   * Creates the transport for an emulator on the given port. MSAL keeps the authority's host
   * without its port in the token cache, so its refresh calls go to https://127.0.0.1/...; those go
   * to this port (real authorities have no port, so only tests meet this).
   */
  TlsTerminator(int port) {
    this.port = port;
  }

  /** Rewrites an https://127.0.0.1 URL to plain http. */
  static URI plain(URI u) {
    return URI.create(u.toString().replaceFirst("^https://127\\.0\\.0\\.1:", "http://127.0.0.1:"));
  }

  @Override
  public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest r) throws Exception {
    URI url =
        plain(
            URI.create(
                r.url()
                    .toString()
                    .replaceFirst("^https://127\\.0\\.0\\.1/", "https://127.0.0.1:" + port + "/")));
    urls.add(url.toString());
    HttpRequest.Builder b = HttpRequest.newBuilder(url);
    if (r.headers() != null) {
      r.headers().forEach(b::header);
    }
    if (r.httpMethod().name().equals("POST")) {
      b.POST(HttpRequest.BodyPublishers.ofString(r.body() == null ? "" : r.body()));
    }
    java.net.http.HttpResponse<String> resp =
        http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    HttpResponse out = new HttpResponse().statusCode(resp.statusCode()).body(resp.body());
    out.addHeaders(resp.headers().map());
    return out;
  }
}
