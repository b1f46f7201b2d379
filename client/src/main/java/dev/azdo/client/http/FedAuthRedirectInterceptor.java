package dev.azdo.client.http;

import java.io.IOException;

/** Asks Azure DevOps for a 401 instead of a 302/203 sign-in page when credentials fail. */
public final class FedAuthRedirectInterceptor implements Interceptor {
  /** Header name understood by Azure DevOps Services and Server. */
  public static final String HEADER = "X-TFS-FedAuthRedirect";

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder().header(HEADER, "Suppress").build());
  }
}
