package dev.azdo.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir Path dir;

  private Path write(String name, String text, Charset charset) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, text.getBytes(charset));
    return file;
  }

  private static List<SourceRow> readAll(RowSource source) {
    List<SourceRow> rows = new ArrayList<>();
    try (source) {
      SourceRow row;
      while ((row = source.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void readsHeaderQuotedAndMultiLineValuesWithRowNumbersBelowTheHeader() throws IOException {
    Path file =
        write(
            "bugs.csv",
            "Key,Title,Description\r\n"
                + "B-1,\"Crash, on save\",\"line one\nline two\"\r\n"
                + "B-2,\"He said \"\"hi\"\"\",plain\r\n",
            StandardCharsets.UTF_8);
    try (CsvSource source = CsvSource.open(file, StandardCharsets.UTF_8, ',')) {
      assertThat(source.schema().columns()).containsExactly("Key", "Title", "Description");
      SourceRow first = source.next();
      assertThat(first.rowNumber()).isEqualTo(1);
      assertThat(first.get("Title")).isEqualTo("Crash, on save");
      assertThat(first.get("Description")).isEqualTo("line one\nline two");
      SourceRow second = source.next();
      assertThat(second.rowNumber()).isEqualTo(2);
      assertThat(second.get("title")).isEqualTo("He said \"hi\"");
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void skipsUtf8ByteOrderMarkSoTheFirstColumnNameIsClean() throws IOException {
    Path file = write("bom.csv", "\uFEFFKey,Title\nB-1,Hello\n", StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.ISO_8859_1, ','));
    assertThat(rows.get(0).schema().columns()).containsExactly("Key", "Title");
    assertThat(rows.get(0).get("Key")).isEqualTo("B-1");
  }

  @Test
  void decodesUtf16WithByteOrderMarkAndLatin1WhenAskedFor() throws IOException {
    Path utf16 = write("u16.csv", "\uFEFFKey,Title\nB-1,Größe\n", StandardCharsets.UTF_16LE);
    assertThat(readAll(CsvSource.open(utf16, StandardCharsets.UTF_8, ',')).get(0).get("Title"))
        .isEqualTo("Größe");
    Path latin1 = write("l1.csv", "Key,Title\nB-1,Größe\n", StandardCharsets.ISO_8859_1);
    assertThat(readAll(CsvSource.open(latin1, StandardCharsets.ISO_8859_1, ',')).get(0).get(1))
        .isEqualTo("Größe");
  }

  @Test
  void readsTabSeparatedValuesWithTheTabDelimiter() throws IOException {
    Path file = write("bugs.tsv", "Key\tTitle\nB-1\tA, with comma\n", StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, '\t'));
    assertThat(rows)
        .singleElement()
        .satisfies(r -> assertThat(r.get("Title")).isEqualTo("A, with comma"));
  }

  @Test
  void textAfterAClosingQuoteRejectsOnlyThatRowAndReadingGoesOn() throws IOException {
    Path file =
        write(
            "bad.csv",
            "Key,Title\nB-1,ok\nB-2,\"broken\"tail,more\nB-3,fine\n",
            StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, ','));
    assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L);
    assertThat(rows.get(1).isMalformed()).isTrue();
    assertThat(rows.get(1).error()).contains("line 3").contains("malformed quoting");
    assertThat(rows.get(2).get("Key")).isEqualTo("B-3");
    assertThat(rows.get(2).get("Title")).isEqualTo("fine");
  }

  @Test
  void aQuoteNeverClosedStopsWithOneLineNamingWhereItOpened() throws IOException {
    Path file =
        write("open.csv", "Key,Title\nB-1,ok\nB-2,\"never closed\nB-3,x\n", StandardCharsets.UTF_8);
    CsvSource source = CsvSource.open(file, StandardCharsets.UTF_8, ',');
    assertThat(source.next().get("Key")).isEqualTo("B-1");
    assertThatThrownBy(source::next)
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "open.csv: line 3: a quoted value opened on this line is never closed; the rows from"
                + " here on were not read");
    source.close();
  }

  @Test
  void rowWithMoreValuesThanHeaderIsMalformedAndShortRowReadsNulls() throws IOException {
    Path file = write("ragged.csv", "Key,Title\nB-1,a,extra\nB-2\n", StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, ','));
    assertThat(rows.get(0).error()).isEqualTo("line 2: has 3 values but the header has 2 columns");
    assertThat(rows.get(1).get("Title")).isNull();
  }

  @Test
  void emptyFileIsOneClearError() throws IOException {
    Path file = write("empty.csv", "", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CsvSource.open(file, StandardCharsets.UTF_8, ','))
        .isInstanceOf(SourceException.class)
        .hasMessage("empty.csv: the file is empty; expected a header row");
  }

  @Test
  void duplicateHeaderNamesAreKeptAndPickedByPosition() throws IOException {
    Path file = write("dup.csv", "Key,Title,Key\n1,2,3\n", StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, ','));
    assertThat(rows.get(0).schema().columns()).containsExactly("Key", "Title", "Key");
    assertThat(rows.get(0).get("Key[1]")).isEqualTo("1");
    assertThat(rows.get(0).get("Key[last]")).isEqualTo("3");
  }

  @Test
  void streamsAHundredThousandRowsWithoutHoldingThem() throws IOException {
    Path file = dir.resolve("big.csv");
    try (var out = Files.newBufferedWriter(file)) {
      out.write("Key,Title\n");
      for (int i = 1; i <= 100_000; i++) {
        out.write("K" + i + ",Title " + i + "\n");
      }
    }
    long count = 0;
    SourceRow last = null;
    try (CsvSource source = CsvSource.open(file, StandardCharsets.UTF_8, ',')) {
      SourceRow row;
      while ((row = source.next()) != null) {
        count++;
        last = row;
      }
    }
    assertThat(count).isEqualTo(100_000);
    assertThat(last.rowNumber()).isEqualTo(100_000);
    assertThat(last.get("Key")).isEqualTo("K100000");
  }

  @Test
  void blankHeaderCellsAreNamedByPosition() throws IOException {
    Path file = write("blank.csv", "Key,,Title,\n1,x,y,z\n", StandardCharsets.UTF_8);
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, ','));
    assertThat(rows.get(0).schema().columns())
        .containsExactly("Key", "Column 2", "Title", "Column 4");
    assertThat(rows.get(0).get("Column 2")).isEqualTo("x");
  }
}
