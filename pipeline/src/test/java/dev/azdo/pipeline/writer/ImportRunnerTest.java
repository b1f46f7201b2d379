package dev.azdo.pipeline.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.pipeline.lookup.AzdoLookups;
import dev.azdo.pipeline.lookup.LookupSource;
import dev.azdo.pipeline.mapping.AgileProcess;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.FieldDefinition;
import dev.azdo.pipeline.mapping.FieldType;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.CsvSource;
import dev.azdo.pipeline.source.DummyDataSource;
import dev.azdo.pipeline.source.RowSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRunnerTest {
  private static final FieldCatalog CATALOG =
      AgileProcess.catalog(
          FieldDefinition.of("Custom.ExternalKey", "External Key", FieldType.STRING));

  @TempDir Path dir;

  private Path csv(String text) throws IOException {
    return Files.writeString(dir.resolve("input.csv"), text);
  }

  private static RowSource open(Path file) {
    return CsvSource.open(file, StandardCharsets.UTF_8, ',');
  }

  private static ImportPlan plan(RowSource source, MappingSpec.Builder spec) {
    return ImportPlan.create(spec.build(), source.schema(), CATALOG);
  }

  private static MappingSpec.Builder bugs() {
    return MappingSpec.builder()
        .workItemType("Bug")
        .map("Title=System.Title")
        .key("Key=Custom.ExternalKey")
        .parentKey("Parent");
  }

  @Test
  void writesParentsBeforeChildrenEvenWhenChildrenComeFirstInTheInput() throws IOException {
    Path file =
        csv(
            "Key,Title,Parent\nC-1,Child one,P-1\nP-1,Parent,\nC-2,Child two,P-1\nG-1,Grandchild,C-1\n");
    FakeWorkItemService service = new FakeWorkItemService();
    try (RowSource source = open(file)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service)
              .batchSize(2)
              .concurrency(2)
              .build()
              .run(source);
      assertThat(summary)
          .hasToString(
              "read 4, written 4, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    }
    Map<String, Integer> ids =
        service.findByKeys("Custom.ExternalKey", List.of("P-1", "C-1", "C-2", "G-1"));
    assertThat(service.parents)
        .containsEntry(ids.get("C-1"), ids.get("P-1"))
        .containsEntry(ids.get("C-2"), ids.get("P-1"))
        .containsEntry(ids.get("G-1"), ids.get("C-1"));
    assertThat(ids.get("P-1")).isLessThan(ids.get("C-1"));
  }

  @Test
  void aRowTheServiceRefusesIsRejectedAloneAndItsChildrenWithIt() throws IOException {
    Path file = csv("Key,Title,Parent\nA,fine,\nB,REFUSE me,\nC,child of B,B\nD,also fine,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    Path rejectsFile = dir.resolve("rejects.csv");
    try (RowSource source = open(file);
        RejectsWriter rejects = RejectsWriter.open(rejectsFile, source.schema())) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service).rejects(rejects).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(2);
      assertThat(summary.rejectedCount()).isEqualTo(2);
      assertThat(summary.isBalanced()).isTrue();
      assertThat(summary.exitCode()).isEqualTo(3);
    }
    assertThat(Files.readAllLines(rejectsFile))
        .containsExactly(
            "Key,Title,Parent,rejected_row,rejected_column,rejected_reason",
            "B,REFUSE me,,2,,the service refused it (HTTP 400): TF401320: rule error for field Title",
            "C,child of B,B,3,Parent,\"the parent row with key \"\"B\"\" was not written, so this row was not either\"");
  }

  @Test
  void duplicateKeysAreRejectedAndWrittenOnlyOnce() throws IOException {
    Path file = csv("Key,Title,Parent\nA,first,\nA,second,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    Path rejectsFile = dir.resolve("rejects.csv");
    try (RowSource source = open(file);
        RejectsWriter rejects = RejectsWriter.open(rejectsFile, source.schema())) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service).rejects(rejects).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(1);
      assertThat(summary.rejectedCount()).isEqualTo(1);
    }
    assertThat(service.count()).isEqualTo(1);
    assertThat(Files.readString(rejectsFile))
        .contains("duplicate key \"\"A\"\": row 1 has the same key; this row was not written");
  }

  @Test
  void rerunWithTheJournalSkipsRowsAlreadyWritten() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\nB,two,A\nC,three,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    Path journalFile = dir.resolve("run.journal");
    for (int run = 0; run < 2; run++) {
      try (RowSource source = open(file);
          Journal journal = Journal.open(journalFile)) {
        RunSummary summary =
            ImportRunner.builder(plan(source, bugs()), service)
                .journal(journal)
                .build()
                .run(source);
        if (run == 0) {
          assertThat(summary.writtenCount()).isEqualTo(3);
        } else {
          assertThat(summary)
              .hasToString(
                  "read 3, written 0, rejected 0, skipped 3 (unchanged 3, created with changed content 0, not attempted 0)");
        }
      }
    }
    assertThat(service.count()).isEqualTo(3);
  }

  @Test
  void lostAnswerIsLookedUpByKeyInsteadOfCreatingTwins() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\nB,two,\nC,three,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    service.loseAnswers = 1;
    try (RowSource source = open(file);
        Journal journal = Journal.open(dir.resolve("run.journal"))) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service).journal(journal).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(3);
      assertThat(summary.isBalanced()).isTrue();
      assertThat(journal.writtenId("B")).isNotNull();
    }
    assertThat(service.count()).isEqualTo(3);
    assertThat(service.lookups).isEqualTo(1);
  }

  @Test
  void keyTagMarkerFindsItemsWhenThereIsNoKeyField() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\nB,two,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    service.loseAnswers = 1;
    MappingSpec.Builder spec =
        MappingSpec.builder().workItemType("Task").map("Title=Title").key("Key");
    try (RowSource source = open(file)) {
      RunSummary summary = ImportRunner.builder(plan(source, spec), service).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(2);
    }
    assertThat(service.count()).isEqualTo(2);
    assertThat(service.items.values())
        .extracting(m -> m.get("System.Tags"))
        .containsExactlyInAnyOrder("import-key:A~1", "import-key:B~1");
  }

  @Test
  void fatalFailureStopsTheRunAndCountsEveryRowNotAttempted() throws IOException {
    StringBuilder text = new StringBuilder("Key,Title,Parent\n");
    for (int i = 1; i <= 50; i++) {
      text.append("K").append(i).append(",Title ").append(i).append(",\n");
    }
    Path file = csv(text.toString());
    FakeWorkItemService service = new FakeWorkItemService();
    service.failCallsFatally = 1;
    try (RowSource source = open(file)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service)
              .batchSize(10)
              .concurrency(1)
              .build()
              .run(source);
      assertThat(summary.readCount()).isEqualTo(50);
      assertThat(summary.writtenCount()).isZero();
      assertThat(summary.notAttemptedCount()).isEqualTo(50);
      assertThat(summary.isBalanced()).isTrue();
      assertThat(summary.exitCode()).isEqualTo(1);
      assertThat(summary.stopReason())
          .isEqualTo(
              "401 Unauthorized: the access token was rejected; rows 1 to 50 (50 rows) were not attempted");
    }
  }

  @Test
  void aLookupTheServiceFailsStopsTheRunAndCountsItsRowsAndTheRestNotAttempted()
      throws IOException {
    StringBuilder text = new StringBuilder("Key,Title,Parent,ParentTitle\n");
    for (int i = 1; i <= 1_500; i++) {
      text.append("K").append(i).append(",Title ").append(i).append(",,Epic ").append(i % 7);
      text.append('\n');
    }
    Path file = csv(text.toString());
    // A real local server that fails every call, and a client that does not retry.
    HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failing.createContext(
        "/",
        x -> {
          x.sendResponseHeaders(500, -1);
          x.close();
        });
    failing.start();
    String url = "http://127.0.0.1:" + failing.getAddress().getPort() + "/org";
    try (AzdoClient client =
            AzdoClient.create(
                ConnectionConfig.parse(
                        Map.of(
                            "org-url", url,
                            "pat", "secret-pat",
                            "retry-max", "0",
                            "api-version-negotiation", "off"),
                        Map.of())
                    .orThrow());
        RowSource csv = open(file)) {
      ImportPlan plan = plan(csv, bugs().lookup("ParentTitle=System.Title:System.Id"));
      LookupSource source = new LookupSource(csv, new AzdoLookups(client, "Demo"), plan.lookups());
      FakeWorkItemService service = new FakeWorkItemService();
      RunSummary summary =
          ImportRunner.builder(plan, service).batchSize(10).concurrency(1).build().run(source);

      assertThat(summary.readCount()).isEqualTo(1_500);
      assertThat(summary.writtenCount()).isZero();
      assertThat(summary.notAttemptedCount()).isEqualTo(1_500);
      assertThat(summary.isBalanced()).isTrue();
      assertThat(summary.exitCode()).isEqualTo(1);
      // The service failed, not the source: a re-run resumes, nothing in the file needs fixing.
      assertThat(summary.stoppedBySource()).isFalse();
      assertThat(summary.stopReason())
          .startsWith("--lookup ParentTitle=System.Title:System.Id: ")
          .contains("HTTP 500")
          .endsWith("; rows 1 to 1500 (1500 rows) were not attempted")
          .doesNotContain("secret-pat");
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void aRowTheServiceKeepsRefusingForNowIsTriedFiveTimesWithDoublingWaits() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    service.throttleFirstWrites = 4;
    try (RowSource source = open(file)) {
      long start = System.nanoTime();
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service)
              .retry(new ItemRetry(5, 10, 8_000, true))
              .build()
              .run(source);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(summary)
          .hasToString(
              "read 1, written 1, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
      // Four refusals, then written.
      assertThat(service.batchSizes).hasSize(5);
      assertThat(millis).isGreaterThanOrEqualTo(10 + 20 + 40 + 80);
    }
  }

  @Test
  void aRowStillRefusedAfterFiveTriesIsRejectedWithTheServiceReason() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    service.throttleFirstWrites = 5;
    try (RowSource source = open(file)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service)
              .retry(new ItemRetry(5, 0, 0, true))
              .build()
              .run(source);
      assertThat(summary)
          .hasToString(
              "read 1, written 0, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
      assertThat(service.batchSizes).hasSize(5);
    }
  }

  @Test
  void throttledItemsAreRetriedAndFlagsReachTheSink() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\nB,two,\n");
    FakeWorkItemService service = new FakeWorkItemService();
    service.throttleFirstWrites = 1;
    try (RowSource source = open(file)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service)
              .flags(new WriteFlags(true, true))
              .build()
              .run(source);
      assertThat(summary.writtenCount()).isEqualTo(2);
    }
    assertThat(service.flagsSeen).allMatch(f -> f.bypassRules() && f.suppressNotifications());
    assertThat(service.count()).isEqualTo(2);
  }

  @Test
  void batchesHoldAtMostTheBatchSizeAndConcurrencyIsBounded() {
    FakeWorkItemService service = new FakeWorkItemService();
    try (DummyDataSource source = DummyDataSource.of(1000, 3)) {
      ImportPlan plan =
          ImportPlan.create(
              MappingSpec.builder()
                  .workItemType("Bug")
                  .map("Title=Title")
                  .map("Priority=Priority")
                  .key("Key")
                  .build(),
              source.schema(),
              CATALOG);
      RunSummary summary =
          ImportRunner.builder(plan, service).batchSize(200).concurrency(3).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(1000);
    }
    assertThat(service.batchSizes).hasSize(5).allMatch(n -> n == 200);
    assertThat(service.maxConcurrent).isLessThanOrEqualTo(3);
  }

  @Test
  void upsertUpdatesItemsFoundByKeyAndCreatesTheRest() throws IOException {
    FakeWorkItemService service = new FakeWorkItemService();
    Path first = csv("Key,Title,Parent\nA,one,\n");
    try (RowSource source = open(first)) {
      ImportRunner.builder(plan(source, bugs()), service).build().run(source);
    }
    Path second = csv("Key,Title,Parent\nA,one renamed,\nB,two,\n");
    try (RowSource source = open(second)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service)
              .mode(WriteMode.UPSERT)
              .build()
              .run(source);
      assertThat(summary.writtenCount()).isEqualTo(2);
    }
    assertThat(service.items.values())
        .extracting(m -> m.get("System.Title"))
        .containsExactly("one renamed", "two");
  }

  @Test
  void deleteByIdColumnNeedsNoLookupAndUnknownIdsAreRejected() throws IOException {
    FakeWorkItemService service = new FakeWorkItemService();
    try (DummyDataSource source = DummyDataSource.of(2, 1)) {
      ImportPlan plan =
          ImportPlan.create(
              MappingSpec.builder().workItemType("Bug").map("Title=Title").build(),
              source.schema(),
              CATALOG);
      ImportRunner.builder(plan, service).build().run(source);
    }
    Path file = csv("Id\n100\n999\n");
    try (RowSource source = open(file)) {
      ImportPlan plan =
          ImportPlan.create(
              MappingSpec.builder()
                  .workItemType("Bug")
                  .key("Id=System.Id")
                  .checkRequired(false)
                  .build(),
              source.schema(),
              CATALOG);
      RunSummary summary =
          ImportRunner.builder(plan, service).mode(WriteMode.DELETE).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(1);
      assertThat(summary.rejectedCount()).isEqualTo(1);
    }
    assertThat(service.deleted).containsExactly(100);
    assertThat(service.lookups).isZero();
  }

  @Test
  void parentThatIsNeitherAKeyNorAnIdRejectsTheChildAtTheEnd() throws IOException {
    Path file = csv("Key,Title,Parent\nA,orphan,NOPE\nB,child of existing,100000\n");
    FakeWorkItemService service = new FakeWorkItemService();
    Path rejectsFile = dir.resolve("rejects.csv");
    try (RowSource source = open(file);
        RejectsWriter rejects = RejectsWriter.open(rejectsFile, source.schema())) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), service).rejects(rejects).build().run(source);
      assertThat(summary.writtenCount()).isEqualTo(1);
      assertThat(summary.rejectedCount()).isEqualTo(1);
    }
    assertThat(Files.readString(rejectsFile))
        .contains("parent \"\"NOPE\"\" is neither a key of this input nor a work item id");
    assertThat(service.parents).containsValue(100000);
  }

  @Test
  void dryRunWritesRequestsAsJsonLinesAndLeavesTheJournalAlone() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\nB,two,A\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path journalFile = dir.resolve("dry.journal");
    try (RowSource source = open(file);
        Journal journal = Journal.open(journalFile)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, bugs()), new DryRunSink(out))
              .journal(journal)
              .build()
              .run(source);
      assertThat(summary.writtenCount()).isEqualTo(2);
    }
    assertThat(Files.readString(journalFile)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8).split("\n"))
        .containsExactly(
            "{\"row\":1,\"method\":\"PATCH\",\"type\":\"Bug\",\"patch\":[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"one\"},{\"op\":\"add\",\"path\":\"/fields/Custom.ExternalKey\",\"value\":\"A\"}]}",
            "{\"row\":2,\"method\":\"PATCH\",\"type\":\"Bug\",\"patch\":[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"two\"},{\"op\":\"add\",\"path\":\"/fields/Custom.ExternalKey\",\"value\":\"B\"},{\"op\":\"add\",\"path\":\"/relations/-\",\"value\":{\"rel\":\"System.LinkTypes.Hierarchy-Reverse\",\"url\":\"dry-run:/_apis/wit/workItems/1\"}}]}");
  }

  @Test
  void updateWithoutKeyIsAConfigurationError() throws IOException {
    Path file = csv("Key,Title,Parent\nA,one,\n");
    try (RowSource source = open(file)) {
      ImportPlan plan =
          ImportPlan.create(
              MappingSpec.builder().workItemType("Bug").map("Title=Title").build(),
              source.schema(),
              CATALOG);
      assertThatThrownBy(
              () ->
                  ImportRunner.builder(plan, new FakeWorkItemService())
                      .mode(WriteMode.UPDATE)
                      .build())
          .hasMessage("update-workitem needs --key SRC=FIELD to find the work items");
      assertThatThrownBy(() -> ImportRunner.builder(plan, new FakeWorkItemService()).batchSize(500))
          .hasMessage("--batch-size must be 1 to 200, was 500");
    }
  }

  @Test
  void withoutAKeyALostAnswerStopsTheRunAndTheRerunRefusesToGuess() throws IOException {
    Path file = csv("Title\none\ntwo\n");
    FakeWorkItemService service = new FakeWorkItemService();
    service.loseAnswers = 1;
    Path journalFile = dir.resolve("nokey.journal");
    MappingSpec.Builder spec = MappingSpec.builder().workItemType("Bug").map("Title=Title");
    try (RowSource source = open(file);
        Journal journal = Journal.open(journalFile)) {
      RunSummary summary =
          ImportRunner.builder(plan(source, spec), service).journal(journal).build().run(source);
      assertThat(summary.exitCode()).isEqualTo(1);
      assertThat(summary.notAttemptedCount()).isEqualTo(2);
      assertThat(summary.stopReason())
          .startsWith("connection reset while reading the $batch answer");
    }
    try (RowSource source = open(file);
        Journal journal = Journal.open(journalFile)) {
      RunSummary rerun =
          ImportRunner.builder(plan(source, spec), service).journal(journal).build().run(source);
      assertThat(rerun.rejectedCount()).isEqualTo(2);
      assertThat(rerun.writtenCount()).isZero();
    }
    // The lost call did create both items; the rerun did not create them a second time.
    assertThat(service.count()).isEqualTo(2);
  }
}
