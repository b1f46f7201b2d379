package dev.azdo.emulator.wiql;

import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.WorkItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service's value semantics for WIQL: which kind a field compares as, how stored values read,
 * equality, ordering, CONTAINS and CONTAINS WORDS, UNDER, identities and WIQL dates.
 */
final class WiqlValues {
  static final String HIERARCHY_FORWARD = "system.linktypes.hierarchy-forward";
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern OFFSET = Pattern.compile("[+-]\\d\\d:?\\d\\d$");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");
  private static final DateTimeFormatter US_DASH_DATE = DateTimeFormatter.ofPattern("M-d-yyyy");
  private static final Map<String, String> LINK_ALIASES =
      Map.of(
          "child", HIERARCHY_FORWARD,
          "parent", "system.linktypes.hierarchy-reverse",
          "related", "system.linktypes.related",
          "successor", "system.linktypes.dependency-forward",
          "predecessor", "system.linktypes.dependency-reverse",
          "duplicate", "system.linktypes.duplicate-forward",
          "duplicate of", "system.linktypes.duplicate-reverse");

  private WiqlValues() {}

  /** How a field's values compare. */
  enum Kind {
    STRING,
    NUMBER,
    DATE,
    BOOL,
    IDENTITY,
    PATH,
    TEXT,
    TAGS,
    LINK
  }

  /** An identity operand: every lower-cased form (name, email, "Name <email>") it matches. */
  record IdentityMatch(Set<String> forms) {}

  // Kinds that compare with each other: text-like ones, numbers, dates, booleans.
  static int family(Kind k) {
    return switch (k) {
      case NUMBER -> 1;
      case DATE -> 2;
      case BOOL -> 3;
      case LINK -> 4;
      default -> 0;
    };
  }

