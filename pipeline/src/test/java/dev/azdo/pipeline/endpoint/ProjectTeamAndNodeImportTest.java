package dev.azdo.pipeline.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.ClassificationNode;
import dev.azdo.client.Project;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Imports into the project, team, area and iteration endpoints of the in-process emulator over
 * HTTP.
 */
class ProjectTeamAndNodeImportTest extends EndpointImportSession {
  @Test
  void createProjectWaitsForTheOperationAndRejectsUnknownProcessesAndTakenNames()
      throws IOException {
    Path in =
        csv(
            "projects.csv",
            "Name,Description,Process,Visibility\n"
                + "Imported One,first,Scrum,private\n"
                + "Imported Two,,NoSuchProcess,\n"
                + "Demo,taken,,\n");
    ImportJob job = job(in, "create-project").project(null).build();

    RunSummary s = run(job);

    assertThat(s)
        .hasToString(
            "read 3, written 1, rejected 2, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    Project p = client.getProject("Imported One");
    assertThat(p.state()).isEqualTo("wellFormed");
    assertThat(p.description()).isEqualTo("first");
    assertThat(rejects(in))
        .contains("2,Process,\"process \"\"NoSuchProcess\"\" does not exist (processes:")
        .contains("3,Name,the service refused it: create project Demo")
        .contains("TF200019");
    assertThat(run(job).skippedCount()).isEqualTo(1);
    assertThat(client.listAllProjects().stream().filter(x -> x.name().equals("Imported One")))
        .hasSize(1);
  }

  @Test
  void updateThenDeleteProject() throws IOException {
    String id = client.createProject("To Change", null, scrumId(), null).id();
    Path update =
        csv(
            "update-projects.csv",
            "Name,NewName,Description\nTo Change,Changed,new words\nNo Such Project,,x\n");
    RunSummary updated = run(job(update, "update-project").project(null).build());
    assertThat(updated)
        .hasToString(
            "read 2, written 1, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(client.getProject(id).name()).isEqualTo("Changed");
    assertThat(client.getProject(id).description()).isEqualTo("new words");
    assertThat(rejects(update))
        .contains("2,Name,\"project \"\"No Such Project\"\" does not exist\"");

    Path delete = csv("delete-projects.csv", "Name\nChanged\nNo Such Project\n");
    RunSummary deleted = run(job(delete, "delete-project").project(null).build());
    assertThat(deleted)
        .hasToString(
            "read 2, written 1, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(client.listAllProjects()).noneMatch(p -> p.id().equals(id));
  }

  @Test
  void createProjectTakesItsDefaultProcessFromThePropertyAndChecksItFirst() throws IOException {
    Path in = csv("basic-projects.csv", "Name\nBasic One\n");

    RunSummary s =
        run(job(in, "create-project").project(null).property("process", "basic").build());
    ImportJob wrong = job(in, "create-project").project(null).property("process", "Agil").build();

    assertThat(s.writtenCount()).isEqualTo(1);
    assertThat(client.getProject("Basic One").state()).isEqualTo("wellFormed");
    assertThatThrownBy(() -> Importer.run(wrong, client, null, null, null))
        .isInstanceOf(PlanException.class)
        .hasMessage(
            "properties.process: process \"Agil\" does not exist (processes: Agile, Scrum, CMMI,"
                + " Basic)");
  }

  private static String scrumId() {
    return client.listProcesses().stream()
        .filter(p -> p.name().equals("Scrum"))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void createTeamRejectsBadNamesAndARerunCreatesNoDuplicate() throws IOException {
    Path in =
        csv(
            "teams.csv",
            "Name,Description\nPlatform,runs the platform\nMobile,\nBad/Name,slash\nPlatform,twice\n");
    ImportJob job = job(in, "create-team").key("Name").build();

    RunSummary first = run(job);

    assertThat(first)
        .hasToString(
            "read 4, written 2, rejected 2, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(teams()).contains("Platform", "Mobile").doesNotContain("Bad/Name");
    assertThat(rejects(in))
        .contains("3,Name,the service refused it: create team Bad/Name (HTTP 400)")
        .contains("4,Name,\"duplicate key \"\"Platform\"\": row 1 has the same key");

    RunSummary again = run(job);

    assertThat(again.skippedCount()).isEqualTo(2);
    assertThat(again.writtenCount()).isZero();
    assertThat(teams().stream().filter(t -> t.equals("Platform"))).hasSize(1);
  }

  @Test
  void createTeamAfterALostAnswerLooksTheTeamUpByName() throws IOException {
    client.createTeam("Demo", "Lost Team", null);
    Path in = csv("lost-teams.csv", "Name\nLost Team\n");
    Files.writeString(
        dir.resolve("lost-teams.csv.journal"),
        identityLine(in, "create-team")
            + "{\"key\":\"create-team:row 1\",\"row\":1,\"state\":\"sent\"}\n");

    RunSummary s = run(job(in, "create-team").build());

    assertThat(s)
        .hasToString(
            "read 1, written 0, rejected 0, skipped 1 (unchanged 1, created with changed content 0, not attempted 0)");
    assertThat(teams().stream().filter(t -> t.equals("Lost Team"))).hasSize(1);
    assertThat(Files.readString(dir.resolve("lost-teams.csv.journal")))
        .contains(
            "\"id\":\""
                + client.listTeams("Demo").stream()
                    .filter(t -> t.name().equals("Lost Team"))
                    .findFirst()
                    .orElseThrow()
                    .id()
                + "\"");
  }

  @Test
  void updateThenDeleteTeam() throws IOException {
    client.createTeam("Demo", "Old Team", "old");
    Path update =
        csv("update-teams.csv", "Name,NewName,Description\nOld Team,New Team,fresh\nGhost,,x\n");
    RunSummary updated = run(job(update, "update-team").build());
    assertThat(updated.writtenCount()).isEqualTo(1);
    assertThat(client.listTeams("Demo"))
        .anySatisfy(
            t -> {
              assertThat(t.name()).isEqualTo("New Team");
              assertThat(t.description()).isEqualTo("fresh");
            });
    assertThat(rejects(update)).contains("2,Name,\"team \"\"Ghost\"\" does not exist");

    Path delete = csv("delete-teams.csv", "Name\nNew Team\nDemo Team\n");
    RunSummary deleted = run(job(delete, "delete-team").build());
    assertThat(deleted)
        .hasToString(
            "read 2, written 1, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(teams()).doesNotContain("New Team").contains("Demo Team");
    assertThat(rejects(delete)).contains("is the default team");
  }

  @Test
  void createAreaParentsFirstAndRejectsAMissingParentInPlainWords() throws IOException {
    Path in = csv("areas.csv", "Path\nWeb\nWeb/Frontend\n\\Demo\\Area\\Web\\Backend\nNope/Child\n");

    RunSummary s = run(job(in, "create-area").build());

    assertThat(s)
        .hasToString(
            "read 4, written 3, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    ClassificationNode web = client.getNode("Demo", ClassificationNode.Group.AREAS, "Web", 1);
    assertThat(web.children().stream().map(ClassificationNode::name))
        .containsExactlyInAnyOrder("Frontend", "Backend");
    assertThat(rejects(in))
        .contains(
            "4,Path,\"the parent area path \"\"Nope\"\" does not exist, so \"\"Nope/Child\"\""
                + " cannot be created under it; add a row for the parent first (VS402485)\"");
  }

  @Test
  void createAreaRefusesANameTheServiceForbidsNamingItsCharacterBeforeSendingIt()
      throws IOException {
    Path in = csv("bad-areas.csv", "Path\nTools\nTools/Q&A\nTools/CON\nTools/Build+Test\n");

    RunSummary s = run(job(in, "create-area").build());

    assertThat(s)
        .hasToString(
            "read 4, written 1, rejected 3, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(client.getNode("Demo", ClassificationNode.Group.AREAS, "Tools", 1).children())
        .isEmpty();
    assertThat(rejects(in))
        .contains(
            "2,Path,\"the area name \"\"Q&A\"\" holds \"\"&\"\", which Azure DevOps does not allow"
                + " in a node name")
        .contains("3,Path,\"the area name \"\"CON\"\" is a name Azure DevOps reserves\"")
        .contains("4,Path,\"the area name \"\"Build+Test\"\" holds \"\"+\"\"");
  }

  @Test
  void createIterationWithDatesAndRejectsBadDates() throws IOException {
    Path in =
        csv(
            "iterations.csv",
            "Path,Start,FinishDate\n"
                + "Release 9,,\n"
                + "Release 9/Sprint 1,06.01.2025,2025-01-17\n"
                + "Release 9/Sprint 2,20.01.2025,2025-01-10\n"
                + "Release 9/Sprint 3,soon,\n"
                + "Release 9/Sprint 4,,2025-02-30\n");

    RunSummary s = run(job(in, "create-iteration").map("Start=StartDate:dd.MM.yyyy").build());

    assertThat(s)
        .hasToString(
            "read 5, written 2, rejected 3, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    ClassificationNode sprint =
        client.getNode("Demo", ClassificationNode.Group.ITERATIONS, "Release 9/Sprint 1", 0);
    assertThat(sprint.attributes().path("startDate").asText()).startsWith("2025-01-06T00:00:00");
    assertThat(sprint.attributes().path("finishDate").asText()).startsWith("2025-01-17T00:00:00");
    assertThat(rejects(in))
        .contains("3,FinishDate,the finish date 2025-01-10 is before the start date 2025-01-20")
        .contains("4,Start,\"\"\"soon\"\" is not a date in format dd.MM.yyyy\"")
        .contains("5,FinishDate,\"\"\"2025-02-30\"\" is not a date: tried ISO-8601");
  }

  @Test
  void deleteAreaAndIteration() throws IOException {
    client.createNode("Demo", ClassificationNode.Group.AREAS, null, "Old Area", null);
    client.createNode("Demo", ClassificationNode.Group.ITERATIONS, null, "Old Sprint", null);
    Path areas = csv("del-areas.csv", "Path\nOld Area\nNever There\n");
    Path iterations = csv("del-iterations.csv", "Path\nOld Sprint\n");

    RunSummary a = run(job(areas, "delete-area").build());
    RunSummary i = run(job(iterations, "delete-iteration").build());

    assertThat(a)
        .hasToString(
            "read 2, written 1, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(i.writtenCount()).isEqualTo(1);
    assertThat(
            client.getNode("Demo", ClassificationNode.Group.AREAS, null, 1).children().stream()
                .map(ClassificationNode::name))
        .doesNotContain("Old Area");
    assertThat(
            client.getNode("Demo", ClassificationNode.Group.ITERATIONS, null, 1).children().stream()
                .map(ClassificationNode::name))
        .doesNotContain("Old Sprint");
    assertThat(rejects(areas))
        .contains("2,Path,\"the area path \"\"Never There\"\" does not exist\"");
  }
}
