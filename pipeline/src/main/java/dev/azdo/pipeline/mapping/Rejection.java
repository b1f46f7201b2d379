package dev.azdo.pipeline.mapping;

/**
 * A row that is not written, with the column at fault (null when the whole row is) and a reason a
 * person understands.
 */
public record Rejection(long rowNumber, String column, String reason) implements MappingResult {

  /** Returns the one-line form: {@code row 7, column "Due": "31/02/2024" is not a date ...}. */
  public String message() {
    return column == null
        ? "row " + rowNumber + ": " + reason
        : "row " + rowNumber + ", column \"" + column + "\": " + reason;
  }

  @Override
  public String toString() {
    return message();
  }
}
