package dev.azdo.client.http;

import dev.azdo.client.auth.Credentials;
import java.io.IOException;

/** Adds credentials to requests for trusted hosts and refreshes them once after a 401. */
public final class AuthInterceptor implements Interceptor {
  private final Credentials credentials;
  private final TrustedHosts trusted;
  private final Redactor redactor;

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
    redactor.addSecret(value);
    int space = value.indexOf(' ');
    if (space > 0) {
      redactor.addSecret(value.substring(space + 1));
    }
    return request.newBuilder().header(credentials.headerName(), value).build();
  }
}
