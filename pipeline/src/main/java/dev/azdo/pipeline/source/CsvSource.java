package dev.azdo.pipeline.source;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV or TSV with a header row via Commons CSV: quoted values, multi-line values, a BOM and
 * any charset; bytes the charset cannot decode reject their row, naming the column and offset. Text
 * after a closing quote rejects only that row; a quote never closed stops the run with the line
 * where it opened. Rows with more values than the header are rejected; rows with fewer read the
 * missing values as null.
 */
public final class CsvSource implements RowSource {
  private final String name;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final SourceSchema schema;
  // Null for text given as a Reader: there are no bytes to judge.
  private final DecodingReader decoding;
  private long rowNumber;
  private long skipFragmentsOfLine = -1;

  private final int skipRows;

  private CsvSource(String name, Reader reader, char delimiter, int headerRow, int skipRows) {
    this.name = name;
    this.skipRows = skipRows;
    this.decoding = reader instanceof DecodingReader d ? d : null;
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setIgnoreEmptyLines(true)
            .setRecordSeparator('\n')
            .get();
    try {
      this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IOException e) {
      throw new SourceException(name + ": " + e.getMessage(), e);
    }
    this.records = parser.iterator();
    CSVRecord header;
    long headerLine = 1;
    try {
      // Rows above the header (a title, notes) are skipped whatever they hold.
      for (int above = 1; above < headerRow; above++) {
        if (!records.hasNext()) {
          close();
          throw new SourceException(
              name
                  + ": --header-row "
                  + headerRow
                  + ": the file has only "
                  + (above - 1)
                  + " rows");
        }
        records.next();
      }
      if (decoding != null) {
        decoding.takeUpToLine(parser.getCurrentLineNumber());
      }
      headerLine = parser.getCurrentLineNumber() + 1;
      if (!records.hasNext()) {
        close();
        throw new SourceException(
            headerRow > 1
                ? name
                    + ": --header-row "
                    + headerRow
                    + ": the file has only "
                    + (headerRow - 1)
                    + " rows"
                : name + ": the file is empty; expected a header row");
      }
      header = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      close();
      throw new SourceException(
          name + ": line " + headerLine + ": the header row cannot be read: " + reason(e), e);
    }
    if (decoding != null) {
      List<DecodingReader.BadBytes> bad = decoding.takeUpToLine(parser.getCurrentLineNumber());
      if (!bad.isEmpty()) {
        close();
        throw new SourceException(
            name + ": line " + bad.get(0).line() + ": header: " + decoding.explain(bad.get(0)));
      }
    }
    List<String> columns = new ArrayList<>(header.size());
    for (String column : header) {
      columns.add(column.strip());
    }
    if (columns.size() == 1 && columns.get(0).isEmpty()) {
      close();
      throw new SourceException(name + ": line " + headerLine + ": the header row is blank");
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).isEmpty()) {
        // A blank header cell still needs a name a mapping and the rejects file can use.
        columns.set(i, "Column " + (i + 1));
      }
    }
    try {
      this.schema = SourceSchema.of(columns);
    } catch (SourceException e) {
      close();
      throw new SourceException(name + ": header: " + e.getMessage());
    }
  }

  /** Opens a CSV/TSV file; the charset applies unless the file starts with a BOM. */
  public static CsvSource open(Path file, Charset charset, char delimiter) {
    return open(file, charset, delimiter, 1, 0);
  }

  /**
   * Opens a CSV/TSV file whose column names are in record {@code headerRow} (1-based, blank lines
   * not counted; 0 or 1 is the first), skipping {@code skipRows} records after it.
   */
  public static CsvSource open(
      Path file, Charset charset, char delimiter, int headerRow, int skipRows) {
    try {
      return new CsvSource(
          file.getFileName().toString(),
          Inputs.reader(Files.newInputStream(file), charset),
          delimiter,
          headerRow,
          skipRows);
    } catch (IOException e) {
      throw new SourceException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads CSV text from a reader, named for messages. */
  public static CsvSource of(String name, Reader reader, char delimiter) {
    return new CsvSource(name, reader, delimiter, 1, 0);
  }

  @Override
  public SourceSchema schema() {
    return schema;
  }

  @Override
  public SourceRow next() {
    while (true) {
      // The lexer counts line ends consumed so far; a record starts on the line after them.
      long before = parser.getCurrentLineNumber();
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return null;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        String reason = reason(e);
        if (reason.contains("EOF")) {
          throw new SourceException(
              name
                  + ": line "
                  + (before + 1)
                  + ": a quoted value opened on this line is never closed; the rows from here on"
                  + " were not read");
        }
        // The parser stops mid-line; the record it reads next may be the rest of this bad line.
        skipFragmentsOfLine = parser.getCurrentLineNumber();
        badBytes();
        rowNumber++;
        if (rowNumber <= skipRows) {
          continue;
        }
        return SourceRow.malformed(
            rowNumber,
            schema,
            "line " + (before + 1) + ": malformed quoting (text after a closing quote)");
      }
      List<DecodingReader.BadBytes> bad = badBytes();
      long fragmentLine = skipFragmentsOfLine;
      skipFragmentsOfLine = -1;
      // A record that still ends on the bad line is its tail, not a row of its own.
      if (fragmentLine >= 0 && parser.getCurrentLineNumber() == fragmentLine) {
        continue;
      }
      rowNumber++;
      if (rowNumber <= skipRows) {
        continue;
      }
      int size = record.size();
      if (size > schema.size()) {
        return SourceRow.malformed(
            rowNumber,
            schema,
            "line "
                + (before + 1)
                + ": has "
                + size
                + " values but the header has "
                + schema.size()
                + " columns");
      }
      String[] values = new String[size];
      for (int i = 0; i < size; i++) {
        values[i] = record.get(i);
      }
      if (!bad.isEmpty()) {
        return badBytesRow(values, bad.get(0));
      }
      return SourceRow.of(rowNumber, schema, values);
    }
  }

  // Bad bytes decoded up to the end of the record just read; earlier records took theirs.
  private List<DecodingReader.BadBytes> badBytes() {
    return decoding == null ? List.of() : decoding.takeUpToLine(parser.getCurrentLineNumber());
  }

  // The bad bytes read as U+FFFD, so the first value holding one is the column they are in.
  private SourceRow badBytesRow(String[] values, DecodingReader.BadBytes bad) {
    String column = null;
    for (int i = 0; i < values.length && column == null; i++) {
      if (values[i] != null && values[i].indexOf('\uFFFD') >= 0) {
        column = schema.columns().get(i);
      }
    }
    return SourceRow.malformed(
        rowNumber, schema, column, "line " + bad.line() + ": " + decoding.explain(bad), values);
  }

  private static String reason(RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message.replace('\n', ' ');
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // Closing a read-only file cannot lose data; nothing useful to report.
    }
  }
}
