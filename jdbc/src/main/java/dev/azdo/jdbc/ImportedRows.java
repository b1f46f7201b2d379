package dev.azdo.jdbc;

import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunSummary;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.calcite.rel.core.TableModify;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

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
    List<String> result = new ArrayList<>();
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
    List<Integer> sent = new ArrayList<>();
    List<String[]> lines = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] line = new String[fields.size()];
      String problem = null;
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
        if ((text == null || text.isBlank()) && op == TableModify.Operation.UPDATE) {
          problem =
              "column \""
                  + names.get(fields.get(f))
                  + "\": SET to NULL or '' (writes through the import task set values; they cannot"
                  + " empty a field)";
        }
        line[f] = text == null ? "" : text;
      }
      result.add(problem);
      if (problem == null) {
        sent.add(r);
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      return result;
    }
    Path dir = null;
    try {
      dir =
          Files.createTempDirectory(
              "azdo-sql-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path csv = dir.resolve("rows.csv");
      try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
          CSVPrinter p = new CSVPrinter(w, CSV)) {
        p.printRecord(fields.stream().map(names::get).toList());
        for (String[] line : lines) {
          p.printRecord((Object[]) line);
        }
      }
      ImportJob job = job(ctx, project, op, fields, names, csv, dir);
      Map<Long, RowOutcome> outcomes = new HashMap<>();
      RunSummary summary =
          ImportTask.builder(job, ctx.client())
              .outcomes(o -> outcomes.put(o.row(), o))
              .build()
              .run();
      Map<Long, String> rejectedColumns = rejectedColumns(dir.resolve("rejects.csv"));
      for (int k = 0; k < sent.size(); k++) {
        long row = k + 1;
        RowOutcome o = outcomes.get(row);
        String reason;
        if (o == null) {
          reason =
              "not attempted" + (summary.stopReason() == null ? "" : ": " + summary.stopReason());
        } else if (o.status() == RowOutcome.Status.WRITTEN
            || o.status() == RowOutcome.Status.UNCHANGED) {
          reason = null;
        } else {
          String column = rejectedColumns.get(row);
          reason =
              (column == null || column.isEmpty() ? "" : "column \"" + column + "\": ")
                  + (o.reason() == null ? o.status().name().toLowerCase() : o.reason());
        }
        result.set(sent.get(k), reason);
      }
      return result;
    } catch (JobException | PlanException e) {
      throw new SQLException(
          verb(op) + " WorkItems: " + e.getMessage().replace(System.lineSeparator(), "; "),
          "42000",
          e);
    } catch (IOException e) {
      throw new SQLException(verb(op) + " WorkItems: " + e.getMessage(), "58030", e);
    } catch (RuntimeException e) {
      throw new SQLException(verb(op) + " WorkItems: " + e.getMessage(), "HY000", e);
    } finally {
      delete(dir);
    }
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
            .validateOnly(o.validateOnly());
    for (String f : fields) {
      if (f.equalsIgnoreCase(WorkItemColumn.ID)) {
        b.key("Id=System.Id");
      } else if (op != TableModify.Operation.DELETE) {
        b.map(names.get(f) + "=" + f);
      }
    }
    return b.build();
  }

  // The rejects file names the column at fault, which the outcome leaves out.
  private static Map<Long, String> rejectedColumns(Path rejects) throws IOException {
    Map<Long, String> out = new HashMap<>();
    if (!Files.exists(rejects)) {
      return out;
    }
    try (Reader r = Files.newBufferedReader(rejects, StandardCharsets.UTF_8)) {
      for (CSVRecord rec : CSV.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
        String row = rec.get("rejected_row");
        if (row != null && row.matches("\\d+")) {
          out.put(Long.valueOf(row), rec.get("rejected_column"));
        }
      }
    }
    return out;
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

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary folder is harmless; the write's result stands.
    }
  }
}
