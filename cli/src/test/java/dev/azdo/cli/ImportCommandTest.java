package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `azdo import`, `azdo run` and `azdo fields` in a child JVM against the emulator. */
class ImportCommandTest {
  @TempDir Path dir;
  Emulator emulator;
  Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    emulator = Emulator.startDefault();
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
    env = Map.of("AZDO_CONFIG_DIR", dir.resolve("config").toString());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private List<Integer> workItems(Emulator e) {
    AzdoClient client =
        AzdoClient.create(
            ConnectionConfig.resolve(
                    Map.of("org-url", e.url(), "pat", "emulator-pat"), Map.of(), null)
                .settings());
    return client.queryIds("Demo", "SELECT [System.Id] FROM WorkItems").ids();
  }

  private String[] importArgs(String... more) {
    return Stream.concat(
            Stream.of(
                "import",
                dir.resolve("rows.csv").toString(),
                "--org-url",
                emulator.url(),
                "--pat-file",
                dir.resolve("pat.txt").toString(),
                "--project",
                "Demo",
                "--type",
                "Task",
                "--key",
                "Key",
                "--map",
                "Title=System.Title",
                "--map",
                "Priority=Microsoft.VSTS.Common.Priority",
                "--rejects",
                dir.resolve("rows.rejects.csv").toString(),
                "--journal",
                dir.resolve("rows.journal").toString(),
                "--progress",
                "plain"),
            Stream.of(more))
        .toArray(String[]::new);
  }

