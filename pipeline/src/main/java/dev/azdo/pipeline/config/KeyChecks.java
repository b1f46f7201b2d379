package dev.azdo.pipeline.config;

import java.nio.charset.Charset;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** The validators settings share: ranges, fixed choices, charsets and time zones. */
final class KeyChecks {
  private KeyChecks() {}

  /** Accepts whole numbers from min to max. */
  static JobKey.Validator range(long min, long max) {
    return v -> {
      long n = ((Number) v).longValue();
      return n < min || n > max
          ? "must be " + min + (max == Long.MAX_VALUE ? " or more" : " to " + max) + ", was " + n
          : null;
    };
  }

  /** Accepts one of the values, ignoring case. */
  static JobKey.Validator oneOf(String... values) {
    return new JobKey.OneOf(List.of(values));
  }

  /** Accepts a charset name Java knows. */
  static String charset(Object v) {
    try {
      Charset.forName(v.toString().strip());
      return null;
    } catch (IllegalArgumentException e) {
      return "\"" + v + "\" is not a known charset";
    }
  }

  /** Accepts a time zone id. */
  static String zone(Object v) {
    try {
      ZoneId.of(v.toString().strip());
      return null;
    } catch (DateTimeException e) {
      return "\"" + v + "\" is not a time zone such as UTC or Europe/Berlin";
    }
  }
}
