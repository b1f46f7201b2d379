package dev.azdo.pipeline.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A work item type and its fields, found by reference name or display name, case-insensitively. */
public final class WorkItemTypeDefinition {
  private final String name;
  private final List<FieldDefinition> fields;
  private final Map<String, FieldDefinition> byName = new HashMap<>();

  /** Creates the type from its fields. */
  public WorkItemTypeDefinition(String name, List<FieldDefinition> fields) {
    this.name = name;
    this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
    for (FieldDefinition field : fields) {
      byName.put(field.referenceName().toLowerCase(Locale.ROOT), field);
    }
    // Reference names win over display names when the two collide.
    for (FieldDefinition field : fields) {
      byName.putIfAbsent(field.name().toLowerCase(Locale.ROOT), field);
    }
  }

  /** Returns the type name, such as {@code Bug}. */
  public String name() {
    return name;
  }

  /** Returns all fields in catalogue order. */
  public List<FieldDefinition> fields() {
    return fields;
  }

  /** Finds a field by reference name ({@code System.Title}) or display name ({@code Title}). */
  public Optional<FieldDefinition> field(String referenceOrName) {
    return Optional.ofNullable(byName.get(referenceOrName.strip().toLowerCase(Locale.ROOT)));
  }
}
