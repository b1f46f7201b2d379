package dev.azdo.client.http;

import dev.azdo.client.AzdoException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fails calls once an answer demands a wait (Retry-After, X-RateLimit-Reset) longer than
 * retry-max-wait, so a run never waits silently for an absurd time (Retry-After: 1e12).
 *
 * <p>It sits inside the retry interceptor and outside the pacing one, and throws an unchecked
 * {@link AzdoException} of kind WAIT_TOO_LONG, which neither catches: the demand is never waited
 * out nor retried. An error answer fails at once; a successful one is kept, and the requests after
 * it fail until the demanded time has passed.
 */
public final class WaitCapInterceptor implements Interceptor {
  private final Duration cap;
  private final Clock clock;
  private final AtomicReference<Refusal> refusal = new AtomicReference<>();

  private record Refusal(Instant until, AzdoException error) {}

  /** Creates the interceptor with the longest wait the service may demand. */
  public WaitCapInterceptor(Duration cap, Clock clock) {
    this.cap = cap;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Refusal pending = refusal.get();
    if (pending != null && clock.instant().isBefore(pending.until())) {
      throw copy(pending.error());
    }
    Response response = chain.proceed(chain.request());
    Duration demanded = RetryAfter.demanded(response, clock);
    AzdoException tooLong = RetryAfter.overCap(response, demanded, cap);
    if (tooLong != null) {
      refusal.set(new Refusal(clock.instant().plus(demanded), tooLong));
      if (response.status() >= 400) {
        throw tooLong;
      }
    }
    return response;
  }

  // Each failed call gets its own exception (with its own stack), with the same message.
  private static AzdoException copy(AzdoException e) {
    return new AzdoException(e.kind(), e.status(), null, null, e.getMessage());
  }
}
