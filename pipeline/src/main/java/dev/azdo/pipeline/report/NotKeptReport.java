package dev.azdo.pipeline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code --report} file: one CSV line per written row and field the service did not keep as
 * sent (row, key, work item, field, source column, value sent, value answered), so the rows can be
 * found and fixed. The file is created at the first such field (a run that has none leaves none),
 * and one left by an earlier run is emptied at the start so it never describes another run. Each
 * line is flushed as it is written; used from the import task's thread.
 */
public final class NotKeptReport implements Consumer<RowOutcome>, AutoCloseable {
  /** The report's columns. */
  public static final List<String> COLUMNS =
      List.of("row", "key", "work_item", "field", "column", "sent", "returned");

  private final Path file;
  private final UnaryOperator<String> columnOf;
  private CSVPrinter printer;
  private long lines;

  private NotKeptReport(Path file, UnaryOperator<String> columnOf) {
    this.file = file;
    this.columnOf = columnOf;
  }

  /**
   * Returns the report for a file, emptying one an earlier run left.
   *
   * @param columnOf the source column a field was mapped from (null when unknown)
   */
  public static NotKeptReport open(Path file, UnaryOperator<String> columnOf) {
    NotKeptReport report = new NotKeptReport(file, columnOf);
    if (Files.exists(file)) {
      try {
        report.printer();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
      }
    }
    return report;
  }

  @Override
  public void accept(RowOutcome outcome) {
    for (FieldNotKept f : outcome.notKept()) {
      try {
        printer()
            .printRecord(
                Long.toString(outcome.row()),
                safe(outcome.key()),
                outcome.id(),
                f.field(),
                safe(columnOf.apply(f.field())),
                safe(f.sent()),
                safe(f.returned()));
        // A crash must not lose what the summary already counted.
        printer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write report " + file + ": " + e.getMessage(), e);
      }
      lines++;
    }
  }

  /** Returns the lines written by this run. */
  public long lines() {
    return lines;
  }

  /** Returns the file. */
  public Path file() {
    return file;
  }

  private CSVPrinter printer() throws IOException {
    if (printer == null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      printer =
          new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSVFormat.RFC4180);
      printer.printRecord(COLUMNS);
      printer.flush();
    }
    return printer;
  }

  private static String safe(String value) {
    return RejectsWriter.safeCell(value);
  }

  @Override
  public void close() {
    if (printer == null) {
      return;
    }
    try {
      printer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close report " + file + ": " + e.getMessage(), e);
    }
  }
}
