package dev.azdo.client.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts calls, network attempts and throttling signals, for progress displays. Add {@link
 * #calls()} as an application interceptor and {@link #attempts()} as a network interceptor; the
 * difference is the number of retries.
 */
public final class TrafficStats {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  /** The interceptor that counts each call once, before retries. */
  public Interceptor calls() {
    return chain -> {
      calls.incrementAndGet();
      return chain.proceed(chain.request());
    };
  }

  /** The interceptor that counts each network attempt and each throttled answer. */
  public Interceptor attempts() {
    return chain -> {
      attempts.incrementAndGet();
      Response r = chain.proceed(chain.request());
      // The service throttles with 429, or slows a caller down with X-RateLimit-Delay /
      // Retry-After.
      if (r.status() == 429
          || r.header("X-RateLimit-Delay") != null
          || r.header("Retry-After") != null) {
        throttled.incrementAndGet();
      }
      return r;
    };
  }

  /** Returns the calls made. */
  public long callCount() {
    return calls.get();
  }

  /** Returns the attempts beyond the first of each call. */
  public long retryCount() {
    return Math.max(0, attempts.get() - calls.get());
  }

  /** Returns the answers that were a 429 or carried a delay or Retry-After. */
  public long throttledCount() {
    return throttled.get();
  }
}
