package dev.azdo.client.http;

import dev.azdo.client.AzdoException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one reader of the waits a service demands: Retry-After (seconds or an HTTP date) and, on a
 * 429 without it, X-RateLimit-Reset (epoch seconds); and the one check of them against the cap.
 */
public final class RetryAfter {
  private static final int TOO_MANY_REQUESTS = 429;
  private static final long SECONDS_PER_YEAR = 31_556_952L;
  // The longest wait kept (about 317 million years): now plus it still fits in an Instant.
  private static final long MAX_SECONDS = 10_000_000_000_000_000L;

  private RetryAfter() {}

  /**
   * Reads a header's number (Retry-After seconds, X-RateLimit-* TSTUs, seconds or epoch seconds):
   * whole, fractional or with an exponent; null when absent or not a number.
   */
  static Double number(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Returns the wait the header asks for (never negative), or null when absent or unreadable. */
  public static Duration parse(String value, Clock clock) {
    Double n = number(value);
    if (n != null) {
      // Azure DevOps sends whole seconds, but accept fractions and exponents (1e12) as some
      // proxies send; an absurd value is kept as about 317 million years.
      return seconds(n);
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException notDate) {
      return null;
    }
  }

  /**
   * Returns the wait a response demands before the next request: its Retry-After, or for a 429
   * without one the time until X-RateLimit-Reset; null when it demands none.
   */
  public static Duration demanded(Response response, Clock clock) {
    Duration retryAfter = parse(response.header("Retry-After"), clock);
    if (retryAfter != null || response.status() != TOO_MANY_REQUESTS) {
      return retryAfter;
    }
    Double epochSeconds = number(response.header("X-RateLimit-Reset"));
    if (epochSeconds == null) {
      return null;
    }
    Duration untilReset = seconds(epochSeconds - clock.instant().getEpochSecond());
    return untilReset == null ? Duration.ZERO : untilReset;
  }

  /** Names the header a response's demanded wait came from, with its value, for messages. */
  public static String source(Response response) {
    String retryAfter = response.header("Retry-After");
    if (retryAfter != null && !retryAfter.isBlank()) {
      return "Retry-After: " + shortValue(retryAfter);
    }
    return "X-RateLimit-Reset: " + shortValue(response.header("X-RateLimit-Reset"));
  }

  /**
   * Returns the failure for a demanded wait longer than the cap (kind {@link
   * AzdoException.Kind#WAIT_TOO_LONG}), or null when the wait is within it.
   */
  public static AzdoException overCap(Response response, Duration demanded, Duration cap) {
    if (demanded == null || demanded.compareTo(cap) <= 0) {
      return null;
    }
    return new AzdoException(
        AzdoException.Kind.WAIT_TOO_LONG,
        response.status(),
        null,
        null,
        response.request().uri().getHost()
            + " asked to wait "
            + human(demanded)
            + " before the next request ("
            + source(response)
            + "), longer than retry-max-wait ("
            + human(cap)
            + ")");
  }

  /** Writes a wait in the largest unit that reads well: 45 s, 4 min 10 s, 3.5 h, 12 days, years. */
  public static String human(Duration d) {
    long s = d.getSeconds();
    if (s < 60) {
      long millis = d.toMillis();
      return millis < 10_000 && millis % 1000 != 0
          ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
          : s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%.1f h", s / 3600.0).replace(".0 h", " h");
    }
    if (s < SECONDS_PER_YEAR) {
      long days = Math.round(s / 86_400.0);
      return days + (days == 1 ? " day" : " days");
    }
    long years = s / SECONDS_PER_YEAR;
    return String.format(Locale.ROOT, "%,d year%s", years, years == 1 ? "" : "s");
  }

  private static Duration seconds(double seconds) {
    if (Double.isNaN(seconds) || seconds < 0) {
      return null;
    }
    if (seconds >= MAX_SECONDS) {
      return Duration.ofSeconds(MAX_SECONDS);
    }
    long whole = (long) seconds;
    return Duration.ofSeconds(whole, (long) ((seconds - whole) * 1_000_000_000L));
  }

  // A header is not a secret, but keep a hostile one from filling the message.
  private static String shortValue(String v) {
    String t = v == null ? "" : v.strip();
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }
}
