package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.pipeline.mapping.AgileProcess;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.CsvSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.writer.DryRunSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input of every kind ends in one clear line naming the row, the column and the reason. */
class BadInputTest {
  private static final FieldCatalog AGILE = AgileProcess.catalog();

  @TempDir Path dir;

  private RunSummary importCsv(String text, String... maps) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.csv"), text);
    ImportJob.Builder job =
        ImportJob.builder(SourceOptions.builder(file.toString()).build())
            .project("Demo")
            .type("Task")
            .key("Key")
            .rejects(dir.resolve("rejects.csv"))
            .dryRun(true);
    for (String map : maps) {
      job.map(map);
    }
    return Importer.run(job.build(), AGILE, new DryRunSink(null), null, null);
  }

  private List<String> rejectionLines() throws IOException {
    List<String> lines = new ArrayList<>();
    try (CsvSource rejects =
        CsvSource.open(dir.resolve("rejects.csv"), StandardCharsets.UTF_8, ',')) {
      SourceRow row;
      while ((row = rejects.next()) != null) {
        lines.add(
            "row "
                + row.get("rejected_row")
                + (row.get("rejected_column").isEmpty()
                    ? ""
                    : ", column \"" + row.get("rejected_column") + "\"")
                + ": "
                + row.get("rejected_reason"));
      }
    }
    return lines;
  }

  @Test
  void eachBadValueIsOneRejectionAndTheGoodRowsAreWritten() throws IOException {
    RunSummary summary =
        importCsv(
            "Key,Title,Due,Hours\n"
                + "K1,ok,2024-01-31,3\n"
                + "K2,"
                + "x".repeat(256)
                + ",,\n"
                + "K3,bad date,31/02/2024,\n"
                + "K4,bad number,,three\n"
                + "K5,\"bad\"quote,,\n"
                + "K1,duplicate,,\n"
                + "K7,also ok,,1.5\n",
            "Title=System.Title",
            "Due=Due Date:yyyy-MM-dd",
            "Hours=Remaining Work");
    assertThat(summary)
        .hasToString(
            "read 7, written 2, rejected 5, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(summary.exitCode()).isEqualTo(3);
    assertThat(rejectionLines())
        .containsExactly(
            "row 2, column \"Title\": is 256 characters long; System.Title (Title) allows at most 255",
            "row 3, column \"Due\": \"31/02/2024\" is not a date in format yyyy-MM-dd",
            "row 4, column \"Hours\": \"three\" is not a number (use . for decimals)",
            "row 5: line 6: malformed quoting (text after a closing quote)",
            "row 6, column \"Key\": duplicate key \"K1\": row 1 has the same key; this row was not written");
  }

  @Test
  void emptyFileIsOneLineBeforeAnyRow() throws IOException {
    assertThatThrownBy(() -> importCsv("", "Title=System.Title"))
        .isInstanceOf(SourceException.class)
        .hasMessage("bad.csv: the file is empty; expected a header row");
  }

  @Test
  void mappedColumnMissingFromTheSourceIsAConfigurationErrorBeforeAnyRow() throws IOException {
    assertThatThrownBy(() -> importCsv("Key,Title\nK1,a\n", "Titel=System.Title"))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining(
            "--map Titel=System.Title: column \"Titel\" is not in the source (columns: Key, Title)");
    assertThat(Files.exists(dir.resolve("rejects.csv"))).isFalse();
  }

  @Test
  void unclosedQuoteStopsTheRunAndCountsTheRowsNotAttempted() throws IOException {
    RunSummary summary =
        importCsv("Key,Title\nK1,a\nK2,\"never closed\nK3,c\n", "Title=System.Title");
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(summary.writtenCount()).isEqualTo(1);
    assertThat(summary.isBalanced()).isTrue();
    assertThat(summary.stopReason())
        .isEqualTo(
            "bad.csv: line 3: a quoted value opened on this line is never closed; the rows from here on were not read");
  }
}
