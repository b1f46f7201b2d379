package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.reporting.BulkLoad;
import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read endpoint of the catalogue, boards-csv's tree, the relation, comment and history files,
 * and an export killed mid-run (SIGKILL) that resumes with every item once.
 */
class ReadEndpointsAndResumeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int COUNT = 3_000;

  @TempDir static Path dir;
  static Emulator emulator;
  static List<Integer> ids;

  @BeforeAll
  static void start() throws IOException {
    // Slow enough that the kill lands mid-run: 15 reads of 200 at 100 ms each, one at a time.
    emulator = Emulator.create(EmulatorConfig.builder().latencyMs(100).build()).start();
    ids = BulkLoad.seed(emulator, "Demo", COUNT, Instant.parse("2024-01-01T00:00:00Z"), 3);
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
    AzdoClient client =
        AzdoClient.create(
            ConnectionConfig.parse(
                    Map.of("org-url", emulator.url(), "pat", "emulator-pat"), Map.of())
                .orThrow());
    client.addComment("Demo", ids.get(0), "first <b>comment</b>");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  record Run(int exit, String out, String err) {}

  static List<String> connection() {
    return List.of(
        "--org-url",
        emulator.url(),
        "--pat-file",
        dir.resolve("pat.txt").toString(),
        "--project",
        "Demo");
  }

  static Run azdo(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = Stream.concat(Stream.of(args), connection().stream()).toArray(String[]::new);
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everyReadEndpointRunsWithTheCataloguesColumns() throws IOException {
    Map<String, List<String>> extra =
        Map.of(
            "list-comments", List.of("--id", ids.get(0).toString()),
            "list-fields", List.of("--type", "Bug"),
            "get-workitems", List.of("--ids", ids.get(0) + "," + ids.get(1)),
            "query-workitems",
                List.of(
                    "--query",
                    "SELECT [System.Title] FROM WorkItems WHERE [System.Id] = " + ids.get(1)));
    for (EndpointSpec spec : Endpoints.all()) {
      if (spec.write()) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of("read", spec.name(), "--format", "ndjson"));
      args.addAll(extra.getOrDefault(spec.name(), List.of()));
      Run r = azdo(args.toArray(String[]::new));
      assertThat(r.exit()).as(spec.name() + ": " + r.err()).isZero();
      List<String> lines = r.out().lines().toList();
      assertThat(lines).as(spec.name()).isNotEmpty();
      JsonNode first = JSON.readTree(lines.get(0));
      if (spec.name().endsWith("-workitems")) {
        assertThat(first.path("fields").isObject()).as(spec.name()).isTrue();
      } else {
        for (EndpointSpec.Column c : spec.outputs()) {
          assertThat(first.has(c.name())).as(spec.name() + " " + c.name()).isTrue();
        }
      }
    }
    Run table = azdo("read", "list-processes");
    assertThat(table.out().lines().findFirst().orElseThrow())
        .startsWith("Id")
        .contains("Name", "IsDefault");
    Run unknown = azdo("read", "create-workitem");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("unknown read endpoint 'create-workitem'; known: list-projects");
  }

  @Test
  void getWorkItemsKeepsTheOrderGivenReadsEachIdOnceAndNamesTheIdsNotFound() throws IOException {
    int first = ids.get(0);
    int second = ids.get(1);
    int missing = ids.get(ids.size() - 1) + 1000;
    Run r =
        azdo(
            "read",
            "get-workitems",
            "--ids",
            second + "," + missing + "," + first + "," + second,
            "--fields",
            "Title,AssignedTo",
            "--format",
            "csv");
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err().strip())
        .isEqualTo(
            "azdo: 1 work item was not found (deleted, never created, or not readable with these"
                + " credentials): "
                + missing);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "System.Id,System.Rev,System.Title,System.AssignedTo,System.AssignedTo.displayName,"
                + "System.AssignedTo.uniqueName");
    assertThat(lines.subList(1, lines.size()))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly(Integer.toString(second), Integer.toString(first));

    // Without --fields, every field the items have, with the rev the answer gives outside them.
    Run all = azdo("read", "get-workitems", "--ids", Integer.toString(first), "--format", "csv");
    assertThat(all.exit()).as(all.err()).isZero();
    List<String> header = List.of(all.out().lines().findFirst().orElseThrow().split(","));
    assertThat(header).startsWith("System.Id", "System.Rev").contains("System.Title");
    assertThat(header).doesNotHaveDuplicates();
    JsonNode item =
        JSON.readTree(
            azdo("read", "get-workitems", "--ids", first + "", "--format", "ndjson").out());
    String[] row = all.out().lines().skip(1).findFirst().orElseThrow().split(",");
    assertThat(row[1]).isEqualTo(item.path("rev").asText()).isNotEmpty();
  }

  @Test
  void boardsCsvWritesTheTreeAsTitleColumnsAndRelationsCommentsAndHistoryGetTheirFiles()
      throws IOException {
    String wiql =
        "SELECT [System.Id] FROM WorkItems WHERE [System.Id] <= "
            + ids.get(5)
            + " ORDER BY [System.Id]";
    Path boards = dir.resolve("boards.csv");
    Run r = azdo("export", "--wiql", wiql, "--format", "boards-csv", "--out", boards.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(boards);
    assertThat(lines.get(0)).startsWith("ID,Work Item Type,Title 1,Title 2,State,Assigned To");
    assertThat(lines.get(1)).startsWith(ids.get(0) + ",Task,Item " + ids.get(0) + ",,");
    assertThat(lines.get(2)).startsWith(ids.get(1) + ",Bug,,Item " + ids.get(1) + ",");
    assertThat(lines.get(2)).contains("<");

    Path csv = dir.resolve("linked.csv");
    Run all =
        azdo(
            "export",
            "--wiql",
            wiql,
            "--include",
            "relations,comments,history",
            "--out",
            csv.toString());
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(Files.readAllLines(csv).get(0)).endsWith(",Parent");
    assertThat(Files.readAllLines(csv).get(2)).endsWith("," + ids.get(0));
    assertThat(Files.readString(dir.resolve("linked.links.csv")))
        .contains(ids.get(1) + "," + ids.get(0) + ",System.LinkTypes.Hierarchy-Reverse");
    assertThat(Files.readString(dir.resolve("linked.comments.csv")))
        .contains(ids.get(0) + ",", "first <b>comment</b>");
    assertThat(Files.readAllLines(dir.resolve("linked.history.ndjson")))
        .hasSizeGreaterThanOrEqualTo(COUNT);
  }

  @Test
  void anExportKilledMidRunResumesAndWritesEveryItemOnce() throws Exception {
    Path out = dir.resolve("killed.csv");
    Path checkpoint = dir.resolve("killed.csv.part.json");
    killExportAfterThreeChunks(out, checkpoint, "first.log");
    assertThat(Files.exists(out)).as("no file under the final name").isFalse();

    Run second =
        azdo("export", "--out", out.toString(), "--concurrency", "4", "--progress", "none");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.err()).contains("resuming: ");
    assertThat(second.out()).contains("Exported " + COUNT + " work items (");
    List<String> lines = Files.readAllLines(out);
    List<Integer> got = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      got.add(Integer.parseInt(l.substring(0, l.indexOf(','))));
    }
    assertThat(got).containsExactlyElementsOf(ids);
    assertThat(Files.exists(checkpoint)).isFalse();
  }

  @Test
  void anXlsxExportKilledMidRunResumesFromItsStagedRowsAndWritesEveryItemOnce() throws Exception {
    Path out = dir.resolve("killed.xlsx");
    Path checkpoint = dir.resolve("killed.xlsx.part.json");
    int atKill = killExportAfterThreeChunks(out, checkpoint, "first-xlsx.log");
    assertThat(Files.exists(out)).as("no workbook under the final name").isFalse();
    assertThat(dir.resolve("killed.xlsx.rows.part")).as("the staged rows").exists();

    Run second =
        azdo("export", "--out", out.toString(), "--concurrency", "4", "--progress", "none");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.err()).contains("resuming: " + atKill * 200 + " of " + COUNT);
    assertThat(second.out()).contains("Exported " + COUNT + " work items (");
    List<Integer> got = new ArrayList<>();
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(out.toFile())) {
      org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        got.add(Integer.parseInt(sheet.getRow(i).getCell(0).getStringCellValue()));
      }
    }
    assertThat(got).containsExactlyElementsOf(ids);
    assertThat(Files.exists(checkpoint)).isFalse();
    assertThat(dir.resolve("killed.xlsx.rows.part")).doesNotExist();
  }

  private static int chunks(Path checkpoint) {
    try {
      return Files.exists(checkpoint)
          ? JSON.readTree(checkpoint.toFile()).path("chunks").asInt()
          : 0;
    } catch (IOException e) {
      return 0; // being replaced at this moment
    }
  }

  /**
   * Starts {@code azdo export --out OUT} in a child JVM, kills it once three chunks are
   * checkpointed (the condition, polled), asserts it died mid-run and returns the chunks it saved.
   */
  private int killExportAfterThreeChunks(Path out, Path checkpoint, String log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(
        List.of("export", "--out", out.toString(), "--concurrency", "1", "--progress", "none"));
    cmd.addAll(connection());
    Process first =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (chunks(checkpoint) < 3 && first.isAlive() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    } finally {
      first.destroyForcibly();
    }
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int atKill = chunks(checkpoint);
    assertThat(atKill).as("killed mid-run").isBetween(3, COUNT / 200 - 1);
    return atKill;
  }
}