  @Test
  void importWritesGoodRowsRejectsBadOnesAndExitsWith3() throws Exception {
    Files.writeString(
        dir.resolve("rows.csv"), "Key,Title,Priority\nK1,First,1\nK2,Second,high\nK3,Third,2\n");
    CliProcess.Result r = CliProcess.run(env, importArgs());
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).contains("Done: read 3, written 2, rejected 1, skipped 0");
    assertThat(r.out()).contains("Rejected rows, with their reasons: ");
    assertThat(workItems(emulator)).hasSize(2);
    String rejects = Files.readString(dir.resolve("rows.rejects.csv"));
    assertThat(rejects).contains("K2").contains("Priority").contains("high");
    assertThat(r.out() + r.err()).doesNotContain("emulator-pat");
  }

  @Test
  void fieldsTheServiceDidNotKeepAreCountedInTheSummaryAndListedInTheReport() throws Exception {
    Files.writeString(
        dir.resolve("rows.csv"),
        "Key,Title,Priority,State,Closed\n"
            + "K1,First,1,Active,2024-03-12T15:04:00Z\n"
            + "K2,Second,2,Closed,2024-03-13T15:04:00Z\n"
            + "K3,Third,2,New,2024-03-14T15:04:00Z\n");
    Path report = dir.resolve("not-kept.csv");
    CliProcess.Result r =
        CliProcess.run(
            env,
            importArgs(
                "--map",
                "State=System.State",
                "--map",
                "Closed=Closed Date",
                "--bypass-rules",
                "--report",
                report.toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("written 3")
        .contains("; fields not kept: ClosedDate 2 rows")
        .contains("Written rows whose fields the service did not keep as sent");
    assertThat(Files.readAllLines(report))
        .hasSize(3)
        .first()
        .isEqualTo("row,key,work_item,field,column,sent,returned");
    assertThat(Files.readString(report))
        .contains(",K1,")
        .contains(",K3,")
        .doesNotContain(",K2,")
        .contains("Microsoft.VSTS.Common.ClosedDate,Closed,2024-03-12T15:04");
  }

  @Test
  void runningTheSameImportAgainWritesNothingTwice() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "Key,Title,Priority\nK1,First,1\nK2,Second,2\n");
    assertThat(CliProcess.run(env, importArgs()).exit()).isZero();
    CliProcess.Result again = CliProcess.run(env, importArgs());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("written 0, rejected 0, skipped 2");
    assertThat(workItems(emulator)).hasSize(2);
  }

  @Test
  void aBadMappingFailsBeforeAnyWriteWithOneLinePerProblem() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "Key,Title,Priority\nK1,First,1\n");
    CliProcess.Result r =
        CliProcess.run(env, importArgs("--map", "Missing=System.Title", "--map", "Title=Nope"));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines().filter(l -> l.startsWith("azdo: ")).toList())
        .hasSizeGreaterThanOrEqualTo(2)
        .anyMatch(l -> l.contains("Missing"))
        .anyMatch(l -> l.contains("Nope"));
    assertThat(workItems(emulator)).isEmpty();
  }

  @Test
  void dryRunWritesNothingAndCanShowTheRequests() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "Key,Title,Priority\nK1,First,1\nK2,Second,2\n");
    Path requests = dir.resolve("requests.ndjson");
    CliProcess.Result r =
        CliProcess.run(env, importArgs("--dry-run", "--requests-out", requests.toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Dry run (nothing is written)")
        .contains("  source columns: 1 Key, 2 Title, 3 Priority")
        .contains("Dry run done: read 2, would write 2");
    // One line per $batch call, exactly the body a real run sends: both rows in one batch.
    assertThat(Files.readAllLines(requests))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("[{\"method\":\"PATCH\",\"uri\":\"")
                    .contains("/_apis/wit/workitems/$Task?api-version=")
                    .contains("\"value\":\"First\"")
                    .contains("\"value\":\"Second\""));
    assertThat(r.out()).doesNotContain("Journal (");
    assertThat(workItems(emulator)).isEmpty();
  }

  @Test
  void validateOnlyHasTheServiceJudgeEveryRowAndSavesNothing() throws Exception {
    Files.writeString(
        dir.resolve("rows.csv"), "Key,Title,Priority\nK1,First,1\nK2,Second,2\nK3,Third,9\n");
    CliProcess.Result r = CliProcess.run(env, importArgs("--validate-only"));
    // Priority 9 is outside the allowed values: the plan rejects it before the service sees it.
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.out())
        .contains("Validation by the service (nothing is saved)")
        .contains("Validated: read 3, written 2, rejected 1")
        .doesNotContain("Journal");
    assertThat(workItems(emulator)).isEmpty();
    assertThat(dir.resolve("rows.journal")).doesNotExist();
  }

  @Test
  void theExampleJobRunsInAnEmbeddedEmulatorAndResumesFromItsJournal() throws Exception {
    Path examples = Path.of("..", "examples");
    Files.copy(examples.resolve("bugs.csv"), dir.resolve("bugs.csv"));
    Files.copy(examples.resolve("bugs-job.yaml"), dir.resolve("bugs-job.yaml"));
    long rows =
        Files.readString(dir.resolve("bugs.csv"))
            .lines()
            .filter(l -> l.matches("^[A-Z]+-\\d+,.*"))
            .count();

    CliProcess.Result first = CliProcess.run(env, "run", dir.resolve("bugs-job.yaml").toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("embedded emulator at http://127.0.0.1:");
    assertThat(first.out()).contains("written " + rows + ", rejected 0");

    CliProcess.Result second = CliProcess.run(env, "run", dir.resolve("bugs-job.yaml").toString());
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("written 0, rejected 0, skipped " + rows);

    // The embedded emulator kept its state in the job's data folder: every row once.
    try (Emulator reopened =
        Emulator.create(
                EmulatorConfig.builder()
                    .port(0)
                    .dataDir(dir.resolve(".emulator-data/bugs"))
                    .build())
            .start()) {
      assertThat(workItems(reopened)).hasSize((int) rows);
    }
  }

  @Test
  void aJobFileMayNotHoldASecretItself() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "Title\nOne\n");
    Files.writeString(
        dir.resolve("job.yaml"),
        "connection:\n  org-url: "
            + emulator.url()
            + "\n  pat: super-secret-value-42\nsource:\n  path: rows.csv\nproject: Demo\ntype: Task\n"
            + "mapping: [Title=System.Title]\n");
    CliProcess.Result r = CliProcess.run(env, "run", dir.resolve("job.yaml").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("connection.pat must reference the secret");
    assertThat(r.out() + r.err()).doesNotContain("super-secret-value-42");
    assertThat(workItems(emulator)).isEmpty();

    // The setting's aliases are secrets too.
    Files.writeString(
        dir.resolve("alias.yaml"),
        "connection:\n  org-url: "
            + emulator.url()
            + "\n  token: alias-secret-value-43\nsource:\n  path: rows.csv\nproject: Demo\n"
            + "type: Task\nmapping: [Title=System.Title]\n");
    CliProcess.Result alias = CliProcess.run(env, "run", dir.resolve("alias.yaml").toString());
    assertThat(alias.exit()).isEqualTo(2);
    assertThat(alias.err()).contains("connection.token must reference the secret");
    assertThat(alias.out() + alias.err()).doesNotContain("alias-secret-value-43");
    assertThat(workItems(emulator)).isEmpty();
  }

  @Test
  void anEmbeddedEmulatorTakesTheEmulatorsOwnOptionsAndNamesABadOne() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "Title\nOne\n");
    String job =
        "source:\n  path: rows.csv\nproject: Demo\ntype: Task\nmapping: [Title=System.Title]\n"
            + "options: {journal: rows.journal}\nconnection:\n  emulator:\n";
    Files.writeString(
        dir.resolve("good.yaml"),
        job + "    process: Scrum\n    custom-field: [Custom.Ref]\n    fsync: true\n");
    CliProcess.Result good = CliProcess.run(env, "run", dir.resolve("good.yaml").toString());
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(good.out()).contains("written 1, rejected 0");

    Files.writeString(dir.resolve("bad.yaml"), job + "    latency-ms: soon\n");
    CliProcess.Result bad = CliProcess.run(env, "run", dir.resolve("bad.yaml").toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .contains("job file: connection.emulator: --latency-ms must be a whole number, got soon");
  }

  @Test
  void aJobFileReadsItsPatFileRelativeToItself() throws Exception {
    Files.writeString(dir.resolve("rows.csv"), "Title\nOne\nTwo\n");
    Files.writeString(
        dir.resolve("job.yaml"),
        "connection:\n  org-url: "
            + emulator.url()
            + "\n  pat-file: pat.txt\nsource:\n  path: rows.csv\nproject: Demo\ntype: Task\n"
            + "mapping: [Title=System.Title]\n");
    CliProcess.Result r = CliProcess.run(env, "run", dir.resolve("job.yaml").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(workItems(emulator)).hasSize(2);
  }

  @Test
  void fieldsListsTheTypesFieldsWithRequiredAndAllowedValues() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            env,
            "fields",
            "--org-url",
            emulator.url(),
            "--pat-file",
            dir.resolve("pat.txt").toString(),
            "--project",
            "Demo",
            "--type",
            "Bug");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.startsWith("System.Title ")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).contains("Title").contains("yes"));
    assertThat(r.out().lines().filter(l -> l.startsWith("Microsoft.VSTS.Common.Severity ")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("1 - Critical"));
  }
}
