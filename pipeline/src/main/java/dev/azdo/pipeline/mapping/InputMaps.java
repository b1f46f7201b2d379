package dev.azdo.pipeline.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The value maps and the identity map of one plan: which run before a field's converter, the plan
 * lines showing them, and the report of values no map covered. Not thread-safe, like the plan.
 */
final class InputMaps {
  /** The work item type as a field, so a value map can name it. */
  static final FieldDefinition TYPE_FIELD =
      FieldDefinition.of("System.WorkItemType", "Work Item Type", FieldType.STRING);

  private final ValueMaps maps;
  private final IdentityMap identityMap;
  private final IdentityMap.Resolver identities;
  private final Map<String, Optional<ValueMap>> byField = new HashMap<>();
  private final List<ValueMap> used = new ArrayList<>();

  InputMaps(MappingSpec spec) {
    this.maps = spec.valueMaps();
    this.identityMap = spec.identityMap();
    this.identities = identityMap.resolver();
  }

  /** Returns the field's value map (one per field and plan, so its counts add up), or null. */
  ValueMap valueMap(FieldDefinition field) {
    return byField
        .computeIfAbsent(
            field.referenceName().toLowerCase(Locale.ROOT),
            k -> {
              ValueMap m = maps.forField(field);
              if (m != null) {
                used.add(m);
              }
              return Optional.ofNullable(m);
            })
        .orElse(null);
  }

  /** Returns the identity resolver for an identity field when a map is given, else null. */
  IdentityMap.Resolver identity(FieldDefinition field) {
    return field.type() == FieldType.IDENTITY && identityMap.isGiven() ? identities : null;
  }

  /**
   * Returns one line per value map that names a field no column fills, or a strict field with no
   * map.
   */
  static List<String> problems(MappingSpec spec, List<FieldMapping> rules, FieldCatalog catalog) {
    ValueMaps maps = spec.valueMaps();
    if (maps.fields().isEmpty() && maps.strictFields().isEmpty()) {
      // Nothing to check, and names() would read every type's fields (one call per type).
      return List.of();
    }
    Set<String> mapped = new HashSet<>();
    for (FieldMapping rule : rules) {
      if (rule.kind() != FieldMapping.Kind.CONSTANT) {
        mapped.addAll(names(rule.field(), catalog));
      }
    }
    List<String> problems = new ArrayList<>();
    for (ValueMaps.FieldEntries e : maps.fields()) {
      if (names(e.field(), catalog).stream().noneMatch(mapped::contains)) {
        problems.add(
            e.origins().get(0)
                + ": field \""
                + e.field()
                + "\" is not mapped from a column (value maps apply to a mapped column's values;"
                + " add --map COLUMN="
                + e.field()
                + ")");
      }
    }
    for (String strict : maps.strictFields()) {
      boolean hasMap = names(strict, catalog).stream().anyMatch(n -> maps.entries(n) != null);
      if (!hasMap) {
        problems.add(
            "--value-map-strict "
                + strict
                + ": no value map is given for this field; add --value-map \""
                + strict
                + ":FROM=TO\" or --value-map-file "
                + strict
                + "=FILE.csv");
      }
    }
    return problems;
  }

  // A field's reference and display names, folded, as any type of the project knows it.
  private static Set<String> names(String field, FieldCatalog catalog) {
    Set<String> names = new HashSet<>();
    names.add(ValueMaps.fold(field));
    if (field.equalsIgnoreCase(TYPE_FIELD.referenceName())
        || field.equalsIgnoreCase(TYPE_FIELD.name())) {
      names.add(ValueMaps.fold(TYPE_FIELD.referenceName()));
      names.add(ValueMaps.fold(TYPE_FIELD.name()));
    }
    for (String type : catalog.workItemTypes()) {
      catalog
          .workItemType(type)
          .flatMap(t -> t.field(field))
          .ifPresent(
              d -> {
                names.add(ValueMaps.fold(d.referenceName()));
                names.add(ValueMaps.fold(d.name()));
              });
    }
    return names;
  }

  /** Returns the plan lines showing each value map and the identity map. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (ValueMaps.FieldEntries e : maps.fields()) {
      boolean strict = maps.isStrict(e.field());
      lines.add(new ValueMap(e.field(), e.entries(), maps.ignoreCase(), strict).describe());
    }
    String identity = identityMap.describe();
    if (identity != null) {
      lines.add(identity);
    }
    return lines;
  }

  /**
   * Returns, after rows were mapped, one line per field whose values no value map entry covered and
   * one listing the unknown identities with their row counts.
   */
  List<String> report() {
    List<String> lines = new ArrayList<>();
    for (ValueMap m : used) {
      String line = m.uncoveredLine();
      if (line != null) {
        lines.add(line);
      }
    }
    String unknown = identities.unknownLine();
    if (unknown != null) {
      lines.add(unknown);
    }
    return lines;
  }
}
