package dev.azdo.client.http;

import java.io.IOException;
import java.util.Set;

/** Strips credential headers from any request bound for a host that is not trusted. */
public final class TrustedHostGuard implements Interceptor {
  private final TrustedHosts trusted;
  private final Set<String> credentialHeaders;

  /** Creates the guard; credentialHeaders adds custom auth header names to the usual ones. */
  public TrustedHostGuard(TrustedHosts trusted, Set<String> credentialHeaders) {
    this.trusted = trusted;
    this.credentialHeaders = Set.copyOf(credentialHeaders);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    if (trusted.isTrusted(r.uri())) {
      return chain.proceed(r);
    }
    Request.Builder b = r.newBuilder();
    for (String name : r.headers().keySet()) {
      if (Redactor.isSecretHeader(name) || containsIgnoreCase(name)) {
        b.removeHeader(name);
      }
    }
    return chain.proceed(b.build());
  }

  private boolean containsIgnoreCase(String name) {
    return credentialHeaders.stream().anyMatch(h -> h.equalsIgnoreCase(name));
  }
}
