package dev.azdo.pipeline.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value maps a job gives ({@code --value-map "System.State:In Progress=Active"}, {@code
 * --value-map-file}, job YAML {@code value-maps:}), by field as the user named it: each replaces a
 * column's value before it is converted, so they serve any field, the work item type included.
 * Immutable once built; a plan takes a counting {@link ValueMap} per field from it.
 */
public final class ValueMaps {
  /** One field's entries and where they came from. */
  record FieldEntries(String field, Map<String, String> entries, List<String> origins) {}

  private final Map<String, FieldEntries> byField;
  private final boolean ignoreCase;
  private final Map<String, String> strict;

  private ValueMaps(
      Map<String, FieldEntries> byField, boolean ignoreCase, Map<String, String> strict) {
    this.byField = byField;
    this.ignoreCase = ignoreCase;
    this.strict = strict;
  }

  /** Returns maps with no entries. */
  public static ValueMaps none() {
    return new ValueMaps(Map.of(), false, Map.of());
  }

  /** Returns true when no value map is given. */
  public boolean isEmpty() {
    return byField.isEmpty() && strict.isEmpty();
  }

  /** Returns the fields as the user named them, in the order given. */
  List<FieldEntries> fields() {
    return List.copyOf(byField.values());
  }

  /** Returns the fields named by {@code --value-map-strict}, as the user wrote them. */
  java.util.Collection<String> strictFields() {
    return strict.values();
  }

  /** Returns true when the field, by either name, is strict. */
  boolean isStrict(String field) {
    return strict.containsKey(fold(field));
  }

  /**
   * Returns a counting map for a field, matched by its reference or display name, or null when no
   * map names it.
   */
  ValueMap forField(FieldDefinition field) {
    // A map may name the field by reference name and another by display name: both apply.
    FieldEntries byReference = byField.get(fold(field.referenceName()));
    FieldEntries byName = byField.get(fold(field.name()));
    if (byReference == null && byName == null) {
      return null;
    }
    Map<String, String> entries = new LinkedHashMap<>();
    if (byReference != null) {
      entries.putAll(byReference.entries());
    }
    if (byName != null && byName != byReference) {
      byName.entries().forEach(entries::putIfAbsent);
    }
    boolean isStrict = isStrict(field.referenceName()) || isStrict(field.name());
    return new ValueMap(field.label(), entries, ignoreCase, isStrict);
  }

  /** Returns the entries given for a field name (reference or display), or null. */
  FieldEntries entries(String field) {
    return byField.get(fold(field));
  }

  /** Returns true when matching ignores case ({@code --value-map-ignore-case}). */
  boolean ignoreCase() {
    return ignoreCase;
  }

  static String fold(String field) {
    return field.strip().toLowerCase(Locale.ROOT);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects value map entries; malformed ones are kept as problems. */
  public static final class Builder {
    private final Map<String, FieldEntries> byField = new LinkedHashMap<>();
    private final Map<String, String> strict = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private boolean ignoreCase;

    private Builder() {}

    /** Adds {@code FIELD:FROM=TO} as {@code --value-map} gives it. */
    public Builder add(String spec) {
      String origin = "--value-map " + spec;
      int colon = spec.indexOf(':');
      int eq = colon < 0 ? -1 : spec.indexOf('=', colon + 1);
      if (colon <= 0 || eq < 0 || spec.substring(colon + 1, eq).isBlank()) {
        problems.add(
            origin + ": expected FIELD:FROM=TO, such as \"System.State:In Progress=Active\"");
        return this;
      }
      return add(
          spec.substring(0, colon), spec.substring(colon + 1, eq), spec.substring(eq + 1), origin);
    }

    /** Adds one entry for a field; {@code origin} names where it came from, for messages. */
    public Builder add(String field, String from, String to, String origin) {
      FieldEntries e =
          byField.computeIfAbsent(
              fold(field),
              k -> new FieldEntries(field.strip(), new LinkedHashMap<>(), new ArrayList<>()));
      String key = from.strip();
      String previous = e.entries().put(key, to.strip());
      if (previous != null && !previous.equals(to.strip())) {
        problems.add(
            origin
                + ": \""
                + key
                + "\" is already mapped to \""
                + previous
                + "\" for "
                + field.strip());
      }
      if (!e.origins().contains(origin)) {
        e.origins().add(origin);
      }
      return this;
    }

    /** Records a problem found while reading a value map file. */
    public Builder problem(String problem) {
      problems.add(problem);
      return this;
    }

    /** Sets whether entries match regardless of case. */
    public Builder ignoreCase(boolean ignore) {
      this.ignoreCase = ignore;
      return this;
    }

    /** Rejects a field's values that no entry covers. */
    public Builder strict(String field) {
      strict.putIfAbsent(fold(field), field.strip());
      return this;
    }

    /** Returns the problems found so far, one line each. */
    public List<String> problems() {
      return problems;
    }

    /** Returns the maps. */
    public ValueMaps build() {
      if (ignoreCase) {
        for (FieldEntries e : byField.values()) {
          Map<String, String> folded = new LinkedHashMap<>();
          for (Map.Entry<String, String> entry : e.entries().entrySet()) {
            String previous = folded.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
            if (previous != null && !previous.equals(entry.getValue())) {
              problems.add(
                  "--value-map-ignore-case: \""
                      + entry.getKey()
                      + "\" of "
                      + e.field()
                      + " maps to both \""
                      + previous
                      + "\" and \""
                      + entry.getValue()
                      + "\"");
            }
          }
        }
      }
      Map<String, FieldEntries> copy = new LinkedHashMap<>();
      byField.forEach(
          (k, e) ->
              copy.put(
                  k,
                  new FieldEntries(
                      e.field(),
                      Collections.unmodifiableMap(new LinkedHashMap<>(e.entries())),
                      List.copyOf(e.origins()))));
      return new ValueMaps(
          copy, ignoreCase, Collections.unmodifiableMap(new LinkedHashMap<>(strict)));
    }
  }
}
