package dev.azdo.pipeline.source;

import java.util.ArrayList;
import java.util.List;

/** Reads every row of a source, for tests. */
final class SourceRows {
  private SourceRows() {}

  /** Returns every row of the source and closes it. */
  static List<SourceRow> readAll(RowSource source) {
    List<SourceRow> rows = new ArrayList<>();
    try (source) {
      SourceRow row;
      while ((row = source.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }
}
