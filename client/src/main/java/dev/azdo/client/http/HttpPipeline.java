package dev.azdo.client.http;

import java.io.IOException;
import java.util.List;

/** Runs a request through an ordered list of interceptors; the last one talks to the network. */
public final class HttpPipeline {
  private final List<Interceptor> interceptors;

  /** Creates a pipeline; the last interceptor must answer without calling proceed. */
  public HttpPipeline(List<Interceptor> interceptors) {
    if (interceptors.isEmpty()) {
      throw new IllegalArgumentException("a pipeline needs at least a transport interceptor");
    }
    this.interceptors = List.copyOf(interceptors);
  }

  /** Returns the interceptors in calling order. */
  public List<Interceptor> interceptors() {
    return interceptors;
  }

  /** Sends a request through every interceptor and returns the final response. */
  public Response execute(Request request) throws IOException {
    return new RealChain(0, request).proceed(request);
  }

  private final class RealChain implements Interceptor.Chain {
    private final int index;
    private final Request request;

    RealChain(int index, Request request) {
      this.index = index;
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response proceed(Request next) throws IOException {
      if (index >= interceptors.size()) {
        throw new IllegalStateException("the last interceptor must not call proceed");
      }
      return interceptors.get(index).intercept(new RealChain(index + 1, next));
    }
  }
}
