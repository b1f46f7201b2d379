package dev.azdo.jdbc;

import dev.azdo.pipeline.ImportJob;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.core.TableModify;
import org.apache.commons.csv.CSVFormat;

/**
 * Rows of one kind of WorkItems write (same project, operation and columns) sent through the
 * pipeline's one import task: they become a CSV file in a private temporary folder, with a job
 * mapping each column to its field ({@code create-workitem}; {@code update-workitem} and {@code
 * delete-workitem} keyed by {@code Id=System.Id}), so batching into {@code $batch}, retries, pacing
 * and per-row rejects are the import's own. The folder (rows, journal, rejects) is deleted after.
 */
final class ImportedRows {
  private static final CSVFormat CSV = CSVFormat.RFC4180;

  private ImportedRows() {}

  /**
   * Writes the rows and returns, for each, null when it was written or the reason it was not.
   *
   * @param rows each holds the values of {@code columns} in order (Calcite's internal values:
   *     TIMESTAMP as UTC milliseconds)
   * @throws SQLException when the job cannot be planned (nothing of this kind was written)
   */
  static List<String> write(
      AzdoContext ctx,
      String project,
      TableModify.Operation op,
      List<WorkItemColumn> columns,
      List<Object[]> rows)
      throws SQLException {
    // The CSV's columns: one per field (an identity's two columns share one), Id as the key.
    Map<String, List<Integer>> byField = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      WorkItemColumn c = columns.get(i);
      if (c.isId() && op == TableModify.Operation.INSERT) {
        continue; // the service numbers new items
      }
      if (op == TableModify.Operation.INSERT && allNull(rows, i)) {
        continue; // not given in the INSERT
      }
      byField.computeIfAbsent(c.referenceName(), k -> new ArrayList<>()).add(i);
      names.putIfAbsent(c.referenceName(), c.isId() ? "Id" : c.name());
    }
    List<String> fields = new ArrayList<>(byField.keySet());
    List<String[]> lines = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] line = new String[fields.size()];
      for (int f = 0; f < fields.size(); f++) {
        String text = null;
        for (int i : byField.get(fields.get(f))) {
          String t = text(columns.get(i), rows.get(r)[i]);
          // The unique name identifies a person exactly; it wins over the display name.
          if (t != null
              && (text == null || columns.get(i).part() == WorkItemColumn.Part.UNIQUE_NAME)) {
            text = t;
          }
        }
        line[f] = text == null ? "" : text;
      }
      lines.add(line);
    }
    if (lines.isEmpty()) {
      return List.of();
    }
    List<String> header = fields.stream().map(names::get).toList();
    return ImportRun.run(
        ctx,
        verb(op) + " WorkItems",
        header,
        Collections.nCopies(lines.size(), header),
        lines,
        (csv, dir) -> job(ctx, project, op, fields, names, csv, dir));
  }

  private static ImportJob job(
      AzdoContext ctx,
      String project,
      TableModify.Operation op,
      List<String> fields,
      Map<String, String> names,
      Path csv,
      Path dir) {
    DriverOptions o = ctx.options();
    ImportJob.Builder b =
        ImportJob.builder(csv.toString())
            .endpoint(
                switch (op) {
                  case INSERT -> "create-workitem";
                  case UPDATE -> "update-workitem";
                  default -> "delete-workitem";
                })
            .project(project)
            .journal(dir.resolve("journal"))
            .rejects(dir.resolve("rejects.csv"))
            .batchSize(200)
            .bypassRules(o.bypassRules())
            .suppressNotifications(o.suppressNotifications())
            .validateOnly(o.validateOnly())
            // SET x = NULL (or '') clears x; an INSERT leaves out what it does not give.
            .clearEmpty(op == TableModify.Operation.UPDATE);
    for (String f : fields) {
      if (f.equalsIgnoreCase(WorkItemColumn.ID)) {
        b.key("Id=System.Id");
      } else if (op != TableModify.Operation.DELETE) {
        b.map(names.get(f) + "=" + f);
      }
    }
    return b.build();
  }

  private static boolean allNull(List<Object[]> rows, int i) {
    return rows.stream().allMatch(r -> r[i] == null);
  }

  /** The value as the import reads it: dates in ISO 8601 UTC, numbers plainly. */
  static String text(WorkItemColumn c, Object v) {
    if (v == null) {
      return null;
    }
    if (c.type() == org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP && v instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue()).toString();
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  static String verb(TableModify.Operation op) {
    return switch (op) {
      case INSERT -> "INSERT INTO";
      case UPDATE -> "UPDATE";
      default -> "DELETE FROM";
    };
  }
}
