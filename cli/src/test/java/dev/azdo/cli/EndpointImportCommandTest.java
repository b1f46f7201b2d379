package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.Comment;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.Team;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `azdo import` and `azdo run` into endpoints other than work items, in a child JVM. */
class EndpointImportCommandTest {
  @TempDir Path dir;

  private static AzdoClient client(Emulator e) {
    return AzdoClient.create(
        ConnectionConfig.resolve(Map.of("org-url", e.url(), "pat", "emulator-pat"), Map.of(), null)
            .settings());
  }

  @Test
  void theCommentsExampleRunsAfterTheBugsExampleAndAddsEachCommentOnce() throws Exception {
    Path examples = Path.of("..", "examples");
    for (String f : List.of("bugs.csv", "bugs-job.yaml", "comments.csv", "comments-job.yaml")) {
      Files.copy(examples.resolve(f), dir.resolve(f));
    }
    Map<String, String> env = Map.of("AZDO_CONFIG_DIR", dir.resolve("config").toString());
    assertThat(CliProcess.run(env, "run", dir.resolve("bugs-job.yaml").toString()).exit()).isZero();

    CliProcess.Result first =
        CliProcess.run(env, "run", dir.resolve("comments-job.yaml").toString());
    CliProcess.Result second =
        CliProcess.run(env, "run", dir.resolve("comments-job.yaml").toString());

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("written 5, rejected 0");
    // The plan names where each input column comes from, before the first write.
    assertThat(first.out())
        .contains("Plan: add-comment into project Demo")
        .contains("Text <- column Comment");
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("written 0, rejected 0, skipped 5");
    try (Emulator reopened =
        Emulator.create(
                EmulatorConfig.builder()
                    .port(0)
                    .dataDir(dir.resolve(".emulator-data/bugs"))
                    .build())
            .start()) {
      AzdoClient client = client(reopened);
      List<Integer> bug1 =
          client
              .queryIds(
                  "Demo",
                  "SELECT [System.Id] FROM WorkItems WHERE [System.Tags] CONTAINS 'import-key:BUG-1~7'")
              .ids();
      assertThat(bug1).hasSize(1);
      assertThat(client.listComments("Demo", bug1.get(0), null).items().stream().map(Comment::text))
          .containsExactlyInAnyOrder(
              "Reproduced on staging with code SAVE10.",
              "<b>Root cause:</b> the discount is applied after tax.");
    }
  }

  @Test
  void importIntoTeamsRejectsABadRowWithExit3AndAnUnknownEndpointWithExit2() throws Exception {
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
    Files.writeString(dir.resolve("teams.csv"), "Team,About\nPlatform,runs it\nBad/Name,x\n");
    Map<String, String> env = Map.of("AZDO_CONFIG_DIR", dir.resolve("config").toString());
    try (Emulator emulator = Emulator.startDefault()) {
      CliProcess.Result r =
          CliProcess.run(
              env,
              "import",
              dir.resolve("teams.csv").toString(),
              "--endpoint",
              "create-team",
              "--org-url",
              emulator.url(),
              "--pat-file",
              dir.resolve("pat.txt").toString(),
              "--project",
              "Demo",
              "--map",
              "Team=Name",
              "--map",
              "About=Description",
              "--rejects",
              dir.resolve("teams.rejects.csv").toString(),
              "--journal",
              dir.resolve("teams.journal").toString(),
              "--progress",
              "plain");
      assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
      assertThat(r.out()).contains("written 1, rejected 1");
      assertThat(Files.readString(dir.resolve("teams.rejects.csv")))
          .contains("Bad/Name,x,2,Team,the service refused it: create team Bad/Name (HTTP 400)");
      assertThat(client(emulator).listTeams("Demo").stream().map(Team::name))
          .contains("Platform")
          .doesNotContain("Bad/Name");

      CliProcess.Result unknown =
          CliProcess.run(
              env,
              "import",
              dir.resolve("teams.csv").toString(),
              "--endpoint",
              "create-teams",
              "--org-url",
              emulator.url(),
              "--pat-file",
              dir.resolve("pat.txt").toString(),
              "--project",
              "Demo");
      assertThat(unknown.exit()).isEqualTo(2);
      assertThat(unknown.err().strip())
          .startsWith("azdo: --endpoint: unknown endpoint 'create-teams'; known: create-workitem,");
    }
  }
}
