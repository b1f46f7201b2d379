package dev.azdo.pipeline.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the converter for a field once, so rows only run the conversion itself. */
final class Converters {
  /** The service rejects longer values in single-line string fields. */
  static final int MAX_STRING_LENGTH = 255;

  static final String TAGS = "System.Tags";

  private static final DateTimeFormatter ISO_OUT = DateTimeFormatter.ISO_INSTANT;

  private Converters() {}

  /** Returns the converter for a field; {@code option} is a date format or a rich-text mode. */
  static ValueConverter forField(
      FieldDefinition field, String option, List<String> dateFormats, ZoneId zone) {
    ValueConverter base = base(field, option, dateFormats, zone);
    if (field.allowedValues().isEmpty()) {
      return base;
    }
    return allowed(field, base);
  }

  /** Returns true when the option is understood for this field type. */
  static String checkOption(FieldDefinition field, String option) {
    if (option == null) {
      return null;
    }
    switch (field.type()) {
      case DATE_TIME:
        try {
          formatter(option);
          return null;
        } catch (IllegalArgumentException e) {
          return "\"" + option + "\" is not a date format: " + e.getMessage();
        }
      case HTML:
      case HISTORY:
        return switch (option.toLowerCase(Locale.ROOT)) {
          case "text", "markdown", "html" -> null;
          default -> "\"" + option + "\" is not a rich-text mode (text, markdown or html)";
        };
      default:
        return "field "
            + field.label()
            + " of type "
            + field.type().apiName()
            + " takes no format option";
    }
  }

  private static ValueConverter base(
      FieldDefinition field, String option, List<String> dateFormats, ZoneId zone) {
    if (field.referenceName().equalsIgnoreCase(TAGS)) {
      return Converters::tags;
    }
    return switch (field.type()) {
      case STRING, PICKLIST_STRING -> string(field);
      case INTEGER, PICKLIST_INTEGER -> Converters::integer;
      case DOUBLE, PICKLIST_DOUBLE -> Converters::decimal;
      case BOOLEAN -> Converters::bool;
      case DATE_TIME -> dates(option != null ? List.of(option) : dateFormats, zone);
      case HTML, HISTORY -> richText(option);
      case TREE_PATH -> Converters::treePath;
      case GUID -> Converters::guid;
      case IDENTITY -> String::strip;
      case PLAIN_TEXT -> text -> text;
    };
  }

  private static ValueConverter string(FieldDefinition field) {
    String limit = " characters long; " + field.label() + " allows at most " + MAX_STRING_LENGTH;
    return text -> {
      String value = text.strip();
      if (value.length() > MAX_STRING_LENGTH) {
        throw new ConversionException("is " + value.length() + limit);
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        // Single-line string fields silently drop line breaks in the web UI; keep them as spaces.
        value = value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
      }
      return value;
    };
  }

