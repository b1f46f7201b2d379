package dev.azdo.pipeline.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ordered column names of a source, with a fast name-to-index lookup. */
public final class SourceSchema {
  private final List<String> columns;
  private final Map<String, Integer> exact;
  private final Map<String, Integer> folded;

  private SourceSchema(List<String> columns) {
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    this.exact = new HashMap<>(columns.size() * 2);
    this.folded = new HashMap<>(columns.size() * 2);
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      Integer previous = exact.putIfAbsent(name, i);
      if (previous != null) {
        throw new SourceException(
            "column \""
                + name
                + "\" appears twice (columns "
                + (previous + 1)
                + " and "
                + (i + 1)
                + ")");
      }
      folded.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
    }
  }

  /** Returns a schema of the given column names; duplicate names are a {@link SourceException}. */
  public static SourceSchema of(List<String> columns) {
    return new SourceSchema(columns);
  }

  /** Returns a schema of the given column names. */
  public static SourceSchema of(String... columns) {
    return new SourceSchema(List.of(columns));
  }

  /** Returns this schema with one more column at the end. */
  public SourceSchema plus(String column) {
    List<String> more = new ArrayList<>(columns);
    more.add(column);
    return new SourceSchema(more);
  }

  /** Returns the column names in source order. */
  public List<String> columns() {
    return columns;
  }

  /** Returns the number of columns. */
  public int size() {
    return columns.size();
  }

  /** Returns the column's index: an exact match first, else a case-insensitive one, else -1. */
  public int indexOf(String column) {
    Integer i = exact.get(column);
    if (i == null) {
      i = folded.get(column.toLowerCase(Locale.ROOT));
    }
    return i == null ? -1 : i;
  }

  @Override
  public String toString() {
    return String.join(", ", columns);
  }
}
