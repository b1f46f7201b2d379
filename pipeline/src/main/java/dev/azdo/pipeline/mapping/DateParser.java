package dev.azdo.pipeline.mapping;

import java.time.ZoneId;
import java.util.List;

/**
 * Parses dates exactly as mapped date fields are parsed (ISO-8601 without formats, else the given
 * patterns, strictly), for values that are not work item fields, such as iteration dates.
 * Thread-safe.
 */
public final class DateParser {
  private final ValueConverter converter;

  private DateParser(ValueConverter converter) {
    this.converter = converter;
  }

  /** Returns a parser trying the patterns in order (ISO-8601 when there are none). */
  public static DateParser of(List<String> patterns, ZoneId zone) {
    return new DateParser(Converters.dates(patterns, zone));
  }

  /**
   * Returns the date as {@code yyyy-MM-ddTHH:mm:ssZ}.
   *
   * @throws IllegalArgumentException with the reason a person reads, naming the value
   */
  public String toUtc(String text) {
    try {
      return (String) converter.convert(text);
    } catch (ConversionException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
