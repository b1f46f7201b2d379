package dev.azdo.pipeline.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** CSV rows come out byte for byte as Commons CSV prints them, and read back as written. */
class CsvRowWriterTest {
  private static final List<List<String>> ROWS =
      List.of(
          List.of("ID", "Title", "Tags"),
          List.of("1", "plain", "a; b"),
          List.of("", "first cell empty", ""),
          List.of("2", "comma, inside", "\"quoted\""),
          List.of("3", "line\nbreak", "carriage\r\nreturn"),
          List.of("4", " leading space", "trailing space "),
          List.of("5", "#hash first", "!bang"),
          List.of("6", "é ünïcödé 漢字 😀", "tab\there"),
          List.of("7", "x".repeat(2000), ""));

  @Test
  void rowsMatchCommonsCsvByteForByteAndReadBack() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowWriter w = RowWriter.open(RowFormat.CSV, out, false, 0);
    w.header(ROWS.get(0));
    for (List<String> r : ROWS.subList(1, ROWS.size())) {
      w.row(r, null);
    }
    w.finish();
    StringBuilder expected = new StringBuilder();
    try (CSVPrinter p = new CSVPrinter(expected, CSVFormat.RFC4180)) {
      for (List<String> r : ROWS) {
        p.printRecord(r);
      }
    }
    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written).isEqualTo(expected.toString());
    List<List<String>> back = new ArrayList<>();
    try (CSVParser parser = CSVFormat.RFC4180.parse(new java.io.StringReader(written))) {
      for (CSVRecord r : parser) {
        back.add(r.toList());
      }
    }
    assertThat(back).isEqualTo(ROWS);
  }

  @Test
  void aResumedFileGetsNoSecondHeader() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowWriter w = RowWriter.open(RowFormat.CSV, out, true, 0);
    w.header(List.of("ID", "Title"));
    w.row(List.of("9", "nine"), null);
    w.flush();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("9,nine\r\n");
  }
}
