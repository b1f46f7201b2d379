package dev.azdo.pipeline.writer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.pipeline.mapping.WorkItemPatch;
import dev.azdo.pipeline.report.FieldNotKept;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the fields a write sent with the fields the service answered for the work item, so a
 * value the service accepted and then dropped or replaced (a state-stamped date, a value a rule
 * overwrote) is reported instead of lost in silence. The service answers values in its own form, so
 * the comparison forgives what it normalises: case of allowed values and paths, date precision and
 * offsets, number forms, tag order, identities answered as objects, and rewritten HTML.
 */
final class KeptFields {
  // System.History is a comment, not a field value the item keeps.
  private static final Set<String> NOT_COMPARED = Set.of("system.history");

  private KeptFields() {}

  /**
   * Returns the fields of the patch that the answered fields do not hold as sent, in patch order.
   *
   * @param sent the patch that was written
   * @param answered the {@code fields} object of the service's answer (missing: nothing compared)
   */
  static List<FieldNotKept> compare(WorkItemPatch sent, JsonNode answered) {
    if (sent == null || answered == null || !answered.isObject()) {
      return List.of();
    }
    List<FieldNotKept> notKept = new ArrayList<>();
    for (Map.Entry<String, Object> e : sent.fields().entrySet()) {
      String field = e.getKey();
      Object value = e.getValue();
      if (NOT_COMPARED.contains(field.toLowerCase(Locale.ROOT))
          || value == null
          || value.toString().isBlank()) {
        // An empty value asks for nothing to be kept; defaults may fill it.
        continue;
      }
      JsonNode got = answeredField(answered, field);
      if (got == null || got.isNull() || got.asText().isEmpty() && !got.isContainerNode()) {
        notKept.add(new FieldNotKept(field, value.toString(), null));
      } else if (!same(field, value, got)) {
        notKept.add(new FieldNotKept(field, value.toString(), text(got)));
      }
    }
    return notKept;
  }

  private static JsonNode answeredField(JsonNode answered, String field) {
    JsonNode exact = answered.get(field);
    if (exact != null) {
      return exact;
    }
    // Reference names are case-insensitive.
    for (var it = answered.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.equalsIgnoreCase(field)) {
        return answered.get(name);
      }
    }
    return null;
  }

  private static boolean same(String field, Object sent, JsonNode got) {
    if (got.isObject()) {
      return sameIdentity(sent.toString(), got);
    }
    if (sent instanceof Boolean b) {
      return got.isBoolean() ? got.asBoolean() == b : got.asText().equalsIgnoreCase(b.toString());
    }
    if (sent instanceof Number n) {
      return sameNumber(n.doubleValue(), got);
    }
    String s = sent.toString().strip();
    String g = got.asText().strip();
    if (s.equalsIgnoreCase(g)) {
      return true;
    }
    if (field.equalsIgnoreCase("System.Tags")) {
      return tags(s).equals(tags(g));
    }
    if (got.isNumber()) {
      try {
        return sameNumber(Double.parseDouble(s), got);
      } catch (NumberFormatException e) {
        return false;
      }
    }
    OffsetDateTime sentDate = date(s);
    OffsetDateTime gotDate = sentDate == null ? null : date(g);
    if (sentDate != null && gotDate != null) {
      // The service keeps milliseconds and answers in UTC.
      return sentDate
          .toInstant()
          .truncatedTo(ChronoUnit.MILLIS)
          .equals(gotDate.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
    // Rich text comes back sanitised and re-serialised: kept when the service answered some.
    return s.indexOf('<') >= 0 && g.indexOf('<') >= 0;
  }

  private static boolean sameNumber(double sent, JsonNode got) {
    double g;
    if (got.isNumber()) {
      g = got.asDouble();
    } else {
      try {
        g = Double.parseDouble(got.asText().strip());
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return Math.abs(sent - g) <= 1e-9 * Math.max(1, Math.abs(sent));
  }

  // An identity comes back as an object: kept when its name or e-mail is the one sent.
  private static boolean sameIdentity(String sent, JsonNode who) {
    String s = sent.strip().toLowerCase(Locale.ROOT);
    String name = who.path("displayName").asText("").toLowerCase(Locale.ROOT);
    String unique = who.path("uniqueName").asText("").toLowerCase(Locale.ROOT);
    String combined = name + " <" + unique + ">";
    return s.equals(name) || s.equals(unique) || s.equals(combined) || combined.contains(s);
  }

  private static Set<String> tags(String text) {
    Set<String> out = new TreeSet<>();
    for (String t : text.split(";")) {
      if (!t.isBlank()) {
        out.add(t.strip().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static OffsetDateTime date(String text) {
    if (text.length() < 10 || !Character.isDigit(text.charAt(0))) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode got) {
    if (got.isObject()) {
      String name = got.path("displayName").asText("");
      String unique = got.path("uniqueName").asText("");
      return unique.isEmpty() ? name : name + " <" + unique + ">";
    }
    return got.asText();
  }
}
