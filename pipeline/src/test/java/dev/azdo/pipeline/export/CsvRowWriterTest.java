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
          List.of("7", "x".repeat(2000), ""),
          List.of("8", "in\"side", "\"", "$dollar first", "#", " ", "a\tb\t", "\u00a0nbsp"));

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
  void randomCellsOfAwkwardCharactersMatchCommonsCsv() throws Exception {
    java.util.Random random = new java.util.Random(12);
    char[] alphabet = {
      'a', 'Z', '0', ' ', ',', '"', '\n', '\r', '#', '!', '$', '\t', 'é', ';', '\\'
    };
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < 500; r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < 1 + random.nextInt(5); c++) {
        StringBuilder cell = new StringBuilder();
        for (int k = random.nextInt(5); k > 0; k--) {
          cell.append(alphabet[random.nextInt(alphabet.length)]);
        }
        row.add(cell.toString());
      }
      rows.add(row);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowWriter w = RowWriter.open(RowFormat.CSV, out, true, 0);
    for (List<String> r : rows) {
      w.row(r, null);
    }
    w.finish();
    StringBuilder expected = new StringBuilder();
    try (CSVPrinter p = new CSVPrinter(expected, CSVFormat.RFC4180)) {
      for (List<String> r : rows) {
        p.printRecord(r);
      }
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
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
