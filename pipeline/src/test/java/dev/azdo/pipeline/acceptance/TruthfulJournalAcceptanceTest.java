package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.config.SourceKeys;
import dev.azdo.pipeline.report.JournalLockedException;
import dev.azdo.pipeline.report.JournalMismatchException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-runs apply edits, never skip silently and never write twice: over HTTP to the emulator. */
class TruthfulJournalAcceptanceTest {
  @TempDir Path dir;

  private ImportJob.Builder csvJob(Path csv, String endpoint) {
    return ImportJob.builder(SourceOptions.builder(csv.toString()).build())
        .endpoint(endpoint)
        .project("Demo")
        .type("Task")
        .map("Title=System.Title")
        .key("Key");
  }

  private static String title(AzdoClient client, int id) {
    WorkItem item = client.getWorkItems(List.of(id), List.of("System.Title")).get(0);
    return item.field("System.Title").asText();
  }

  @Test
  void upsertAppliesEditedRowsOnARerunAndAThirdRunWritesNothingSayingWhy() throws IOException {
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      Path csv = dir.resolve("items.csv");
      Files.writeString(csv, "Key,Title\nK1,one\nK2,two\nK3,three\n");
      RunSummary first =
          Importer.run(csvJob(csv, "upsert-workitem").build(), client, null, null, null);
      assertThat(first.writtenCount()).isEqualTo(3);

      Files.writeString(csv, "Key,Title\nK1,one edited\nK2,two\nK3,three edited\n");
      RunSummary second =
          Importer.run(csvJob(csv, "upsert-workitem").build(), client, null, null, null);
      assertThat(second.writtenCount()).as("%s", second).isEqualTo(2);
      assertThat(second.skippedCount()).isEqualTo(1);
      Map<String, Integer> keys = Acceptance.keyCounts(client);
      assertThat(keys).containsOnlyKeys("K1", "K2", "K3");
      List<String> titles = new ArrayList<>();
      for (int id : client.queryIds("Demo", "SELECT [System.Id] FROM WorkItems").ids()) {
        titles.add(title(client, id));
      }
      assertThat(titles).containsExactlyInAnyOrder("one edited", "two", "three edited");

      RunSummary third =
          Importer.run(csvJob(csv, "upsert-workitem").build(), client, null, null, null);
      assertThat(third.writtenCount()).isZero();
      assertThat(third.skippedText())
          .isEqualTo("skipped 3 (unchanged 3, created with changed content 0, not attempted 0)");
      assertThat(third.journal()).isEqualTo(first.journal());
      assertThat(third.journal().getFileName().toString())
          .startsWith("items.upsert-workitem-")
          .endsWith(".journal");
    }
  }

  @Test
  void createReportsARowEditedSinceItWasCreatedAndExitsWithThree() throws IOException {
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      Path csv = dir.resolve("created.csv");
      Files.writeString(csv, "Key,Title\nK1,one\nK2,two\n");
      Importer.run(csvJob(csv, "create-workitem").build(), client, null, null, null);
      Files.writeString(csv, "Key,Title\nK1,one\nK2,two edited\n");
      List<dev.azdo.pipeline.report.RowOutcome> outcomes = new ArrayList<>();
      RunSummary again =
          dev.azdo.pipeline.ImportTask.builder(csvJob(csv, "create-workitem").build(), client)
              .outcomes(outcomes::add)
              .build()
              .run();
      assertThat(outcomes)
          .extracting(o -> o.row() + " " + o.status())
          .containsExactly("1 UNCHANGED", "2 CHANGED");
      assertThat(outcomes.get(0).key()).isEqualTo("K1");
      assertThat(outcomes.get(1).reason()).startsWith("already created as #");
      assertThat(again.exitCode()).isEqualTo(3);
      assertThat(again.changedCount()).isEqualTo(1);
      assertThat(again.isBalanced()).isTrue();
      assertThat(Files.readString(dir.resolve("created.rejects.csv")))
          .contains("already created as #")
          .contains("its content changed \u2014 use upsert-workitem to apply it");
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(2);
    }
  }

  @Test
  void twoSqliteTablesWithTheSameKeysGetTheirOwnJournalsAndEveryRowOfBothIsWritten()
      throws Exception {
    Path db = dir.resolve("two.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("create table bugs (k text, title text)");
      s.execute("create table tasks (k text, title text)");
      s.execute("insert into bugs values ('1','bug one'),('2','bug two')");
      s.execute("insert into tasks values ('1','task one'),('2','task two')");
    }
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      List<Path> journals = new ArrayList<>();
      for (String table : List.of("bugs", "tasks")) {
        ImportJob job =
            ImportJob.builder("jdbc:sqlite:" + db)
                .set(SourceKeys.QUERY, "select k, title from " + table)
                .project("Demo")
                .type("Task")
                .map("title=System.Title")
                .key("k")
                .build();
        Path defaultName = Importer.journalFile(job, Importer.identity(job, target(emulator)));
        journals.add(defaultName);
        // The default name sits in the working directory; this test keeps it in its folder.
        ImportJob here =
            ImportJob.builder("jdbc:sqlite:" + db)
                .set(SourceKeys.QUERY, "select k, title from " + table)
                .project("Demo")
                .type("Task")
                .map("title=System.Title")
                .key("k")
                .journal(dir.resolve(defaultName.getFileName()))
                .rejects(dir.resolve(table + ".rejects.csv"))
                .build();
        assertThat(Importer.run(here, client, null, null, null).writtenCount()).isEqualTo(2);
      }
      assertThat(journals.get(0)).isNotEqualTo(journals.get(1));
      assertThat(journals.get(0).getFileName().toString()).startsWith("import.create-workitem-");
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(4);
    }
  }

  private static String target(Emulator e) {
    return dev.azdo.pipeline.report.JournalIdentity.targetOf(java.net.URI.create(e.url()));
  }

  @Test
  void theSameCsvAgainstTwoEmulatorsOnDifferentPortsWritesEveryRowToBoth() throws IOException {
    Path csv = dir.resolve("both.csv");
    Files.writeString(csv, "Key,Title\nA,a\nB,b\nC,c\n");
    try (Emulator one = Emulator.startDefault();
        Emulator two = Emulator.startDefault()) {
      RunSummary s1 =
          Importer.run(
              csvJob(csv, "create-workitem").build(), Acceptance.client(one), null, null, null);
      RunSummary s2 =
          Importer.run(
              csvJob(csv, "create-workitem").build(), Acceptance.client(two), null, null, null);
      assertThat(s1.writtenCount()).isEqualTo(3);
      assertThat(s2.writtenCount()).isEqualTo(3);
      assertThat(s1.journal()).isNotEqualTo(s2.journal());
      assertThat(Acceptance.workItemCount(one)).isEqualTo(3);
      assertThat(Acceptance.workItemCount(two)).isEqualTo(3);
    }
  }

  @Test
  void twoImportsStartedAtOnceOnOneJournalMakeExactlyNItems() throws Exception {
    int rows = 300;
    StringBuilder text = new StringBuilder("Key,Title\n");
    for (int i = 1; i <= rows; i++) {
      text.append("K").append(i).append(",row ").append(i).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("race.csv"), text);
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<String>> runs = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return Importer.run(
                            csvJob(csv, "create-workitem").batchSize(20).build(),
                            client,
                            null,
                            null,
                            null)
                        .toString();
                  } catch (JournalLockedException e) {
                    return "refused: " + e.getMessage();
                  }
                }));
      }
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : runs) {
        outcomes.add(f.get());
      }
      pool.shutdown();
      assertThat(Acceptance.workItemCount(emulator)).as("%s", outcomes).isEqualTo(rows);
      assertThat(Acceptance.keyCounts(client).values()).containsOnly(1);
      assertThat(outcomes).anyMatch(o -> o.startsWith("read " + rows + ", written " + rows));
      assertThat(outcomes)
          .allMatch(
              o ->
                  o.startsWith("read " + rows)
                      || (o.startsWith("refused: journal ")
                          && o.contains("is in use by another run")));
    }
  }

  @Test
  void keysThatContainSeparatorsAreEachWrittenOnceAcrossLostAnswersAndARerun() throws IOException {
    Path csv = dir.resolve("odd.csv");
    Files.writeString(
        csv, "Key,Title\n\"A;B\",ab\nA,a\n\"A,B\",comma\n\"it's \"\"q\"\"\",quote\nB,b\n");
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder().faultRate(0.4).faultSeed(3).lostResponseShare(1.0).build())
            .start()) {
      AzdoClient client = Acceptance.client(emulator);
      Importer.run(csvJob(csv, "create-workitem").batchSize(1).build(), client, null, null, null);
      RunSummary again =
          Importer.run(
              csvJob(csv, "create-workitem").batchSize(1).build(), client, null, null, null);
      assertThat(again.exitCode()).as("%s", again).isZero();
      Map<String, Integer> keys = Acceptance.keyCounts(client);
      assertThat(keys).containsOnlyKeys("A;B", "A", "A,B", "it's \"q\"", "B");
      assertThat(keys.values()).containsOnly(1);
    }
  }

  @Test
  void keysThatDifferOnlyInCaseAreEachWrittenOnceAcrossLostAnswersAndARerun() throws IOException {
    // The service compares tags regardless of case and hands a tag back in the spelling it
    // first saw, as the emulator does: the key markers of a and A must still differ.
    Path csv = dir.resolve("case.csv");
    Files.writeString(
        csv, "Key,Title\na,lower\nA,upper\nbug-1,l\nBUG-1,u\nBug-1,m\n\u00e9,e\n\u00c9,E\n");
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder().faultRate(0.4).faultSeed(5).lostResponseShare(1.0).build())
            .start()) {
      AzdoClient client = Acceptance.client(emulator);
      Importer.run(csvJob(csv, "create-workitem").batchSize(1).build(), client, null, null, null);
      RunSummary again =
          Importer.run(
              csvJob(csv, "create-workitem").batchSize(1).resume(false).build(),
              client,
              null,
              null,
              null);
      assertThat(again.exitCode()).as("%s", again).isZero();
      assertThat(again.writtenCount()).as("%s", again).isZero();
      Map<String, Integer> keys = Acceptance.keyCounts(client);
      assertThat(keys).containsOnlyKeys("a", "A", "bug-1", "BUG-1", "Bug-1", "\u00e9", "\u00c9");
      assertThat(keys.values()).containsOnly(1);
    }
  }

  @Test
  void aJournalOfAnEarlierVersionIsRefusedAndItsAdviceWritesNothingTwice() throws IOException {
    Path csv = Files.writeString(dir.resolve("old.csv"), "Key,Title\nK1,one\nK2,two\n");
    Path journal = dir.resolve("old.journal");
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      Importer.run(
          csvJob(csv, "create-workitem").journal(journal).build(), client, null, null, null);
      // What a version before journals recorded their identity left behind.
      Files.writeString(
          journal,
          "{\"key\":\"K1\",\"row\":1,\"id\":1,\"state\":\"written\"}\n"
              + "{\"key\":\"K2\",\"row\":2,\"id\":2,\"state\":\"written\"}\n");

      assertThatThrownBy(
              () ->
                  Importer.run(
                      csvJob(csv, "create-workitem").journal(journal).build(),
                      client,
                      null,
                      null,
                      null))
          .isInstanceOf(JournalMismatchException.class)
          .hasMessageContaining("was written by an earlier version of azdo")
          .hasMessageContaining("move it aside (mv '" + journal + "' '" + journal + ".old')")
          .hasMessageContaining("run again with --no-resume");

      // Doing what it says: nothing is created twice.
      Files.move(journal, dir.resolve("old.journal.old"));
      RunSummary s =
          Importer.run(
              csvJob(csv, "create-workitem").journal(journal).resume(false).build(),
              client,
              null,
              null,
              null);
      assertThat(s.exitCode()).as("%s", s).isZero();
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(2);
      assertThat(Acceptance.keyCounts(client)).containsOnlyKeys("K1", "K2");
    }
  }

  @Test
  void aRowOverTheLongTextLimitIsRejectedInThePlanAndTheOthersAreWritten() throws IOException {
    StringBuilder text = new StringBuilder("Key,Title,Description\n");
    for (int i = 1; i <= 20; i++) {
      text.append("G").append(i).append(",good ").append(i).append(",fine\n");
    }
    text.append("BIG,too long,").append("x".repeat(2_000_000)).append('\n');
    Path csv = Files.writeString(dir.resolve("long.csv"), text);
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job = csvJob(csv, "create-workitem").map("Description=System.Description").build();
      RunSummary s = Importer.run(job, client, null, null, null);
      assertThat(s.writtenCount()).isEqualTo(20);
      assertThat(s.rejectedCount()).isEqualTo(1);
      assertThat(s.exitCode()).isEqualTo(3);
      assertThat(Files.readString(dir.resolve("long.rejects.csv")))
          .contains("is 2000000 characters long; System.Description (Description)")
          .contains("takes at most 1048576");
      RunSummary again = Importer.run(job, client, null, null, null);
      assertThat(again.writtenCount()).isZero();
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(20);
    }
  }

  @Test
  void aBatchTheServiceRefusesAsAWholeIsSplitUntilEveryRowGoesThrough() throws IOException {
    // 21 descriptions of 1,000,000 characters: each within the field's limit, together over the
    // service's 20 MB request limit, so the first $batch is refused as a whole (400).
    StringBuilder text = new StringBuilder("Key,Title,Description\n");
    String big = "y".repeat(1_000_000);
    for (int i = 1; i <= 21; i++) {
      text.append("L").append(i).append(",large ").append(i).append(',').append(big).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("large.csv"), text);
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job =
          csvJob(csv, "create-workitem")
              .map("Description=System.Description")
              .concurrency(1)
              .build();
      RunSummary s = Importer.run(job, client, null, null, null);
      assertThat(s.writtenCount()).as("%s", s).isEqualTo(21);
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(21);
    }
  }

  @Test
  void updateNeedsNoTypeAndDeleteWithATypeRefusesAnItemOfAnotherType() throws IOException {
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client = Acceptance.client(emulator);
      Path csv = Files.writeString(dir.resolve("typed.csv"), "Key,Title\nT1,task\n");
      Importer.run(csvJob(csv, "create-workitem").build(), client, null, null, null);
      Files.writeString(csv, "Key,Title\nT1,task renamed\n");
      ImportJob update =
          ImportJob.builder(SourceOptions.builder(csv.toString()).build())
              .endpoint("update-workitem")
              .project("Demo")
              .map("Title=System.Title")
              .key("Key")
              .journal(dir.resolve("update.journal"))
              .build();
      assertThat(Importer.run(update, client, null, null, null).writtenCount()).isEqualTo(1);
      int id = client.queryIds("Demo", "SELECT [System.Id] FROM WorkItems").ids().get(0);
      assertThat(title(client, id)).isEqualTo("task renamed");

      ImportJob deleteBugs =
          ImportJob.builder(SourceOptions.builder(csv.toString()).build())
              .endpoint("delete-workitem")
              .project("Demo")
              .type("Bug")
              .key("Key")
              .journal(dir.resolve("delete.journal"))
              .build();
      RunSummary s = Importer.run(deleteBugs, client, null, null, null);
      assertThat(s.rejectedCount()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("typed.rejects.csv")))
          .contains("is a Task, not a Bug; it was not deleted");
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(1);
    }
  }

  @Test
  void aDryRunsRequestsOutHoldsExactlyTheBytesARealRunSends() throws IOException {
    Path csv = Files.writeString(dir.resolve("same.csv"), "Key,Title\nS1,first\nS2,second \"q\"\n");
    try (Emulator emulator = Emulator.startDefault()) {
      List<String> sent = new ArrayList<>();
      AzdoClient recording =
          AzdoClient.builder(Acceptance.client(emulator).settings())
              .addNetworkInterceptor(
                  chain -> {
                    if (chain.request().uri().getPath().endsWith("/$batch")) {
                      sent.add(
                          new String(
                              chain.request().body(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return chain.proceed(chain.request());
                  })
              .build();
      java.io.ByteArrayOutputStream requests = new java.io.ByteArrayOutputStream();
      RunSummary dry =
          ImportTask.builder(csvJob(csv, "create-workitem").dryRun(true).build(), recording)
              .requestsOut(requests)
              .build()
              .run();
      assertThat(dry.writtenCount()).isEqualTo(2);
      assertThat(sent).isEmpty();
      RunSummary real =
          Importer.run(csvJob(csv, "create-workitem").build(), recording, null, null, null);
      assertThat(real.writtenCount()).isEqualTo(2);
      assertThat(requests.toString(java.nio.charset.StandardCharsets.UTF_8).lines())
          .containsExactlyElementsOf(sent);
    }
  }

  @Test
  void anEndpointItemWhoseAnswerWasLostIsTriedAgainWithTheSameRetriesAndWrittenOnce()
      throws IOException {
    StringBuilder text = new StringBuilder("Name\n");
    for (int i = 1; i <= 15; i++) {
      text.append("Team ").append(i).append('\n');
    }
    Path csv = Files.writeString(dir.resolve("teams.csv"), text);
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder().faultRate(0.3).faultSeed(7).lostResponseShare(1.0).build())
            .start()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job =
          ImportJob.builder(SourceOptions.builder(csv.toString()).build())
              .endpoint("create-team")
              .project("Demo")
              .build();
      RunSummary s = Importer.run(job, client, null, null, null);
      assertThat(s.exitCode()).as("%s", s).isZero();
      assertThat(s.writtenCount() + s.skippedCount()).isEqualTo(15);
      List<String> names = client.listTeams("Demo").stream().map(t -> t.name()).toList();
      for (int i = 1; i <= 15; i++) {
        String name = "Team " + i;
        assertThat(names.stream().filter(name::equals)).as(name).hasSize(1);
      }
    }
  }
}
