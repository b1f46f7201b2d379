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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * One run of the pipeline's import task over rows the driver built: they become a CSV file in a
 * private temporary folder, the job is run, and each row's outcome comes back as null (written) or
 * its reason, prefixed by the column at fault when the rejects name one. The folder (rows, journal,
 * rejects) is deleted after.
 */
final class ImportRun {
  static final CSVFormat CSV = CSVFormat.RFC4180;

  private ImportRun() {}

  /**
   * Runs the job over the lines and returns one reason (or null) per line, in order.
   *
   * @param what the statement and table, such as {@code INSERT INTO Teams}, for errors
   * @param columns per line, the table column each header entry is taken from, named in a reason
   * @param job makes the job from the CSV file and the folder its journal and rejects go in
   * @throws SQLException when the job cannot be planned (nothing was written)
   */
  static List<String> run(
      AzdoContext ctx,
      String what,
      List<String> header,
      List<List<String>> columns,
      List<String[]> lines,
      BiFunction<Path, Path, ImportJob> job)
      throws SQLException {
    Path dir = null;
    try {
      dir =
          Files.createTempDirectory(
              "azdo-sql-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path csv = dir.resolve("rows.csv");
      try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
          CSVPrinter p = new CSVPrinter(w, CSV)) {
        p.printRecord(header);
        for (String[] line : lines) {
          p.printRecord((Object[]) line);
        }
      }
      Map<Long, RowOutcome> outcomes = new HashMap<>();
      RunSummary summary =
          ImportTask.builder(job.apply(csv, dir), ctx.client())
              .outcomes(o -> outcomes.put(o.row(), o))
              .build()
              .run();
      Map<Long, String> rejectedColumns = rejectedColumns(dir.resolve("rejects.csv"));
      List<String> result = new ArrayList<>();
      for (int k = 0; k < lines.size(); k++) {
        long row = k + 1;
        RowOutcome o = outcomes.get(row);
        if (o == null) {
          result.add(
              "not attempted" + (summary.stopReason() == null ? "" : ": " + summary.stopReason()));
        } else if (o.status() == RowOutcome.Status.WRITTEN
            || o.status() == RowOutcome.Status.UNCHANGED) {
          result.add(null);
        } else {
          String column = rejectedColumns.get(row);
          int at = column == null ? -1 : header.indexOf(column);
          column = at < 0 ? column : columns.get(k).get(at);
          result.add(
              (column == null || column.isEmpty() ? "" : "column \"" + column + "\": ")
                  + (o.reason() == null ? o.status().name().toLowerCase() : o.reason()));
        }
      }
      return result;
    } catch (JobException | PlanException e) {
      throw new SQLException(
          what + ": " + e.getMessage().replace(System.lineSeparator(), "; "), "42000", e);
    } catch (IOException e) {
      throw new SQLException(what + ": " + e.getMessage(), "58030", e);
    } catch (RuntimeException e) {
      throw new SQLException(what + ": " + e.getMessage(), "HY000", e);
    } finally {
      delete(dir);
    }
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
