package dev.azdo.client.http;

import java.io.IOException;

/** Sets the User-Agent to the product name and version, unless the caller set one. */
public final class UserAgentInterceptor implements Interceptor {
  private final String userAgent;

  /** Creates the interceptor with a full User-Agent value. */
  public UserAgentInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    return chain.proceed(
        r.header("User-Agent") != null
            ? r
            : r.newBuilder().header("User-Agent", userAgent).build());
  }
}
