package dev.azdo.pipeline.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One field of a work item type: reference name ({@code System.Title}), display name ({@code
 * Title}), type, whether it is read-only or must be given, and its allowed values (empty: any).
 */
public record FieldDefinition(
    String referenceName,
    String name,
    FieldType type,
    boolean readOnly,
    boolean required,
    List<String> allowedValues) {

  /** Checks the names and copies the allowed values. */
  public FieldDefinition {
    Objects.requireNonNull(referenceName, "referenceName");
    Objects.requireNonNull(type, "type");
    name = name == null || name.isBlank() ? referenceName : name;
    allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
  }

  /** Returns a writable, optional field with no allowed-values list. */
  public static FieldDefinition of(String referenceName, String name, FieldType type) {
    return new FieldDefinition(referenceName, name, type, false, false, List.of());
  }

  /** Returns "System.Title (Title)" for messages. */
  public String label() {
    return referenceName.equals(name) ? referenceName : referenceName + " (" + name + ")";
  }
}
