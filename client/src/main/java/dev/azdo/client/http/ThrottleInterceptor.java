package dev.azdo.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces all requests of one client: waits out any Retry-After (even on a 200) and slows down as
 * X-RateLimit-Remaining approaches zero, so bulk jobs ease off before Azure DevOps blocks them.
 */
public final class ThrottleInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(ThrottleInterceptor.class);
  // Azure DevOps starts delaying requests once a user's TSTU budget is used up; begin easing off
  // when less than this share of X-RateLimit-Limit remains.
  private static final double PACING_THRESHOLD = 0.2;

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration maxPace;
  private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.MIN);

  /** Creates the interceptor; maxPace is the longest pause added when the budget is nearly gone. */
  public ThrottleInterceptor(Clock clock, Sleeper sleeper, Duration maxPace) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.maxPace = maxPace;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Duration wait = Duration.between(clock.instant(), notBefore.get());
    if (!wait.isNegative() && !wait.isZero()) {
      LOG.debug("pacing {} for {}", chain.request(), wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing " + chain.request());
      }
    }
    Response response = chain.proceed(chain.request());
    Duration pause = pauseAfter(response);
    if (!pause.isZero()) {
      Instant until = clock.instant().plus(pause);
      notBefore.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }
    return response;
  }

  /** Returns how long the next request should wait because of this response's headers. */
  Duration pauseAfter(Response response) {
    Duration pause = Duration.ZERO;
    Duration retryAfter = RetryAfter.demanded(response, clock);
    if (retryAfter != null) {
      pause = retryAfter;
    }
    // X-RateLimit-Delay says how long the service already held this request: it is throttling us.
    Duration delayed = seconds(response.header("X-RateLimit-Delay"));
    if (delayed != null && delayed.compareTo(pause) > 0) {
      pause = delayed;
    }
    Double remaining = number(response.header("X-RateLimit-Remaining"));
    Double limit = number(response.header("X-RateLimit-Limit"));
    if (remaining != null && limit != null && limit > 0) {
      double share = Math.max(0, remaining) / limit;
      if (share < PACING_THRESHOLD) {
        Duration pace =
            Duration.ofMillis((long) (maxPace.toMillis() * (1 - share / PACING_THRESHOLD)));
        if (pace.compareTo(pause) > 0) {
          pause = pace;
        }
      }
    }
    return pause;
  }

  private static Duration seconds(String v) {
    Double d = number(v);
    return d == null || d <= 0 ? null : Duration.ofMillis((long) (d * 1000));
  }

  private static Double number(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
