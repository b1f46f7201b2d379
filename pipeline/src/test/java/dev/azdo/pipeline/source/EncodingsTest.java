package dev.azdo.pipeline.source;

import static dev.azdo.pipeline.source.SourceRows.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 7: bytes a charset cannot decode reject their row; byte order marks win. */
class EncodingsTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void aCp1252ByteReadAsUtf8RejectsItsRowNamingColumnOffsetAndTheEncodingThatReadsIt()
      throws IOException {
    String text = "Key,Title,Owner\nB-1,Plain,Ann\nB-2,Café crème,Bob\nB-3,Also plain,Cy\n";
    Path file = write("cp1252.csv", text.getBytes(CP1252));
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, ','));

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).isMalformed()).isFalse();
    SourceRow bad = rows.get(1);
    assertThat(bad.isMalformed()).isTrue();
    assertThat(bad.rowNumber()).isEqualTo(2);
    assertThat(bad.errorColumn()).isEqualTo("Title");
    int offset = text.indexOf('é');
    assertThat(bad.error())
        .isEqualTo(
            "line 3: byte 0xE9 is not valid UTF-8 (byte offset "
                + offset
                + "); use --encoding windows-1252? (it reads \"é\")");
    assertThat(rows.get(2).get("Title")).isEqualTo("Also plain");
  }

  @Test
  void theSameFileReadAsWindows1252IsDecodedWithoutRejections() throws IOException {
    Path file = write("cp1252.csv", "Key,Title\nB-2,Café – “quoted”\n".getBytes(CP1252));
    List<SourceRow> rows = readAll(CsvSource.open(file, CP1252, ','));
    assertThat(rows).singleElement().extracting(r -> r.get("Title")).isEqualTo("Café – “quoted”");
  }

  @Test
  void bytesWindows1252CannotReadEitherGetNoHint() throws IOException {
    // 0x81 is undefined in Windows-1252, and 0xC3 0x28 is not UTF-8.
    byte[] bytes = {'K', '\n', (byte) 0x81, '\n', (byte) 0xC3, '(', '\n'};
    List<SourceRow> rows = readAll(CsvSource.open(write("x.csv", bytes), CP1252, ','));
    assertThat(rows.get(0).error())
        .isEqualTo("line 2: byte 0x81 is not valid windows-1252 (byte offset 2)");
    assertThat(rows.get(1).isMalformed()).isFalse();
  }

  @Test
  void badBytesInAMultiLineValueAndBeyondTheFirstBufferNameTheirOwnRowAndOffset()
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("Key,Description\n".getBytes(StandardCharsets.UTF_8));
    for (int i = 1; i <= 5000; i++) {
      out.writeBytes(("K-" + i + ",\"line one\nline two of " + i + "\"\n").getBytes());
    }
    long offset = out.size() + "K-5001,\"first\nsecond ".length();
    out.writeBytes("K-5001,\"first\nsecond ".getBytes(StandardCharsets.UTF_8));
    out.write(0xFC);
    out.writeBytes("ber\"\nK-5002,fine\n".getBytes(StandardCharsets.UTF_8));
    List<SourceRow> rows =
        readAll(CsvSource.open(write("big.csv", out.toByteArray()), StandardCharsets.UTF_8, ','));

    assertThat(rows).hasSize(5002);
    assertThat(rows.stream().filter(SourceRow::isMalformed)).hasSize(1);
    SourceRow bad = rows.get(5000);
    assertThat(bad.rowNumber()).isEqualTo(5001);
    assertThat(bad.errorColumn()).isEqualTo("Description");
    assertThat(bad.error())
        .startsWith("line " + (1 + 2 * 5000 + 2) + ": byte 0xFC is not valid UTF-8")
        .contains("(byte offset " + offset + ")")
        .endsWith("(it reads \"ü\")");
    assertThat(rows.get(5001).get("Description")).isEqualTo("fine");
  }

  @Test
  void badBytesInTheHeaderStopWithOneLine() throws IOException {
    Path file = write("h.csv", "Key,T\u00EDtulo\nA,b\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> CsvSource.open(file, StandardCharsets.UTF_8, ','))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "h.csv: line 1: header: byte 0xED is not valid UTF-8 (byte offset 5); use --encoding"
                + " windows-1252? (it reads \"í\")");
  }

  @Test
  void utf32ByteOrderMarksAreDetectedWhateverTheConfiguredCharset() throws IOException {
    for (String name : List.of("UTF-32LE", "UTF-32BE")) {
      Path file =
          write(name + ".csv", "\uFEFFKey,Title\nB-1,Größe ✓\n".getBytes(Charset.forName(name)));
      List<SourceRow> rows = readAll(CsvSource.open(file, CP1252, ','));
      assertThat(rows.get(0).schema().columns()).containsExactly("Key", "Title");
      assertThat(rows.get(0).get("Title")).as(name).isEqualTo("Größe ✓");
    }
    Path utf16be =
        write("u16be.csv", "\uFEFFKey,Title\nB-1,Größe\n".getBytes(StandardCharsets.UTF_16BE));
    assertThat(readAll(CsvSource.open(utf16be, CP1252, ',')).get(0).get("Title"))
        .isEqualTo("Größe");
  }

  @Test
  void aTruncatedUtf8SequenceAtTheEndOfTheFileRejectsTheLastRow() throws IOException {
    byte[] head = "Key,Title\nA,ok\nB,caf".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 1];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xC3;
    List<SourceRow> rows =
        readAll(CsvSource.open(write("t.csv", bytes), StandardCharsets.UTF_8, ','));
    assertThat(rows.get(0).isMalformed()).isFalse();
    assertThat(rows.get(1).error())
        .startsWith("line 3: byte 0xC3 is not valid UTF-8 (byte offset 20)");
  }

  @Test
  void ndjsonAndJsonArraysRejectTheRowWithBadBytes() throws IOException {
    byte[] ndjson =
        "{\"k\":\"A\"}\n{\"k\":\"B\",\"t\":\"Caf\u00E9\"}\n{\"k\":\"C\"}\n".getBytes(CP1252);
    List<SourceRow> lines =
        readAll(JsonSource.open(write("x.ndjson", ndjson), StandardCharsets.UTF_8));
    assertThat(lines.get(1).error())
        .startsWith("line 2: byte 0xE9 is not valid UTF-8 (byte offset 27)");
    assertThat(lines.get(2).get("k")).isEqualTo("C");

    byte[] array =
        "[{\"k\":\"A\"},\n{\"k\":\"B\",\"t\":\"Caf\u00E9\"},\n{\"k\":\"C\"}]".getBytes(CP1252);
    List<SourceRow> elements =
        readAll(JsonSource.open(write("x.json", array), StandardCharsets.UTF_8));
    assertThat(elements.get(1).errorColumn()).isEqualTo("t");
    assertThat(elements.get(1).error()).contains("use --encoding windows-1252?");
    assertThat(elements.get(0).isMalformed()).isFalse();
    assertThat(elements.get(2).get("k")).isEqualTo("C");
  }
}