  static Kind kindOf(FieldDef def) {
    String ref = def.referenceName();
    if (ref.equalsIgnoreCase(BuiltInFields.LINK_TYPE)) {
      return Kind.LINK;
    }
    if (ref.equalsIgnoreCase("System.Tags")) {
      return Kind.TAGS;
    }
    if (ref.equalsIgnoreCase("System.AreaPath") || ref.equalsIgnoreCase("System.IterationPath")) {
      return Kind.PATH;
    }
    if (def.identity()) {
      return Kind.IDENTITY;
    }
    String type = def.type() == null ? "string" : def.type().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "integer", "double", "int", "long", "decimal" -> Kind.NUMBER;
      case "datetime", "date" -> Kind.DATE;
      case "boolean" -> Kind.BOOL;
      case "identity" -> Kind.IDENTITY;
      case "treepath" -> Kind.PATH;
      case "html", "plaintext", "history" -> Kind.TEXT;
      default -> Kind.STRING;
    };
  }

  /** A field's stored value; System.Id and System.Rev come from the record itself. */
  static Object raw(WorkItem w, String ref) {
    if (ref.equalsIgnoreCase("System.Id")) {
      return w.id();
    }
    if (ref.equalsIgnoreCase("System.Rev")) {
      return w.rev();
    }
    Object v = w.fields() == null ? null : w.fields().get(ref);
    if (v == null && ref.equalsIgnoreCase("System.CommentCount")) {
      return w.commentCount();
    }
    return v;
  }

  /** The text of a stored value; identity objects become "Name <email>". */
  static String text(Object v) {
    if (v instanceof Map<?, ?> m) {
      Object name = m.get("displayName");
      Object unique = m.get("uniqueName");
      return unique == null ? String.valueOf(name) : name + " <" + unique + ">";
    }
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  static boolean isEmpty(Kind k, Object raw) {
    if (raw == null) {
      return true;
    }
    String s = text(raw);
    if (k == Kind.TEXT) {
      s = TAG.matcher(s).replaceAll("").replace("&nbsp;", " ");
    }
    return s.isBlank();
  }

  static boolean equal(Kind k, Object a, Object v) {
    if ("".equals(v)) {
      return a == null || (a instanceof String s && s.isBlank());
    }
    if (a == null) {
      return false;
    }
    if (v instanceof IdentityMatch m) {
      for (String form : identityForms((String) a)) {
        if (m.forms().contains(form)) {
          return true;
        }
      }
      return false;
    }
    if (a instanceof Double x && v instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    return compare(a, v) == 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (b instanceof IdentityMatch m) {
      b = m.forms().iterator().next();
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable c) {
      return c.compareTo(b);
    }
    return text(a).toLowerCase(Locale.ROOT).compareTo(text(b).toLowerCase(Locale.ROOT));
  }

  static int compareNullsFirst(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return compare(a, b);
  }

  static boolean contains(Kind k, Object a, Object v) {
    if (a == null) {
      return false;
    }
    String hay = text(a).toLowerCase(Locale.ROOT);
    String needle = v instanceof IdentityMatch m ? m.forms().iterator().next() : text(v);
    needle = needle.toLowerCase(Locale.ROOT);
    if (k == Kind.TAGS) {
      // Tags match whole tags: "Tags CONTAINS 'ui'" does not match the tag "build".
      for (String tag : hay.split(";")) {
        if (tag.trim().equals(needle.trim())) {
          return true;
        }
      }
      return false;
    }
    if (k == Kind.TEXT) {
      hay = TAG.matcher(hay).replaceAll(" ");
    }
    return hay.contains(needle);
  }

  static boolean containsWords(Kind k, Object a, Object v) {
    if (a == null) {
      return false;
    }
    String hay = TAG.matcher(text(a).toLowerCase(Locale.ROOT)).replaceAll(" ");
    Set<String> words = new HashSet<>();
    for (String w : hay.split("[^\\p{L}\\p{N}_]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    for (String w : text(v).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_*]+")) {
      if (w.isEmpty()) {
        continue;
      }
      if (w.endsWith("*")) {
        String prefix = w.substring(0, w.length() - 1);
        if (words.stream().noneMatch(x -> x.startsWith(prefix))) {
          return false;
        }
      } else if (!words.contains(w)) {
        return false;
      }
    }
    return true;
  }

  static boolean under(Object a, Object v) {
    if (a == null) {
      return false;
    }
    String path = a.toString();
    String root = v.toString();
    return path.equals(root) || path.startsWith(root.endsWith("\\") ? root : root + "\\");
  }

  /** The lower-cased forms an identity value matches by: whole, display name and email. */
  static List<String> identityForms(String lower) {
    int lt = lower.lastIndexOf('<');
    if (lt > 0 && lower.endsWith(">")) {
      return List.of(
          lower, lower.substring(0, lt).trim(), lower.substring(lt + 1, lower.length() - 1).trim());
    }
    return List.of(lower.trim());
  }

  static String linkType(String text) {
    String lower = text.trim().toLowerCase(Locale.ROOT);
    return LINK_ALIASES.getOrDefault(lower, lower);
  }

  /** The id a work item relation points to, or -1 for other links (hyperlinks, artifacts). */
  static int targetId(String url) {
    if (url == null) {
      return -1;
    }
    int at = url.toLowerCase(Locale.ROOT).lastIndexOf("/workitems/");
    if (at < 0) {
      return -1;
    }
    String tail = url.substring(at + "/workitems/".length());
    int end = 0;
    while (end < tail.length() && Character.isDigit(tail.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Integer.parseInt(tail.substring(0, end));
  }

  /** The reverse of a link type: -Forward and -Reverse swap; Related is its own reverse. */
  static String inverse(String rel) {
    if (rel.endsWith("-Forward")) {
      return rel.substring(0, rel.length() - "-Forward".length()) + "-Reverse";
    }
    if (rel.endsWith("-Reverse")) {
      return rel.substring(0, rel.length() - "-Reverse".length()) + "-Forward";
    }
    if (rel.equalsIgnoreCase("System.LinkTypes.Related")) {
      return rel;
    }
    return null;
  }

  /** A stored date as an instant, or null. */
  static Instant instant(Object raw) {
    if (raw == null) {
      return null;
    }
    Object d = parseDate(raw.toString());
    if (d instanceof LocalDate day) {
      return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return (Instant) d;
  }

  /**
   * Parses a WIQL date: a LocalDate for a date alone ('2024-01-31', '1/31/2024', '01-31-2024'), an
   * Instant when a time is given (ISO-8601, UTC when no offset); null when it is not a date.
   */
  static Object parseDate(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      if (t.length() <= 10 && t.indexOf('T') < 0 && t.indexOf(' ') < 0) {
        if (t.indexOf('/') > 0) {
          return LocalDate.parse(t, US_DATE);
        }
        if (t.length() == 10 && t.charAt(4) == '-') {
          return LocalDate.parse(t);
        }
        return LocalDate.parse(t, US_DASH_DATE);
      }
      Instant fast = fastUtc(t);
      if (fast != null) {
        return fast;
      }
      String iso = t.replace(' ', 'T');
      if (iso.endsWith("Z") || OFFSET.matcher(iso).find()) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  /**
   * Parses the form work items store dates in, "yyyy-MM-ddTHH:mm:ss[.fff]Z", without a formatter: a
   * 20,000-item sort parses every date once and formatters dominate that cost. Null otherwise.
   */
  static Instant fastUtc(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    int nanos = 0;
    if (n > 20) {
      if (t.charAt(19) != '.' || n - 21 > 9) {
        return null;
      }
      int frac = digits(t, 20, n - 1);
      if (frac < 0) {
        return null;
      }
      nanos = frac;
      for (int i = n - 21; i < 9; i++) {
        nanos *= 10;
      }
    } else if (n != 20) {
      return null;
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second, nanos);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
