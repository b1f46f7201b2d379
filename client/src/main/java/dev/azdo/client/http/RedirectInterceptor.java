package dev.azdo.client.http;

import java.io.IOException;
import java.net.URI;

/**
 * Follows redirects to trusted hosts; a redirect elsewhere is returned to the caller unfollowed.
 */
public final class RedirectInterceptor implements Interceptor {
  // Same bound as browsers and OkHttp; Azure DevOps never chains more than a couple.
  private static final int MAX_FOLLOW_UPS = 10;

  private final TrustedHosts trusted;

  /** Creates the interceptor for the given trust rules. */
  public RedirectInterceptor(TrustedHosts trusted) {
    this.trusted = trusted;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    for (int i = 0; ; i++) {
      Response response = chain.proceed(request);
      int s = response.status();
      String location = response.header("Location");
      if (s < 300 || s > 308 || s == 304 || location == null) {
        return response;
      }
      URI target = request.uri().resolve(location);
      // Credentials are added further down the chain only for trusted hosts, but not following
      // at all is the clearer outcome: the caller sees the redirect and can report the host.
      if (!trusted.isTrusted(target) || i >= MAX_FOLLOW_UPS) {
        return response;
      }
      Request.Builder b = request.newBuilder().uri(target);
      if (s == 303 || ((s == 301 || s == 302) && !"GET".equals(request.method()))) {
        b.method("GET").body(null).removeHeader("Content-Type");
      }
      request = b.build();
    }
  }
}
