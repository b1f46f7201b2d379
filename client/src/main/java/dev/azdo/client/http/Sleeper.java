package dev.azdo.client.http;

import java.time.Duration;

/** Waits for a duration; tests substitute one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {

  /** The real sleeper, backed by {@link Thread#sleep(long)}. */
  Sleeper SYSTEM =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
      };

  /** Blocks for the given duration. */
  void sleep(Duration duration) throws InterruptedException;
}
