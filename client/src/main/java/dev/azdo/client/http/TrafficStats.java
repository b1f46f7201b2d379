package dev.azdo.client.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts calls, network attempts and throttling signals, for progress displays. Add {@link
 * #calls()} as an application interceptor and {@link #attempts()} as a network interceptor; the
 * difference is the number of retries. Give the client {@link #sleeper(Sleeper)} to see the wait
 * under way ({@link #currentWait()}).
 */
public final class TrafficStats {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicReference<Wait> waiting = new AtomicReference<>();
  private final LongSupplier nanos;
  private volatile Consumer<Duration> onWait = d -> {};

  private record Wait(long startNanos, Duration length) {}

  /** Counts with the system's nanosecond clock. */
  public TrafficStats() {
    this(System::nanoTime);
  }

  /** Counts with the given nanosecond clock (tests pass a fake one). */
  public TrafficStats(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /**
   * Wraps the client's sleeper so every wait (backoff, Retry-After, pacing) is known while it
   * lasts.
   */
  public Sleeper sleeper(Sleeper inner) {
    return d -> {
      Wait w = new Wait(nanos.getAsLong(), d);
      waiting.set(w);
      onWait.accept(d);
      try {
        inner.sleep(d);
      } finally {
        waiting.compareAndSet(w, null);
      }
    };
  }

  /** Calls the listener, on the waiting thread, as each wait starts. */
  public void onWait(Consumer<Duration> listener) {
    this.onWait = listener;
  }

  /** Returns what is left of the latest wait under way, if one is. */
  public Optional<Duration> currentWait() {
    Wait w = waiting.get();
    if (w == null) {
      return Optional.empty();
    }
    Duration left = w.length().minusNanos(nanos.getAsLong() - w.startNanos());
    return left.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(left);
  }

  private volatile RatePacer pacer;

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

  /** Also reports the pace this client's pacer keeps. */
  public TrafficStats watch(RatePacer pacer) {
    this.pacer = pacer;
    return this;
  }

  /** Returns the pace of the watched pacer, or null when none is watched. */
  public RatePacer.Pace pace() {
    RatePacer p = pacer;
    return p == null ? null : p.pace();
  }

  /** Returns the answers that were a 429 or carried a delay or Retry-After. */
  public long throttledCount() {
    return throttled.get();
  }
}
