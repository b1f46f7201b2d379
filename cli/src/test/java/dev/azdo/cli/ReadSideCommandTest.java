package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.reporting.BulkLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 acceptance: azdo query and azdo export over 25,000 items against the emulator (the
 * export in a child JVM with 256 MB of heap), an incremental export after changing 10 items, and
 * the query's errors as one line; the tests that change items run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadSideCommandTest {
  static final int COUNT = 25_000;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Emulator emulator;
  static List<Integer> ids;

  @BeforeAll
  static void start() throws IOException {
    emulator = Emulator.startDefault();
    ids = BulkLoad.seed(emulator, "Demo", COUNT, Instant.parse("2024-01-01T00:00:00Z"), 0);
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  record Run(int exit, String out, String err) {}

  static Run azdo(String... args) {
    EmulatorCli.Run r = EmulatorCli.run(emulator, dir.resolve("pat.txt"), args);
    return new Run(r.exit(), r.out(), r.err());
  }

  static List<Integer> csvIds(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Integer> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      out.add(Integer.parseInt(l.substring(0, l.indexOf(','))));
    }
    return out;
  }

  @Test
  @Order(1)
  void aQueryOver25000ItemsWritesEveryItemOnceWithItsFields() throws IOException {
    Path out = dir.resolve("all.csv");
    Run r =
        azdo(
            "query",
            "SELECT [System.Id], [System.Title], [System.AssignedTo] FROM WorkItems WHERE"
                + " [System.TeamProject] = @project ORDER BY [System.Id] DESC",
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo(
            "System.Id,System.Title,System.AssignedTo,System.AssignedTo.displayName,"
                + "System.AssignedTo.uniqueName");
    List<Integer> got = csvIds(out);
    assertThat(got).hasSize(COUNT).doesNotHaveDuplicates();
    assertThat(got.get(0)).isEqualTo(ids.get(COUNT - 1));
    assertThat(lines.get(1)).matches("\\d+,Item \\d+,.+ <.+@example.com>,.+,.+@example.com");
    assertThat(Files.exists(dir.resolve("all.csv.part"))).isFalse();
  }

  @Test
  @Order(1)
  void aTreeQueryOver25000ItemsWritesEveryTopLevelItemOnce() throws IOException {
    Path out = dir.resolve("tree.csv");
    Run r =
        azdo(
            "query",
            "SELECT [System.Id], [System.Title] FROM WorkItemLinks WHERE"
                + " [Source].[System.TeamProject] = @project AND [System.Links.LinkType] ="
                + " 'System.LinkTypes.Hierarchy-Forward' ORDER BY [System.Id] MODE (Recursive)",
            "--out",
            out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("Source,Target,LinkType,System.Id,System.Title");
    List<Integer> targets = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      // No links were seeded: every row is a top-level one, with no source and no link type (an
      // empty first field is written quoted).
      String[] cells = l.split(",", -1);
      assertThat(cells[0]).isEqualTo("\"\"");
      assertThat(cells[2]).isEmpty();
      targets.add(Integer.parseInt(cells[1]));
    }
    assertThat(targets).isEqualTo(ids);
  }

  @Test
  @Order(1)
  void aTableFitsTheTerminalAndJsonKeepsTheServicesObjects() throws IOException {
    Run table =
        azdo(
            "query",
            "SELECT [System.Id], [System.Title], [System.Tags] FROM WorkItems WHERE [System.Id] < "
                + (ids.get(0) + 3));
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out().lines()).hasSize(4).allMatch(l -> l.length() <= 120);
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("System.Id");
    Run json =
        azdo(
            "query",
            "SELECT [System.Title] FROM WorkItems WHERE [System.Id] = " + ids.get(0),
            "--format",
            "ndjson");
    JsonNode item = JSON.readTree(json.out().lines().findFirst().orElseThrow());
    assertThat(item.path("id").asInt()).isEqualTo(ids.get(0));
    assertThat(item.path("fields").path("System.Title").asText()).isEqualTo("Item " + ids.get(0));
  }

  @Test
  @Order(1)
  void anExportsRowsNameThePeopleAndItsJsonKeepsTheServicesIdentities() throws IOException {
    String wiql = "SELECT [System.Id] FROM WorkItems WHERE [System.Id] < " + (ids.get(0) + 3);
    Path csv = dir.resolve("people.csv");
    Path ndjson = dir.resolve("people.ndjson");
    for (String[] run :
        List.of(new String[] {"csv", csv.toString()}, new String[] {"ndjson", ndjson.toString()})) {
      Run r =
          azdo(
              "export",
              "--wiql",
              wiql,
              "--fields",
              "System.Id,System.AssignedTo",
              "--format",
              run[0],
              "--out",
              run[1],
              "--progress",
              "none");
      assertThat(r.exit()).as(r.err()).isZero();
    }
    List<String> rows = Files.readAllLines(csv);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1)).matches("\\d+,.+ <.+@example.com>,.+,.+@example.com");
    // Rows read slimmed identities; json keeps the service's, links and avatar included.
    JsonNode who =
        JSON.readTree(Files.readAllLines(ndjson).get(0)).path("fields").path("System.AssignedTo");
    assertThat(who.path("uniqueName").asText()).endsWith("@example.com");
    assertThat(who.has("imageUrl") && who.has("_links") && who.has("url"))
        .as(who.toString())
        .isTrue();
  }

  @Test
  @Order(1)
  void badWiqlAndUnknownFieldsAreOneLineUsageErrors() {
    Run syntax = azdo("query", "SELECT [System.Id] FROM WorkItems WHERE");
    assertThat(syntax.exit()).isEqualTo(2);
    assertThat(syntax.err().lines()).hasSize(1);
    Run field =
        azdo("query", "SELECT [System.Id] FROM WorkItems", "--fields", "System.Title,Nonsense");
    assertThat(field.exit()).isEqualTo(2);
    assertThat(field.err().strip()).isEqualTo("azdo: --fields: unknown field 'Nonsense'");
    Run format = azdo("query", "SELECT [System.Id] FROM WorkItems", "--format", "pdf");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("--format: 'pdf' is not one of table, csv, json");
    assertThat(syntax.err()).contains("(at the end of the query, line 1, column 40)");
  }

  @Test
  @Order(1)
  void anExportOfATypeTheProjectDoesNotHaveFailsBeforeAnyFile() {
    Path out = dir.resolve("no-such-type.csv");
    Run r = azdo("export", "--type", "Bug", "--type", "Stroy", "--out", out.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("azdo: --type: 'Stroy' is not a work item type of project Demo (its types: ")
        .contains("User Story");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("no-such-type.csv.part")).doesNotExist();
  }

  @Test
  @Order(2)
  void exporting25000ItemsFitsIn256MbAndAnIncrementalRunExportsExactlyTheTenChanged()
      throws Exception {
    Path out = dir.resolve("export.ndjson");
    Path state = dir.resolve("export.state.json");
    Path log = dir.resolve("export.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "export",
            "--out",
            out.toString(),
            "--state-file",
            state.toString(),
            "--progress",
            "none",
            "--org-url",
            emulator.url(),
            "--pat-file",
            dir.resolve("pat.txt").toString(),
            "--project",
            "Demo"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("AZDO_CONFIG_DIR", dir.resolve("config").toString());
    Process p = pb.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("Exported " + COUNT + " work items");
    Set<Integer> seen = new HashSet<>();
    try (Stream<String> lines = Files.lines(out)) {
      lines.forEach(l -> assertThat(seen.add(id(l))).as("once: " + l).isTrue());
    }
    assertThat(seen).hasSize(COUNT);

    AzdoClient client =
        AzdoClient.create(
            ConnectionConfig.parse(
                    Map.of("org-url", emulator.url(), "pat", "emulator-pat"), Map.of())
                .orThrow());
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int id = ids.get(1000 * i + 7);
      client.updateWorkItem(
          id, new WorkItemPatch().set("System.Title", "changed"), WriteOptions.NONE);
      changed.add(id);
    }
    Path again = dir.resolve("again.csv");
    Run r =
        azdo(
            "export",
            "--out",
            again.toString(),
            "--state-file",
            state.toString(),
            "--progress",
            "none");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(csvIds(again)).containsExactlyElementsOf(changed);
    Run none =
        azdo(
            "export",
            "--out",
            again.toString(),
            "--state-file",
            state.toString(),
            "--progress",
            "none");
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(Files.readAllLines(again)).hasSize(1); // the header alone
  }

  private static int id(String ndjsonLine) {
    try {
      return JSON.readTree(ndjsonLine).path("id").asInt();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