  static Object integer(String text) throws ConversionException {
    String value = text.strip();
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      // Spreadsheets and JDBC doubles give "3.0" for whole numbers.
      int dot = value.indexOf('.');
      if (dot > 0 && value.substring(dot + 1).chars().allMatch(c -> c == '0')) {
        try {
          return Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException ignored) {
          // Falls through to the message below.
        }
      }
      throw new ConversionException(quote(text) + " is not a whole number");
    }
  }

  static Object decimal(String text) throws ConversionException {
    String value = text.strip();
    try {
      double d = Double.parseDouble(value);
      if (Double.isNaN(d) || Double.isInfinite(d) || value.endsWith("d") || value.endsWith("f")) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new ConversionException(quote(text) + " is not a number (use . for decimals)");
    }
  }

  static Object bool(String text) throws ConversionException {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> Boolean.TRUE;
      case "false", "no", "n", "0" -> Boolean.FALSE;
      default -> throw new ConversionException(quote(text) + " is not true/false (or yes/no, 1/0)");
    };
  }

  static Object treePath(String text) {
    return text.strip().replace('/', '\\');
  }

  static Object guid(String text) throws ConversionException {
    try {
      return UUID.fromString(text.strip()).toString();
    } catch (IllegalArgumentException e) {
      throw new ConversionException(quote(text) + " is not a GUID");
    }
  }

  /** Normalizes "a; b", "a,b" or "a;b" to the service's "a; b", dropping blanks and repeats. */
  static Object tags(String text) {
    String[] tags = new String[8];
    int count = 0;
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i == n ? ';' : text.charAt(i);
      if (c == ';' || c == ',') {
        String tag = text.substring(start, i).strip();
        start = i + 1;
        if (tag.isEmpty()) {
          continue;
        }
        // Rows carry a handful of tags, so a linear scan beats hashing.
        boolean repeat = false;
        for (int j = 0; j < count && !repeat; j++) {
          repeat = tags[j].equalsIgnoreCase(tag);
        }
        if (!repeat) {
          if (count == tags.length) {
            tags = java.util.Arrays.copyOf(tags, count * 2);
          }
          tags[count++] = tag;
        }
      }
    }
    if (count == 1) {
      return tags[0];
    }
    StringBuilder joined = new StringBuilder(n + 8);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        joined.append("; ");
      }
      joined.append(tags[i]);
    }
    return joined.toString();
  }

  private static ValueConverter richText(String option) {
    String mode = option == null ? "text" : option.toLowerCase(Locale.ROOT);
    return switch (mode) {
      case "markdown" -> RichText::markdownToHtml;
      case "html" -> text -> text;
      default -> RichText::plainToHtml;
    };
  }

  /** What the defaults accept, for messages. */
  static final String DEFAULT_DATES =
      "ISO-8601 (yyyy-MM-dd, yyyy-MM-ddTHH:mm:ss[.fraction][Z|+hh:mm]), yyyy-MM-dd"
          + " HH:mm:ss[.fraction] (SQL) and spreadsheet serial day numbers (45352)";

  private static final String DATE_FORMAT_HINT =
      "; give the source's pattern with --date-format, such as --date-format \"dd/MMM/yy h:mm"
          + " a\" for 12/Mar/24 3:04 PM";

  /**
   * Returns a converter trying the patterns in order, or without patterns the defaults: ISO-8601,
   * SQL's {@code yyyy-MM-dd HH:mm:ss[.fraction]} and spreadsheet serial day numbers.
   */
  static ValueConverter dates(List<String> formats, ZoneId zone) {
    List<DateTimeFormatter> parsers = new ArrayList<>();
    for (String format : formats == null ? List.<String>of() : formats) {
      parsers.add(formatter(format));
    }
    if (!parsers.isEmpty()) {
      return byPatterns(formats, parsers, zone);
    }
    return text -> {
      String value = defaultDate(text.strip(), zone);
      if (value == null) {
        throw new ConversionException(
            quote(text) + " is not a date: tried " + DEFAULT_DATES + DATE_FORMAT_HINT);
      }
      return value;
    };
  }

  // Given patterns replace the defaults, so 03/04/2024 is never read two ways in one column.
  private static ValueConverter byPatterns(
      List<String> formats, List<DateTimeFormatter> parsers, ZoneId zone) {
    String expected =
        formats.size() == 1
            ? "in format " + formats.get(0)
            : "in any of the formats " + String.join(", ", formats);
    return text -> {
      String value = text.strip();
      for (DateTimeFormatter parser : parsers) {
        try {
          TemporalAccessor parsed =
              parser.parseBest(value, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
          return utc(toInstant(parsed, zone));
        } catch (DateTimeParseException e) {
          // Try the next format.
        }
      }
      throw new ConversionException(quote(text) + " is not a date " + expected);
    };
  }

  /** ISO-8601, then SQL's space-separated form, then a serial day number; null when none fits. */
  private static String defaultDate(String value, ZoneId zone) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      if (value.length() > 10 && value.charAt(10) == ' ' && value.charAt(4) == '-') {
        // SQL's yyyy-MM-dd HH:mm:ss[.fraction], as SQLite DATETIME text and database exports.
        return isoDate(value.substring(0, 10) + 'T' + value.substring(11).strip(), zone);
      }
      return isoDate(value, zone);
    } catch (DateTimeParseException e) {
      return serialDate(value, zone);
    }
  }

  // Spreadsheets count days from 1899-12-30 (1900-02-29, which never was, is serial 60), and
  // their largest date, 9999-12-31, is serial 2958465.
  private static String serialDate(String value, ZoneId zone) {
    if (!value.matches("\\d{1,7}(\\.\\d+)?")) {
      return null;
    }
    double serial = Double.parseDouble(value);
    if (serial < 1 || serial >= 2_958_466) {
      return null;
    }
    long days = (long) Math.floor(serial);
    long millis = Math.round((serial - days) * 86_400_000d);
    LocalDate epoch = days < 61 ? LocalDate.of(1899, 12, 31) : LocalDate.of(1899, 12, 30);
    LocalDateTime when = epoch.plusDays(days).atStartOfDay().plusNanos(millis * 1_000_000L);
    return utc(when.atZone(zone).toInstant());
  }

  private static String isoDate(String value, ZoneId zone) {
    if (value.length() == 10) {
      LocalDate date = fastIsoDate(value);
      if (date == null) {
        date = LocalDate.parse(value);
      }
      return zone.equals(ZoneOffset.UTC)
          ? value + "T00:00:00Z"
          : utc(date.atStartOfDay(zone).toInstant());
    }
    char last = value.charAt(value.length() - 1);
    if (last == 'Z' || value.lastIndexOf('+') > 10 || value.lastIndexOf('-') > 10) {
      return ISO_OUT.format(OffsetDateTime.parse(value).toInstant());
    }
    return utc(LocalDateTime.parse(value).atZone(zone).toInstant());
  }

  /** Parses a plain yyyy-MM-dd without the formatter machinery; null when it is not that shape. */
  private static LocalDate fastIsoDate(String v) {
    if (v.charAt(4) != '-' || v.charAt(7) != '-') {
      return null;
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 7);
    int day = digits(v, 8, 10);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (java.time.DateTimeException e) {
      throw new DateTimeParseException("invalid date", v, 0);
    }
  }

  private static int digits(String v, int from, int to) {
    int result = 0;
    for (int i = from; i < to; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      result = result * 10 + (c - '0');
    }
    return result;
  }

  /** Formats an instant as yyyy-MM-ddTHH:mm:ssZ (fractions only when present), like ISO_INSTANT. */
  static String utc(Instant instant) {
    if (instant.getNano() != 0 || instant.getEpochSecond() < 0) {
      return ISO_OUT.format(instant);
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(20);
    pad(out, t.getYear(), 4).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append('T');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2).append('Z');
    return out.toString();
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  private static Instant toInstant(TemporalAccessor parsed, ZoneId zone) {
    if (parsed instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (parsed instanceof LocalDateTime local) {
      return local.atZone(zone).toInstant();
    }
    return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
  }

  /** Compiles a user pattern strictly, so 31/02/2024 fails instead of rolling to March. */
  static DateTimeFormatter formatter(String pattern) {
    StringBuilder strict = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      // STRICT resolving needs the proleptic year "u"; "y" is year-of-era and would need an era.
      strict.append(!quoted && c == 'y' ? 'u' : c);
    }
    // Case-insensitive, so exports writing MAR or mar for Mar still parse with MMM.
    return new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .appendPattern(strict.toString())
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private static ValueConverter allowed(FieldDefinition field, ValueConverter base) {
    Map<String, String> canonical = new HashMap<>();
    Set<String> exact = new java.util.HashSet<>(field.allowedValues());
    Set<Long> numbers = new java.util.HashSet<>();
    for (String value : field.allowedValues()) {
      canonical.put(value.toLowerCase(Locale.ROOT), value);
      try {
        numbers.add(Long.parseLong(value.strip()));
      } catch (NumberFormatException e) {
        // Not a whole number; only matched as text.
      }
    }
    String listing = String.join(", ", field.allowedValues());
    return text -> {
      Object converted = base.convert(text);
      // Most data already uses the exact allowed spelling; check that before folding case.
      if (converted instanceof Long l ? numbers.contains(l) : exact.contains(converted)) {
        return converted;
      }
      String match = canonical.get(String.valueOf(converted).toLowerCase(Locale.ROOT));
      if (match == null) {
        throw new ConversionException(
            quote(text)
                + " is not an allowed value of "
                + field.label()
                + " (allowed: "
                + listing
                + ")");
      }
      return converted instanceof String ? match : converted;
    };
  }

  static String quote(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "\"" + shown.replace("\n", "\\n").replace("\r", "\\r") + "\"";
  }
}
