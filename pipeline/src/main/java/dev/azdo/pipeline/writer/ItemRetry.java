package dev.azdo.pipeline.writer;

import dev.azdo.client.ConnectionSettings;

/**
 * When and how often the import task tries a row again: an item the service answered 429 or 5xx
 * inside a call that itself succeeded, or a call whose answer was lost. The client retries whole
 * calls; this covers what it cannot see, with the same settings (retry-max, retry-wait-ms,
 * retry-multiply-wait, retry-max-wait-ms), so one set of settings governs every retry.
 *
 * @param maxAttempts tries in all, at least 1
 * @param firstWaitMillis the wait before the second try
 * @param maxWaitMillis the longest wait
 * @param multiply whether each later wait doubles
 */
public record ItemRetry(
    int maxAttempts, long firstWaitMillis, long maxWaitMillis, boolean multiply) {

  /** Five tries: with one request in ten failing, a batch fails all of them once in 100,000. */
  public static final ItemRetry DEFAULT = new ItemRetry(5, 250, 8_000, true);

  /** Checks the settings. */
  public ItemRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + maxAttempts);
    }
    if (firstWaitMillis < 0 || maxWaitMillis < 0) {
      throw new IllegalArgumentException("retry waits must not be negative");
    }
  }

  /** Returns the policy of a connection's retry settings. */
  public static ItemRetry of(ConnectionSettings settings) {
    return new ItemRetry(
        settings.retryMax() + 1,
        settings.retryWait().toMillis(),
        settings.retryMaxWait().toMillis(),
        settings.retryMultiplyWait());
  }

  /** Tells whether a row tried {@code attempts} times may be tried again. */
  public boolean allows(int attempts) {
    return attempts < maxAttempts;
  }

  /** Returns the wait before the next try of a row tried {@code attempts} times. */
  public long waitMillis(int attempts) {
    if (attempts == 0 || firstWaitMillis == 0) {
      return 0;
    }
    long wait = multiply ? firstWaitMillis << Math.min(attempts - 1, 16) : firstWaitMillis;
    return Math.min(maxWaitMillis, wait);
  }

  /**
   * Waits before the next try of a row tried {@code attempts} times, so a short outage does not use
   * up every try at once.
   *
   * @throws SinkException when interrupted
   */
  public void pause(int attempts) {
    long wait = waitMillis(attempts);
    if (wait == 0) {
      return;
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while waiting to retry", false, e);
    }
  }
}
