package dev.azdo.pipeline.report;

/**
 * A field a write sent that the service did not keep as sent: it accepted the write and then
 * dropped the value (returned is null) or answered another one, such as a state-stamped date the
 * state rules own.
 *
 * @param field the field's reference name
 * @param sent the value sent, as text
 * @param returned the value the service answered, as text, or null when it dropped the field
 */
public record FieldNotKept(String field, String sent, String returned) {

  /** Returns the field's name without its namespace, such as {@code ResolvedDate}. */
  public String shortName() {
    int dot = field.lastIndexOf('.');
    return dot < 0 ? field : field.substring(dot + 1);
  }
}
