package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a write the task compares the fields it sent with the fields the emulator answered over
 * HTTP: a field the service accepted and dropped is counted per field in the summary and listed in
 * the report, and the row still counts as written; values the service only normalises (identities,
 * dates in another offset, tags, paths, numbers, HTML) are not reported.
 */
class FieldsNotKeptTest {
  @TempDir Path dir;

  private static List<CSVRecord> records(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return new ArrayList<>(
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(in)
              .getRecords());
    }
  }

  // A job writing a CSV by key, with its rejects and journal beside it.
  private ImportJob.Builder job(Path csv, String type) {
    String name = csv.getFileName().toString().replace(".csv", "");
    return ImportJob.builder(SourceOptions.builder(csv.toString()).build())
        .project("Demo")
        .type(type)
        .map("Title=System.Title")
        .key("Key")
        .rejects(dir.resolve(name + ".rejects.csv"))
        .journal(dir.resolve(name + ".journal"));
  }

  @Test
  void aStateStampedDateTheServiceDroppedIsCountedAndListedAndTheRowIsStillWritten()
      throws Exception {
    Path csv = dir.resolve("stories.csv");
    Files.writeString(
        csv,
        "Key,Title,State,Resolved\n"
            + "S-1,active one,Active,2024-03-12T15:04:00Z\n"
            + "S-2,resolved one,Resolved,2024-03-13T10:00:00Z\n"
            + "S-3,active two,Active,2024-03-14T10:00:00Z\n"
            + "S-4,new one,New,2024-03-15T10:00:00Z\n"
            + "S-5,resolved two,Resolved,2024-03-16T10:00:00Z\n");
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = EmulatorImportTest.client(emulator);
      ImportJob job =
          job(csv, "User Story")
              .map("State=System.State")
              .map("Resolved=Resolved Date")
              .bypassRules(true)
              .build();
      List<RowOutcome> outcomes = new ArrayList<>();
      RunSummary summary = ImportTask.builder(job, client).outcomes(outcomes::add).build().run();

      assertThat(summary.writtenCount()).isEqualTo(5);
      assertThat(summary.rejectedCount()).isZero();
      assertThat(summary.exitCode()).isZero();
      assertThat(summary.notKeptCounts())
          .isEqualTo(Map.of("Microsoft.VSTS.Common.ResolvedDate", 3L));
      assertThat(summary.notKeptText()).isEqualTo("fields not kept: ResolvedDate 3 rows");
      assertThat(summary.toString()).contains("; fields not kept: ResolvedDate 3 rows");
      assertThat(job.report()).isEqualTo(dir.resolve("stories.report.csv"));
      assertThat(summary.report()).isEqualTo(job.report());

      List<CSVRecord> report = records(job.report());
      assertThat(report).hasSize(3);
      Map<String, String> idByKey = new java.util.HashMap<>();
      outcomes.forEach(o -> idByKey.put(o.key(), o.id()));
      assertThat(report.stream().map(r -> r.get("row")).toList()).containsExactly("1", "3", "4");
      CSVRecord first = report.get(0);
      assertThat(first.get("key")).isEqualTo("S-1");
      assertThat(first.get("work_item")).isEqualTo(idByKey.get("S-1"));
      assertThat(first.get("field")).isEqualTo("Microsoft.VSTS.Common.ResolvedDate");
      assertThat(first.get("column")).isEqualTo("Resolved");
      assertThat(first.get("sent")).startsWith("2024-03-12T15:04");
      assertThat(first.get("returned")).isEmpty();
      assertThat(outcomes.stream().filter(o -> o.key().equals("S-1")).findFirst().orElseThrow())
          .satisfies(o -> assertThat(o.status()).isEqualTo(RowOutcome.Status.WRITTEN))
          .satisfies(o -> assertThat(o.notKept()).hasSize(1));

      // What the report says is what the service holds.
      WorkItem active =
          client
              .getWorkItems(
                  List.of(Integer.parseInt(idByKey.get("S-1"))),
                  List.of("Microsoft.VSTS.Common.ResolvedDate"))
              .get(0);
      assertThat(active.field("Microsoft.VSTS.Common.ResolvedDate").isMissingNode()).isTrue();
      WorkItem resolved =
          client
              .getWorkItems(
                  List.of(Integer.parseInt(idByKey.get("S-2"))),
                  List.of("Microsoft.VSTS.Common.ResolvedDate"))
              .get(0);
      assertThat(resolved.field("Microsoft.VSTS.Common.ResolvedDate").asText())
          .startsWith("2024-03-13T10:00:00");

      // A rerun writes nothing, so the report of the earlier run is emptied, not left standing.
      RunSummary again = ImportTask.builder(job, client).build().run();
      assertThat(again.skippedCount()).isEqualTo(5);
      assertThat(again.notKeptText()).isNull();
      assertThat(again.report()).isNull();
      assertThat(records(job.report())).isEmpty();
    }
  }

  @Test
  void valuesTheServiceOnlyNormalisesAreNotReportedAndNoReportIsWritten() throws Exception {
    Path csv = dir.resolve("tasks.csv");
    Files.writeString(
        csv,
        "Key,Title,Who,Due,Tags,Area,Priority,Notes,Remaining\n"
            + "T-1,one,alice@example.com,2024-03-12T16:04:00+01:00,b; A,demo,1,<p>Hi <b>there</b></p>,2.50\n"
            + "T-2,two,Bob Builder,2024-03-13,x;x,Demo,3,plain,4\n");
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = EmulatorImportTest.client(emulator);
      ImportJob job =
          job(csv, "Task")
              .map("Who=System.AssignedTo")
              .map("Due=Microsoft.VSTS.Scheduling.FinishDate")
              .map("Tags=System.Tags")
              .map("Area=System.AreaPath")
              .map("Priority=Microsoft.VSTS.Common.Priority")
              .map("Notes=System.Description")
              .map("Remaining=Microsoft.VSTS.Scheduling.RemainingWork")
              .build();
      RunSummary summary = ImportTask.builder(job, client).build().run();
      assertThat(summary.writtenCount()).as(summary.toString()).isEqualTo(2);
      assertThat(summary.notKeptCounts()).isEmpty();
      assertThat(summary.report()).isNull();
      assertThat(job.report()).doesNotExist();
    }
  }
}
