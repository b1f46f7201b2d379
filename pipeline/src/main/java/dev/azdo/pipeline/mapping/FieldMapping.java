package dev.azdo.pipeline.mapping;

import java.util.Objects;

/**
 * One mapping rule: a value from a column, a template over columns or a constant, into a field
 * named by reference or display name, with an optional date format or rich-text mode.
 *
 * @param kind where the value comes from
 * @param source the column name, the template text or the constant value
 * @param field the target field as the user wrote it
 * @param option a date format for date fields, or text/markdown/html for rich-text fields; may be
 *     null
 * @param origin how the user wrote the rule, for messages (such as {@code --map Due=Due Date})
 */
public record FieldMapping(Kind kind, String source, String field, String option, String origin) {

  /** Where a mapped value comes from. */
  public enum Kind {
    /** One source column. */
    COLUMN,
    /** Text with {Column} placeholders, such as {@code {First} {Last}}. */
    TEMPLATE,
    /** The same value for every row. */
    CONSTANT
  }

  /** Checks the parts are present. */
  public FieldMapping {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    option = option == null || option.isBlank() ? null : option.strip();
    origin = origin == null ? field : origin;
  }
}
