package dev.azdo.pipeline.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes rows of read results in one {@link RowFormat}: a header of column names, then one row per
 * item (flattened values for CSV, Excel and tables; the service's JSON for JSON and NDJSON). Not
 * thread-safe.
 */
public abstract class RowWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  RowWriter() {}

  /** Writes the column names (skipped when continuing a resumed file). */
  public abstract void header(List<String> columns) throws IOException;

  /** Writes one row: flattened values in column order, and the raw JSON for JSON formats. */
  public abstract void row(List<String> values, JsonNode raw) throws IOException;

  /** Pushes buffered bytes to the stream, so a checkpoint can record the position. */
  public abstract void flush() throws IOException;

  /** Ends the output (closing bracket, workbook, table) and flushes; the stream stays open. */
  public abstract void finish() throws IOException;

  @Override
  public void close() throws IOException {
    flush();
  }

  /**
   * Opens a writer on a stream; when resumed, the stream already holds the header and earlier rows,
   * so neither the header nor a JSON array's opening is written again.
   *
   * @param width the terminal width a table must fit
   */
  public static RowWriter open(RowFormat format, OutputStream out, boolean resumed, int width)
      throws IOException {
    return switch (format) {
      case CSV, BOARDS_CSV -> new Csv(out, resumed);
      case JSON -> new Json(out, resumed, true);
      case NDJSON -> new Json(out, resumed, false);
      case XLSX -> new Xlsx(out);
      case TABLE -> new Table(out, width);
    };
  }

  private static final class Csv extends RowWriter {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private final BufferedWriter out;
    // Each row is formatted into a StringBuilder and written out whole: printing into the
    // BufferedWriter cell by cell cost a lock and a substring per cell, a tenth of an export's CPU.
    private final StringBuilder line = new StringBuilder(512);
    private final boolean resumed;
    private char[] chars = new char[512];

    Csv(OutputStream out, boolean resumed) throws IOException {
      this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      this.resumed = resumed;
    }

    @Override
    public void header(List<String> columns) throws IOException {
      if (!resumed) {
        row(columns, null);
      }
    }

    @Override
    public void row(List<String> values, JsonNode raw) throws IOException {
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (plain(v)) {
          if (i > 0) {
            line.append(',');
          }
          line.append(v);
        } else {
          FORMAT.print(v, line, i == 0);
        }
      }
      FORMAT.println(line);
      int n = line.length();
      if (chars.length < n) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      line.getChars(0, n, chars, 0);
      line.setLength(0);
      out.write(chars, 0, n);
    }

    // A cell Commons CSV (RFC 4180, minimal quoting) writes as it is: not empty, no quote, comma
    // or line break, not starting at or below '#' nor ending at or below a space. Most cells are
    // such and skip its per-character delimiter matching (a fifth of the rows' CPU); the others
    // go through it.
    private static boolean plain(String v) {
      int n = v == null ? 0 : v.length();
      if (n == 0 || v.charAt(0) <= '#' || v.charAt(n - 1) <= ' ') {
        return false;
      }
      for (int i = 0; i < n; i++) {
        char c = v.charAt(i);
        if (c == '"' || c == ',' || c == '\n' || c == '\r') {
          return false;
        }
      }
      return true;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void finish() throws IOException {
      out.flush();
    }
  }

  private static final class Json extends RowWriter {
    private final JsonGenerator gen;
    private final boolean array;
    private boolean first;

    Json(OutputStream out, boolean resumed, boolean array) throws IOException {
      this.gen =
          JSON.getFactory()
              .createGenerator(out)
              .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
              .disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      this.array = array;
      this.first = !resumed;
      if (array && !resumed) {
        gen.writeRaw('[');
      }
      // Values are written one by one with raw separators, so a resumed array continues cleanly.
      gen.setRootValueSeparator(null);
    }

    @Override
    public void header(List<String> columns) {}

    @Override
    public void row(List<String> values, JsonNode raw) throws IOException {
      if (array) {
        gen.writeRaw(first ? "\n" : ",\n");
      }
      first = false;
      JSON.writeTree(gen, raw);
      if (!array) {
        gen.writeRaw('\n');
      }
    }

    @Override
    public void flush() throws IOException {
      gen.flush();
    }

    @Override
    public void finish() throws IOException {
      if (array) {
        gen.writeRaw(first ? "]\n" : "\n]\n");
      }
      gen.flush();
    }
  }

  private static final class Xlsx extends RowWriter {
    private final OutputStream out;
    // Keeps 100 rows in memory and spills the rest to a temporary file.
    private final SXSSFWorkbook book = new SXSSFWorkbook(100);
    private final Sheet sheet = book.createSheet("Work items");
    private int next;

    Xlsx(OutputStream out) {
      this.out = out;
    }

    @Override
    public void header(List<String> columns) {
      row(columns, null);
    }

    @Override
    public void row(List<String> values, JsonNode raw) {
      Row r = sheet.createRow(next++);
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (v != null && !v.isEmpty()) {
          // Excel's cell limit is 32,767 characters.
          r.createCell(i).setCellValue(v.length() > 32_767 ? v.substring(0, 32_767) : v);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void finish() throws IOException {
      book.write(out);
      out.flush();
      book.close();
    }

    @Override
    public void close() throws IOException {
      book.close();
    }
  }

  private static final class Table extends RowWriter {
    private final PrintWriter out;
    private final int width;
    private List<String> columns = List.of();
    private final List<List<String>> rows = new ArrayList<>();

    Table(OutputStream out, int width) {
      this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      this.width = width;
    }

    @Override
    public void header(List<String> columns) {
      this.columns = List.copyOf(columns);
    }

    @Override
    public void row(List<String> values, JsonNode raw) {
      rows.add(values);
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void finish() {
      int n = columns.size();
      int[] w = new int[n];
      for (int i = 0; i < n; i++) {
        w[i] = columns.get(i).length();
        for (List<String> r : rows) {
          w[i] = Math.max(w[i], oneLine(r.get(i)).length());
        }
      }
      fit(w);
      print(columns, w);
      for (List<String> r : rows) {
        print(r, w);
      }
      out.flush();
    }

    // Shrinks the widest columns first until the row fits the terminal.
    private void fit(int[] w) {
      int gaps = 2 * Math.max(0, w.length - 1);
      while (sum(w) + gaps > width) {
        int widest = 0;
        for (int i = 1; i < w.length; i++) {
          if (w[i] > w[widest]) {
            widest = i;
          }
        }
        if (w[widest] <= 6) {
          return;
        }
        w[widest]--;
      }
    }

    private static int sum(int[] w) {
      int s = 0;
      for (int x : w) {
        s += x;
      }
      return s;
    }

    private void print(List<String> values, int[] w) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < w.length; i++) {
        String v = oneLine(values.get(i));
        if (v.length() > w[i]) {
          v = v.substring(0, Math.max(0, w[i] - 1)) + "…";
        }
        sb.append(v);
        if (i < w.length - 1) {
          sb.append(" ".repeat(w[i] - v.length() + 2));
        }
      }
      out.println(sb.toString().stripTrailing());
    }

    private static String oneLine(String v) {
      return v == null ? "" : v.replaceAll("\\s+", " ").strip();
    }
  }
}
