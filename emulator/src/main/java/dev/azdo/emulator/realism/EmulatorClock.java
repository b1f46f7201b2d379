package dev.azdo.emulator.realism;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's clock: real time plus an offset that tests move forward through the control API,
 * so throttle windows and token lifetimes pass without waiting.
 */
public final class EmulatorClock extends Clock {
  private final Clock base;
  private final AtomicLong offsetMillis;

  /** Creates a clock that follows {@code base} until advanced. */
  public EmulatorClock(Clock base) {
    this(base, new AtomicLong());
  }

  private EmulatorClock(Clock base, AtomicLong offsetMillis) {
    this.base = base;
    this.offsetMillis = offsetMillis;
  }

  /** Moves the clock forward (never backward: the service's time only runs forward). */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    offsetMillis.addAndGet(by.toMillis());
  }

  /** How far the clock has been moved ahead of real time. */
  public Duration offset() {
    return Duration.ofMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EmulatorClock(base.withZone(zone), offsetMillis);
  }

  @Override
  public Instant instant() {
    return base.instant().plusMillis(offsetMillis.get());
  }

  @Override
  public long millis() {
    return base.millis() + offsetMillis.get();
  }
}
