package dev.azdo.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.source.CsvSource;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectsWriterTest {
  @TempDir Path dir;

  @Test
  void writesOriginalColumnsThenRowColumnAndReasonReadableAsCsvAgain() throws IOException {
    SourceSchema schema = SourceSchema.of("Key", "Title", "Due");
    Path file = dir.resolve("out/rejects.csv");
    try (RejectsWriter rejects = RejectsWriter.open(file, schema)) {
      rejects.write(
          SourceRow.of(7, schema, "B-7", "Multi\nline, \"quoted\"", "31/02/2024"),
          new Rejection(7, "Due", "\"31/02/2024\" is not a date in format yyyy-MM-dd"));
      rejects.write(
          SourceRow.malformed(8, schema, "line 9: malformed quoting"),
          new Rejection(8, null, "line 9: malformed quoting"));
      assertThat(rejects.count()).isEqualTo(2);
    }
    try (CsvSource back = CsvSource.open(file, StandardCharsets.UTF_8, ',')) {
      assertThat(back.schema().columns())
          .containsExactly(
              "Key", "Title", "Due", "rejected_row", "rejected_column", "rejected_reason");
      SourceRow first = back.next();
      assertThat(first.get("Title")).isEqualTo("Multi\nline, \"quoted\"");
      assertThat(first.get("rejected_row")).isEqualTo("7");
      assertThat(first.get("rejected_column")).isEqualTo("Due");
      assertThat(first.get("rejected_reason"))
          .isEqualTo("\"31/02/2024\" is not a date in format yyyy-MM-dd");
      SourceRow second = back.next();
      assertThat(second.get("Key")).isEmpty();
      assertThat(second.get("rejected_reason")).isEqualTo("line 9: malformed quoting");
    }
    assertThat(Files.readString(file))
        .startsWith("Key,Title,Due,rejected_row,rejected_column,rejected_reason\r\n");
  }

  @Test
  void valuesASpreadsheetWouldRunAsFormulasGetALeadingQuote() throws IOException {
    SourceSchema schema = SourceSchema.of("Title", "Cost", "Note", "Who", "Tab", "Cr", "Plain");
    Path file = dir.resolve("rejects.csv");
    try (RejectsWriter rejects = RejectsWriter.open(file, schema)) {
      rejects.write(
          SourceRow.of(
              1,
              schema,
              "=HYPERLINK(\"http://evil.example\",\"x\")",
              "+1+2",
              "-2+3",
              "@SUM(A1)",
              "\tx",
              "\rx",
              "a=b"),
          new Rejection(1, "Cost", "=not a formula either"));
    }
    try (CsvSource back = CsvSource.open(file, StandardCharsets.UTF_8, ',')) {
      SourceRow row = back.next();
      assertThat(row.get("Title")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
      assertThat(row.get("Cost")).isEqualTo("'+1+2");
      assertThat(row.get("Note")).isEqualTo("'-2+3");
      assertThat(row.get("Who")).isEqualTo("'@SUM(A1)");
      assertThat(row.get("Tab")).isEqualTo("'\tx");
      assertThat(row.get("Cr")).isEqualTo("'\rx");
      assertThat(row.get("Plain")).isEqualTo("a=b");
      assertThat(row.get("rejected_reason")).isEqualTo("'=not a formula either");
    }
  }
}
