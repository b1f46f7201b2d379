package dev.azdo.client.testing;

import dev.azdo.client.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when something sleeps on it; records every sleep. */
public final class FakeTime implements Sleeper {
  private volatile Instant now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  /** Starts at the given instant. */
  public FakeTime(Instant start) {
    this.now = start;
  }

  /** Starts at 2026-01-01T00:00:00Z. */
  public FakeTime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  /** Moves time forward without recording a sleep. */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** Returns every sleep so far. */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** Returns the current fake instant. */
  public Instant now() {
    return now;
  }

  /** Returns a Clock reading this fake time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }
}
