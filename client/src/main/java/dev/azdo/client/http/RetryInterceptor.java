package dev.azdo.client.http;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries configured statuses and connection failures with backoff, honouring Retry-After and
 * X-RateLimit-Reset; connection failures only once the service has answered.
 *
 * <p>Failsafe decides (handled results, attempt limit, delay function); the wait itself goes
 * through Failsafe's standalone {@link Execution} API and our {@link Sleeper}, because Failsafe's
 * own synchronous runner sleeps on the real clock, which tests could not control.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RetryInterceptor.class);
  // Azure DevOps answers 429 before doing any work, so even a non-idempotent request is safe.
  private static final int TOO_MANY_REQUESTS = 429;

  private final Set<Integer> statuses;
  private final int maxRetries;
  private final boolean multiplyWait;
  private final Duration baseWait;
  private final Duration maxWait;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  // Set by the first answer of any status: until then the host may be wrong, not down.
  private final AtomicBoolean answered = new AtomicBoolean();

  /**
   * Creates the interceptor.
   *
   * @param statuses HTTP statuses that trigger a retry
   * @param maxRetries retries after the first attempt (0 disables retrying)
   * @param multiplyWait double the wait after each attempt (with jitter) instead of a fixed wait
   * @param baseWait the first wait
   * @param maxWait the cap on computed waits (a demanded wait is capped by WaitCapInterceptor)
   * @param random a source of numbers in [0,1) for jitter
   */
  public RetryInterceptor(
      Set<Integer> statuses,
      int maxRetries,
      boolean multiplyWait,
      Duration baseWait,
      Duration maxWait,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    this.statuses = Set.copyOf(statuses);
    this.maxRetries = maxRetries;
    this.multiplyWait = multiplyWait;
    this.baseWait = baseWait;
    this.maxWait = maxWait;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RetryPolicy<Response> policy =
        RetryPolicy.<Response>builder()
            .handleIf((response, failure) -> shouldRetry(request, response, failure))
            .withMaxRetries(maxRetries)
            .withDelayFn(ctx -> delay(ctx.getLastResult(), ctx.getAttemptCount()))
            .build();
    Execution<Response> execution = Execution.of(policy);
    while (true) {
      Response response = null;
      IOException failure = null;
      try {
        response = chain.proceed(request);
        answered.set(true);
        execution.recordResult(response);
      } catch (IOException e) {
        failure = e;
        execution.recordException(e);
      }
      if (execution.isComplete()) {
        if (failure != null) {
          throw failure;
        }
        return response;
      }
      Duration wait = execution.getDelay();
      LOG.debug(
          "retrying {} after {} (attempt {} of {}): {}",
          request,
          wait,
          execution.getAttemptCount() + 1,
          maxRetries + 1,
          failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.status());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry " + request);
      }
    }
  }

  private boolean shouldRetry(Request request, Response response, Throwable failure) {
    if (failure != null) {
      if (!answered.get()
          && (failure instanceof ConnectException || failure instanceof UnknownHostException)) {
        // Before the service has answered once, a refused connection or an unknown host is far
        // more often a mistyped URL or port than an outage: say so now, not after 30 s of backoff.
        // A connection that opened and then failed (a lost answer) is retried as before.
        return false;
      }
      if (failure instanceof InterruptedIOException
          && !(failure instanceof java.net.http.HttpTimeoutException)) {
        return false;
      }
      // A refused connection never reached the server, so repeating cannot duplicate work.
      boolean notSent =
          failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
      return failure instanceof IOException && (notSent || request.idempotent());
    }
    if (response == null || !statuses.contains(response.status())) {
      return false;
    }
    return request.idempotent() || response.status() == TOO_MANY_REQUESTS;
  }

  private Duration delay(Response last, int attempts) {
    // Waits over retry-max-wait never get here: WaitCapInterceptor fails the call first.
    Duration retryAfter = last == null ? null : RetryAfter.demanded(last, clock);
    if (retryAfter != null) {
      return retryAfter;
    }
    if (!multiplyWait) {
      return baseWait;
    }
    long base = baseWait.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(base, maxWait.toMillis());
    // Equal jitter: half fixed, half random, so concurrent clients spread out but still back off.
    long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
    return Duration.ofMillis(jittered);
  }
}
