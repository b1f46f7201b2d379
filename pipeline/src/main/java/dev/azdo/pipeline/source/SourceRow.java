package dev.azdo.pipeline.source;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input row: its 1-based number (the Nth data row below the header), its columns and its values
 * as text; typed sources (Excel, JDBC, JSON) render dates as ISO-8601 and numbers plainly.
 */
public final class SourceRow {
  private final long rowNumber;
  private final SourceSchema schema;
  private final String[] values;
  // The values as read, before lookups replaced any (null while none has): a rejects file shows
  // these, so the row can be fixed and read again.
  private final String[] read;
  private final String error;
  private final String errorColumn;

  private SourceRow(
      long rowNumber, SourceSchema schema, String[] values, String error, String errorColumn) {
    this(rowNumber, schema, values, null, error, errorColumn);
  }

  private SourceRow(
      long rowNumber,
      SourceSchema schema,
      String[] values,
      String[] read,
      String error,
      String errorColumn) {
    this.rowNumber = rowNumber;
    this.schema = schema;
    this.values = values;
    this.read = read;
    this.error = error;
    this.errorColumn = errorColumn;
  }

  /** Returns a row whose values are in schema order; missing trailing values read as null. */
  public static SourceRow of(long rowNumber, SourceSchema schema, String... values) {
    return new SourceRow(rowNumber, schema, values, null, null);
  }

  /** Returns a row that could not be read (for example bad quoting) and must be rejected. */
  public static SourceRow malformed(long rowNumber, SourceSchema schema, String error) {
    return new SourceRow(rowNumber, schema, new String[0], error, null);
  }

  /**
   * Returns a row that must be rejected for what one of its columns holds (such as bad bytes),
   * keeping its values for the rejects file.
   */
  public static SourceRow malformed(
      long rowNumber, SourceSchema schema, String column, String error, String... values) {
    return new SourceRow(rowNumber, schema, values, error, column);
  }

  /**
   * Returns this row, values kept, marked to be rejected for a reason found before mapping (a
   * lookup that found nothing), naming the column.
   */
  public SourceRow rejected(String column, String reason) {
    return new SourceRow(rowNumber, schema, values, read, reason, column);
  }

  /** Returns this row with one value replaced (a lookup's result). */
  public SourceRow with(int index, String value) {
    String[] copy = java.util.Arrays.copyOf(values, Math.max(values.length, index + 1));
    copy[index] = value;
    return new SourceRow(rowNumber, schema, copy, read == null ? values : read, error, errorColumn);
  }

  /** Returns a named column's value as the source held it, before any lookup replaced it. */
  public String readValue(String column) {
    int index = schema.indexOf(column);
    String[] from = read == null ? values : read;
    return index >= 0 && index < from.length ? from[index] : null;
  }

  /** Returns the 1-based row number a person sees: the Nth data row below the header. */
  public long rowNumber() {
    return rowNumber;
  }

  /** Returns the columns of this row. */
  public SourceSchema schema() {
    return schema;
  }

  /** Returns the value at a column index, or null when the row has no value there. */
  public String get(int index) {
    return index >= 0 && index < values.length ? values[index] : null;
  }

  /** Returns the value of a named column, or null when absent. */
  public String get(String column) {
    return get(schema.indexOf(column));
  }

  /** Returns the number of values the row carries. */
  public int valueCount() {
    return values.length;
  }

  /** Returns why the row could not be read, or null for a readable row. */
  public String error() {
    return error;
  }

  /** Returns the column a rejection found before mapping names, or null. */
  public String errorColumn() {
    return errorColumn;
  }

  /** Returns true when the row could not be read, or was judged before mapping, and is rejected. */
  public boolean isMalformed() {
    return error != null;
  }

  /** Returns the row as column name to value, in column order. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      map.put(schema.columns().get(i), get(i));
    }
    return map;
  }

  @Override
  public String toString() {
    return "row " + rowNumber + (error != null ? " (" + error + ")" : " " + asMap());
  }
}
