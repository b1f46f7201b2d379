package dev.azdo.client.http;

import dev.azdo.client.auth.Credentials;
import java.io.IOException;

/** Adds credentials to requests for trusted hosts and refreshes them once after a 401. */
public final class AuthInterceptor implements Interceptor {
  private final Credentials credentials;
  private final TrustedHosts trusted;
  private final Redactor redactor;
  // The header value last registered: a PAT's stays the same for every call, and registering it
  // again (a set search and a base64 encoding each time) was ~4% of a call's time in the client.
  private volatile String registered;

  /** Creates the interceptor; every header value it sends is registered with the redactor. */
  public AuthInterceptor(Credentials credentials, TrustedHosts trusted, Redactor redactor) {
    this.credentials = credentials;
    this.trusted = trusted;
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!trusted.isTrusted(request.uri())) {
      return chain.proceed(request);
    }
    Response response = chain.proceed(withCredentials(request));
    if (response.status() == 401 && credentials.refreshAfterUnauthorized()) {
      // Tokens can be revoked or expire early; one refresh, then the 401 stands.
      response = chain.proceed(withCredentials(request));
    }
    return response;
  }

  private Request withCredentials(Request request) throws IOException {
    String value = credentials.headerValue();
    if (!value.equals(registered)) {
      redactor.addSecret(value);
      int space = value.indexOf(' ');
      if (space > 0) {
        redactor.addSecret(value.substring(space + 1));
      }
      registered = value;
    }
    return request.newBuilder().header(credentials.headerName(), value).build();
  }
}
