package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.reporting.BulkLoad;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `azdo sql` against the emulator: one statement in each format, and a prompt session on stdin. */
class SqlCommandTest {
  @TempDir static Path dir;
  static Emulator emulator;
  static List<Integer> ids;

  @BeforeAll
  static void start() throws Exception {
    emulator = Emulator.startDefault();
    ids = BulkLoad.seed(emulator, "Demo", 12, Instant.parse("2024-01-01T00:00:00Z"), 0);
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static EmulatorCli.Run azdo(String... args) {
    return EmulatorCli.run(emulator, dir.resolve("pat.txt"), args);
  }

  @Test
  void aStatementPrintsATable() {
    EmulatorCli.Run r =
        azdo("sql", "SELECT Id, Title FROM WorkItems WHERE State = 'Active' ORDER BY Id");
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("Id").contains("Title");
    // Items 2, 5, 8, 11 of 12 are Active (state by index % 3).
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).contains("Item " + ids.get(1));
  }

  @Test
  void csvAndJsonGoToAFile() throws Exception {
    Path csv = dir.resolve("bugs.csv");
    EmulatorCli.Run r =
        azdo(
            "sql",
            "SELECT Id, Priority, ChangedDate FROM WorkItems WHERE WorkItemType = 'Bug' ORDER BY Id",
            "--out",
            csv.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("4 rows written to");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("Id,Priority,ChangedDate");
    assertThat(lines.get(1)).isEqualTo(ids.get(1) + ",2,2024-01-01T00:00:01Z");
    EmulatorCli.Run j =
        azdo("sql", "SELECT Id, Title FROM WorkItems WHERE Id = " + ids.get(0), "--format", "json");
    assertThat(j.exit()).as(j.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(j.out());
    assertThat(a.get(0).get("Id").asInt()).isEqualTo(ids.get(0));
    assertThat(a.get(0).get("Title").asText()).isEqualTo("Item " + ids.get(0));
  }

  @Test
  void aBadStatementIsOneLineAndExitCodeTwo() {
    EmulatorCli.Run r = azdo("sql", "SELECT Colour FROM WorkItems");
    assertThat(r.exit()).isEqualTo(Main.USAGE);
    assertThat(r.err().strip()).startsWith("azdo: sql:").contains("Colour").doesNotContain("\n");
  }

  @Test
  void sqllineRunsStatementsFromStdinUntilQuit() {
    String session =
        "!tables\n"
            + "SELECT COUNT(*) AS N\n  FROM WorkItems;\n"
            + "SELECT Nope FROM WorkItems;\n"
            + "!primarykeys WorkItems\n"
            + "!outputformat csv\n"
            + "SELECT Name FROM Projects;\n"
            + "!quit\n"
            + "SELECT 1;\n";
    InputStream before = System.in;
    EmulatorCli.Run r;
    try {
      System.setIn(new ByteArrayInputStream(session.getBytes(StandardCharsets.UTF_8)));
      r = azdo("sql");
    } finally {
      System.setIn(before);
    }
    assertThat(r.out()).contains("WorkItems").contains("Revisions");
    assertThat(r.out()).containsPattern("\\|\\s*N\\s*\\|").containsPattern("\\|\\s*12\\s*\\|");
    assertThat(r.out()).containsPattern("(?m)^'?Demo'?\\s*$");
    assertThat(r.out()).contains("PK_WorkItems");
    // The bad statement is reported and the session goes on; nothing after !quit runs.
    assertThat(r.err() + r.out()).contains("Nope");
    assertThat(r.out()).doesNotContainPattern("(?m)^'?1'?\\s*$");
    assertThat(r.err()).doesNotContain("No current connection");
    // Not a terminal: no colour, no cursor movement, no terminal queries.
    assertThat(r.out() + r.err()).doesNotContain("\u001b");
    // The session URL carries no setting, let alone the PAT.
    assertThat(r.out() + r.err()).doesNotContain("emulator-pat");
  }
}
