package dev.azdo.pipeline.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One field's value map inside a plan: replaces a column's text by its entry before conversion,
 * keeps (or, when strict, rejects) text no entry covers, and counts those values for the plan's
 * report. Not thread-safe, like the plan that holds it.
 */
final class ValueMap {
  // Distinct uncovered values kept for the report; more only add to the total.
  private static final int MAX_LISTED = 50;

  private final String label;
  private final Map<String, String> entries;
  private final Map<String, String> shown;
  private final boolean ignoreCase;
  private final boolean strict;
  private final Map<String, Long> uncovered = new LinkedHashMap<>();
  private long uncoveredRows;

  ValueMap(String label, Map<String, String> given, boolean ignoreCase, boolean strict) {
    this.label = label;
    this.ignoreCase = ignoreCase;
    this.strict = strict;
    this.entries = new HashMap<>(given.size() * 2);
    for (Map.Entry<String, String> e : given.entrySet()) {
      entries.put(key(e.getKey()), e.getValue());
    }
    this.shown = given;
  }

  private String key(String text) {
    String k = text.strip();
    return ignoreCase ? k.toLowerCase(Locale.ROOT) : k;
  }

  /**
   * Returns the entry for the text, or the text itself when none covers it.
   *
   * @throws ConversionException for uncovered text of a strict map, listing the known values
   */
  String apply(String text) throws ConversionException {
    String to = entries.get(key(text));
    if (to != null) {
      return to;
    }
    String value = text.strip();
    uncoveredRows++;
    if (uncovered.containsKey(value) || uncovered.size() < MAX_LISTED) {
      uncovered.merge(value, 1L, Long::sum);
    }
    if (strict) {
      throw new ConversionException(
          Converters.quote(text)
              + " has no entry in the value map of "
              + label
              + " (known: "
              + String.join(", ", shown.keySet())
              + "); add --value-map \""
              + label.replaceAll(" \\(.*", "")
              + ":"
              + value
              + "=VALUE\"");
    }
    return text;
  }

  /** Returns the plan line showing the map. */
  String describe() {
    List<String> pairs = new ArrayList<>();
    shown.forEach((from, to) -> pairs.add("\"" + from + "\" -> \"" + to + "\""));
    return "value map "
        + label
        + ": "
        + String.join(", ", pairs)
        + (ignoreCase ? " (ignoring case)" : "")
        + (strict ? " (strict: other values are rejected)" : "");
  }

  /**
   * Returns the line counting the values seen that no entry covers, or null when there were none.
   */
  String uncoveredLine() {
    if (uncoveredRows == 0) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    uncovered.forEach((v, n) -> parts.add("\"" + v + "\" " + n + (n == 1 ? " row" : " rows")));
    long listed = uncovered.values().stream().mapToLong(Long::longValue).sum();
    return "values of "
        + label
        + " no value map entry covers"
        + (strict ? " (rejected)" : " (kept as they are)")
        + ": "
        + String.join(", ", parts)
        + (listed < uncoveredRows ? ", and " + (uncoveredRows - listed) + " rows more" : "");
  }
}
