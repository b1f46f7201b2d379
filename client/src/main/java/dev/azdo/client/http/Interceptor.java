package dev.azdo.client.http;

import java.io.IOException;

/** Observes, modifies or short-circuits a request on its way to the server, like OkHttp's. */
@FunctionalInterface
public interface Interceptor {

  /** Handles the chain's request, usually by calling {@link Chain#proceed}. */
  Response intercept(Chain chain) throws IOException;

  /** The rest of the pipeline as seen from one interceptor. */
  interface Chain {

    /** Returns the request as it reached this interceptor. */
    Request request();

    /** Passes a request to the next interceptor and returns its response. */
    Response proceed(Request request) throws IOException;
  }
}
