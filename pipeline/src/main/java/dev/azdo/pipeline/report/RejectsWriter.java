package dev.azdo.pipeline.report;

import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes rejected rows to a CSV file: the row's original columns, then the row number, the column
 * at fault and the reason, so the file can be fixed and imported again with the same mapping. Each
 * row is flushed as it is written; safe for use from several threads. Cells that a spreadsheet
 * would run as a formula get a leading {@code '}.
 */
public final class RejectsWriter implements AutoCloseable {
  /** The columns appended after the source columns. */
  public static final List<String> EXTRA_COLUMNS =
      List.of("rejected_row", "rejected_column", "rejected_reason");

  private final Path file;
  private final SourceSchema schema;
  private final CSVPrinter printer;
  private long count;

  private RejectsWriter(Path file, SourceSchema schema, Writer out) throws IOException {
    this.file = file;
    this.schema = schema;
    List<String> header = new ArrayList<>(schema.columns());
    header.addAll(EXTRA_COLUMNS);
    this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
    printer.printRecord(header.stream().map(RejectsWriter::safeCell).toList());
    printer.flush();
  }

  /**
   * Creates (or truncates) the rejects file with a header of the source columns plus the extras.
   */
  public static RejectsWriter open(Path file, SourceSchema schema) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new RejectsWriter(file, schema, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write rejects file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes one rejected row; values come from the row as read, when it has them. */
  public synchronized void write(SourceRow row, Rejection rejection) {
    List<String> record = new ArrayList<>(schema.size() + 3);
    for (String column : schema.columns()) {
      record.add(row == null ? null : row.readValue(column));
    }
    record.add(Long.toString(rejection.rowNumber()));
    record.add(rejection.column());
    record.add(rejection.reason());
    record.replaceAll(RejectsWriter::safeCell);
    try {
      printer.printRecord(record);
      // A crash must not lose rejections already counted in the summary.
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write rejects file " + file + ": " + e.getMessage(), e);
    }
    count++;
  }

  /**
   * Prefixes {@code '} to a value Excel or LibreOffice would run as a formula (OWASP's CSV
   * injection rule: a leading =, +, -, @, tab or carriage return); other values stay exact.
   */
  static String safeCell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
  }

  /** Returns the number of rows written so far. */
  public synchronized long count() {
    return count;
  }

  /** Returns the file written. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() {
    try {
      printer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot close rejects file " + file + ": " + e.getMessage(), e);
    }
  }
}
