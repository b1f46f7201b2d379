package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.CsvSource;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.SourceRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 bad-input suite, the part only the service can judge (with {@link
 * dev.azdo.pipeline.BadInputTest} covering what the plan catches offline): through the real client
 * into the emulator, each bad row lands in the rejects file with its reason and every good row is
 * written.
 */
class BadInputEmulatorAcceptanceTest {
  @TempDir Path dir;

  @Test
  void rowsTheServiceRefusesAreRejectedWithItsReasonAndTheGoodRowsAreWritten() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("bad.csv"),
            "Key,Title,State,AssignedTo,Area,Hours\n"
                + "K1,good,New,alice@example.com,Demo,1\n"
                + "K2,,New,,Demo,\n"
                + "K3,unknown state,Flying,,Demo,\n"
                + "K4,unknown identity,New,nobody@nowhere.example,Demo,\n"
                + "K5,bad area path,New,,Demo\\No Such Area,\n"
                + "K6,bad number,New,,Demo,three\n"
                + "K7,also good,Active,,Demo,2.5\n");
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job =
          ImportJob.builder(SourceOptions.builder(csv.toString()).build())
              .project("Demo")
              .type("Task")
              .map("Title=System.Title")
              .map("State=State")
              .map("AssignedTo=Assigned To")
              .map("Area=Area Path")
              .map("Hours=Remaining Work")
              .key("Key")
              .batchSize(3)
              .rejects(dir.resolve("rejects.csv"))
              .journal(dir.resolve("bad.journal"))
              .build();

      RunSummary summary = Importer.run(job, client, null, null, null);

      assertThat(summary)
          .hasToString(
              "read 7, written 2, rejected 5, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
      assertThat(summary.exitCode()).isEqualTo(3);
      assertThat(Acceptance.keyCounts(client)).isEqualTo(Map.of("K1", 1, "K7", 1));
      // Rows the service refuses come back as their batches finish, so sort by row number.
      List<String> rejects = rejectionLines(dir.resolve("rejects.csv"));
      rejects.sort(null);
      assertThat(rejects).hasSize(5);
      assertThat(rejects.get(0))
          .isEqualTo("row 2 K2, column \"Title\": is empty, but System.Title (Title) is required");
      assertThat(rejects.get(1))
          .isEqualTo(
              "row 3 K3, column \"State\": \"Flying\" is not an allowed value of System.State"
                  + " (State) (allowed: New, Active, Closed, Removed)");
      // The service's own words, with the column of the field it blames.
      assertThat(rejects.get(2))
          .startsWith(
              "row 4 K4, column \"AssignedTo\": the service refused it (HTTP 400): TF401320:")
          .contains("'nobody@nowhere.example' for field 'Assigned To' is an unknown identity");
      assertThat(rejects.get(3))
          .isEqualTo(
              "row 5 K5, column \"Area\": the service refused it (HTTP 400): TF401347: Invalid"
                  + " tree name given for work item -1, field 'System.AreaPath'.");
      assertThat(rejects.get(4))
          .isEqualTo("row 6 K6, column \"Hours\": \"three\" is not a number (use . for decimals)");
    }
  }

  /** "row N KEY[, column "C"]: reason" per rejected row, in file order. */
  private static List<String> rejectionLines(Path file) throws Exception {
    List<String> lines = new ArrayList<>();
    try (CsvSource rejects = CsvSource.open(file, StandardCharsets.UTF_8, ',')) {
      SourceRow row;
      while ((row = rejects.next()) != null) {
        lines.add(
            "row "
                + row.get("rejected_row")
                + " "
                + row.get("Key")
                + (row.get("rejected_column").isEmpty()
                    ? ""
                    : ", column \"" + row.get("rejected_column") + "\"")
                + ": "
                + row.get("rejected_reason"));
      }
    }
    return lines;
  }
}
