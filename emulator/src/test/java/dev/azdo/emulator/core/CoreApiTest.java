package dev.azdo.emulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.model.ProjectDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoreApiTest {
  static final String AGILE = "adcc42ab-9882-485e-a3ed-7678f01f66bc";
  static final String SCRUM = "6b724908-ef14-45cf-84f8-768b5384da45";
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  public static Map<String, Object> createBody(String name, String processId) {
    return Map.of(
        "name",
        name,
        "description",
        "made by a test",
        "capabilities",
        Map.of(
            "versioncontrol",
            Map.of("sourceControlType", "Git"),
            "processTemplate",
            Map.of("templateTypeId", processId)));
  }

  /** Polls an operation until it finishes; returns the statuses seen, in order. */
  static List<String> pollUntilDone(String operationId) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Http.Res op = http.get("_apis/operations/" + operationId + "?api-version=7.1");
      assertThat(op.status()).isEqualTo(200);
      String status = op.json().path("status").asText();
      seen.add(status);
      if (status.equals("succeeded") || status.equals("failed")) {
        return seen;
      }
    }
    return seen;
  }

  static JsonNode createProject(String name) {
    Http.Res r = http.post("_apis/projects?api-version=7.1", createBody(name, SCRUM));
    assertThat(r.status()).isEqualTo(202);
    assertThat(pollUntilDone(r.json().path("id").asText())).last().isEqualTo("succeeded");
    Http.Res p = http.get("_apis/projects/" + name.replace(" ", "%20") + "?api-version=7.1");
    assertThat(p.status()).isEqualTo(200);
    return p.json();
  }

  @Test
  void processesListsTheFourSystemProcessesWithAgileAsDefault() {
    Http.Res r = http.get("_apis/process/processes?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(4);
    List<String> names = new ArrayList<>();
    for (JsonNode p : r.json().path("value")) {
      names.add(p.path("name").asText());
      assertThat(p.path("type").asText()).isEqualTo("system");
      assertThat(p.at("/_links/self/href").asText()).isEqualTo(p.path("url").asText());
      assertThat(p.path("isDefault").asBoolean())
          .isEqualTo(p.path("name").asText().equals("Agile"));
    }
    assertThat(names).containsExactlyInAnyOrder("Agile", "Scrum", "Basic", "CMMI");
  }

  @Test
  void processGetByIdReturnsTheProcessAndUnknownIdsAre404() {
    Http.Res r = http.get("_apis/process/processes/" + SCRUM + "?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("name").asText()).isEqualTo("Scrum");
    assertThat(r.json().path("id").asText()).isEqualTo(SCRUM);
    Http.Res missing =
        http.get("_apis/process/processes/00000000-0000-0000-0000-000000000001?api-version=7.1");
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void seededProjectIsListedWithTheSpecShape() {
    Http.Res r = http.get("_apis/projects?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    JsonNode demo = null;
    for (JsonNode p : r.json().path("value")) {
      if (p.path("name").asText().equals("Demo")) {
        demo = p;
      }
    }
    assertThat(demo).isNotNull();
    assertThat(demo.path("state").asText()).isEqualTo("wellFormed");
    assertThat(demo.path("visibility").asText()).isEqualTo("private");
    assertThat(demo.path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/projects/" + demo.path("id").asText());
    assertThat(demo.path("revision").asLong()).isPositive();
    assertThat(demo.path("lastUpdateTime").asText()).endsWith("Z");
  }

  @Test
  void getProjectByNameOrIdReturnsDefaultTeamLinksAndCapabilities() {
    Http.Res byName = http.get("_apis/projects/demo?includeCapabilities=true&api-version=7.1");
    assertThat(byName.status()).isEqualTo(200);
    JsonNode p = byName.json();
    assertThat(p.path("name").asText()).isEqualTo("Demo");
    assertThat(p.at("/defaultTeam/name").asText()).isEqualTo("Demo Team");
    assertThat(p.at("/defaultTeam/url").asText())
        .isEqualTo(p.path("url").asText() + "/teams/" + p.at("/defaultTeam/id").asText());
    assertThat(p.at("/_links/self/href").asText()).isEqualTo(p.path("url").asText());
    assertThat(p.at("/_links/web/href").asText()).isEqualTo(emulator.url() + "/Demo");
    assertThat(p.at("/capabilities/processTemplate/templateTypeId").asText()).isEqualTo(AGILE);
    assertThat(p.at("/capabilities/processTemplate/templateName").asText()).isEqualTo("Agile");
    assertThat(p.at("/capabilities/versioncontrol/sourceControlType").asText()).isEqualTo("Git");
    Http.Res byId =
        http.get(
            "_apis/projects/" + p.path("id").asText() + "?includeHistory=true&api-version=7.1");
    assertThat(byId.status()).isEqualTo(200);
    assertThat(byId.json().path("name").asText()).isEqualTo("Demo");
    assertThat(byId.json().has("capabilities")).isFalse();
  }

  @Test
  void unknownProjectIs404WithTf200016ForANameAndVs800075ForAnId() {
    Http.Res byName = http.get("_apis/projects/NoSuchProject?api-version=7.1");
    assertThat(byName.status()).isEqualTo(404);
    assertThat(byName.json().path("message").asText())
        .startsWith("TF200016: The following project does not exist: NoSuchProject.");
    assertThat(byName.json().path("typeKey").asText())
        .isEqualTo("ProjectDoesNotExistWithNameException");
    Http.Res byId = http.get("_apis/projects/11111111-2222-3333-4444-555555555555?api-version=7.1");
    assertThat(byId.status()).isEqualTo(404);
    assertThat(byId.json().path("message").asText()).startsWith("VS800075:");
    assertThat(byId.json().path("typeKey").asText()).isEqualTo("ProjectDoesNotExistException");
  }

  @Test
  void createQueuesAnOperationThatGoesQueuedInProgressSucceeded() {
    Http.Res r = http.post("_apis/projects?api-version=7.1", createBody("Lifecycle", SCRUM));
    assertThat(r.status()).isEqualTo(202);
    String opId = r.json().path("id").asText();
    assertThat(r.json().path("status").asText()).isEqualTo("queued");
    assertThat(r.json().path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/operations/" + opId);
    List<String> seen = pollUntilDone(opId);
    // Each poll moves the operation at least one step, so two polls always finish it.
    assertThat(seen.size()).isLessThanOrEqualTo(2);
    assertThat(seen).last().isEqualTo("succeeded");
    assertThat(seen).isSubsetOf("inProgress", "succeeded");
    Http.Res op = http.get("_apis/operations/" + opId + "?api-version=7.1");
    assertThat(op.json().at("/_links/self/href").asText())
        .isEqualTo(op.json().path("url").asText());
    Http.Res p = http.get("_apis/projects/Lifecycle?includeCapabilities=true&api-version=7.1");
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.json().path("state").asText()).isEqualTo("wellFormed");
    assertThat(p.json().path("description").asText()).isEqualTo("made by a test");
    assertThat(p.json().at("/defaultTeam/name").asText()).isEqualTo("Lifecycle Team");
    assertThat(p.json().at("/capabilities/processTemplate/templateTypeId").asText())
        .isEqualTo(SCRUM);
    ProjectDirectory dir = emulator.context().require(ProjectDirectory.class);
    assertThat(dir.find("lifecycle").processId()).isEqualTo(SCRUM);
  }

  @Test
  void createdProjectIsCreatePendingUntilItsOperationSucceeds() {
    Http.Res r = http.post("_apis/projects?api-version=7.1", createBody("Pending One", AGILE));
    assertThat(r.status()).isEqualTo(202);
    ProjectDirectory dir = emulator.context().require(ProjectDirectory.class);
    Http.Res p = http.get("_apis/projects/Pending%20One?api-version=7.1");
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.json().path("state").asText()).isIn("createPending", "wellFormed");
    if (p.json().path("state").asText().equals("createPending")) {
      assertThat(dir.findOrNull("Pending One")).isNull();
    }
    assertThat(pollUntilDone(r.json().path("id").asText())).last().isEqualTo("succeeded");
    assertThat(dir.findOrNull("Pending One")).isNotNull();
  }

  @Test
  void createRefusesADuplicateNameWith409AndTf200019() {
    Http.Res r = http.post("_apis/projects?api-version=7.1", createBody("demo", AGILE));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("message").asText())
        .startsWith("TF200019: The following project already exists on the Azure DevOps Server:");
    assertThat(r.json().path("typeKey").asText()).isEqualTo("ProjectAlreadyExistsException");
  }

  @Test
  void createRefusesInvalidProjectNames() {
    for (String bad :
        List.of("_hidden", "ends.", "a/b", "what?", "CON", "x".repeat(65), "semi;colon")) {
      Http.Res r = http.post("_apis/projects?api-version=7.1", createBody(bad, AGILE));
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().path("message").asText()).contains("project name is not valid");
    }
  }

  @Test
  void createRefusesAnUnknownProcessAndMissingCapabilities() {
    Http.Res unknown =
        http.post(
            "_apis/projects?api-version=7.1",
            createBody("NoProcess", "00000000-0000-0000-0000-000000000009"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("message").asText()).contains("could not be found");
    Http.Res missing = http.post("_apis/projects?api-version=7.1", Map.of("name", "NoCaps"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("message").asText())
        .contains("capabilities.processTemplate.templateTypeId");
    assertThat(http.get("_apis/projects/NoCaps?api-version=7.1").status()).isEqualTo(404);
  }

  @Test
  void updateRenamesAProjectAndItsDefaultTeamThroughAnOperation() {
    JsonNode p = createProject("Before Rename");
    String id = p.path("id").asText();
    Http.Res r =
        http.send(
            "PATCH",
            "_apis/projects/" + id + "?api-version=7.1",
            Map.of("name", "After Rename", "description", "new words", "visibility", "public"),
            "application/json");
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().path("status").asText()).isEqualTo("queued");
    assertThat(pollUntilDone(r.json().path("id").asText())).last().isEqualTo("succeeded");
    Http.Res after = http.get("_apis/projects/" + id + "?api-version=7.1");
    assertThat(after.json().path("name").asText()).isEqualTo("After Rename");
    assertThat(after.json().path("description").asText()).isEqualTo("new words");
    assertThat(after.json().path("visibility").asText()).isEqualTo("public");
    assertThat(after.json().path("revision").asLong()).isGreaterThan(p.path("revision").asLong());
    assertThat(after.json().at("/defaultTeam/name").asText()).isEqualTo("After Rename Team");
    assertThat(http.get("_apis/projects/Before%20Rename?api-version=7.1").status()).isEqualTo(404);
  }

  @Test
  void updateRefusesRenamingOntoAnExistingProject() {
    JsonNode p = createProject("Rename Clash");
    Http.Res r =
        http.send(
            "PATCH",
            "_apis/projects/" + p.path("id").asText() + "?api-version=7.1",
            Map.of("name", "Demo"),
            "application/json");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().path("message").asText()).startsWith("TF200019:");
  }

  @Test
  void deleteQueuesAnOperationAfterWhichTheProjectIsGone() {
    JsonNode p = createProject("Doomed");
    String id = p.path("id").asText();
    Http.Res r = http.delete("_apis/projects/" + id + "?api-version=7.1");
    assertThat(r.status()).isEqualTo(202);
    assertThat(pollUntilDone(r.json().path("id").asText())).last().isEqualTo("succeeded");
    Http.Res gone = http.get("_apis/projects/" + id + "?api-version=7.1");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("message").asText()).startsWith("VS800075:");
    Http.Res deleted = http.get("_apis/projects?stateFilter=deleted&api-version=7.1");
    assertThat(deleted.json().findValuesAsText("id")).contains(id);
    Http.Res live = http.get("_apis/projects?api-version=7.1");
    assertThat(live.json().findValuesAsText("id")).doesNotContain(id);
    // The name is free again once the project is deleted.
    assertThat(createProject("Doomed").path("id").asText()).isNotEqualTo(id);
  }

  @Test
  void aDeletedProjectCanBeRestoredWithStateWellFormed() {
    String id = createProject("Comeback").path("id").asText();
    Http.Res del = http.delete("_apis/projects/" + id + "?api-version=7.1");
    assertThat(pollUntilDone(del.json().path("id").asText())).last().isEqualTo("succeeded");
    assertThat(http.get("_apis/projects/" + id + "?api-version=7.1").status()).isEqualTo(404);
    Http.Res restore =
        http.send(
            "PATCH",
            "_apis/projects/" + id + "?api-version=7.1",
            Map.of("state", "wellFormed"),
            "application/json");
    assertThat(restore.status()).isEqualTo(202);
    assertThat(pollUntilDone(restore.json().path("id").asText())).last().isEqualTo("succeeded");
    Http.Res back = http.get("_apis/projects/Comeback?api-version=7.1");
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.json().path("id").asText()).isEqualTo(id);
    assertThat(back.json().path("state").asText()).isEqualTo("wellFormed");
  }

  @Test
  void teamsCanBeExpandedWithTheirIdentity() {
    Http.Res r =
        http.get("_apis/projects/Demo/teams/Demo%20Team?$expandIdentity=true&api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/identity/providerDisplayName").asText())
        .isEqualTo("[Demo]\\Demo Team");
    assertThat(r.json().at("/identity/isContainer").asBoolean()).isTrue();
  }

  @Test
  void listPagesWithTopSkipAndTheContinuationTokenHeader() {
    for (String n : List.of("Page A", "Page B", "Page C")) {
      createProject(n);
    }
    Http.Res all = http.get("_apis/projects?api-version=7.1");
    int total = all.json().path("count").asInt();
    assertThat(total).isGreaterThanOrEqualTo(4);
    assertThat(all.header("x-ms-continuationtoken")).isNull();
    Http.Res first = http.get("_apis/projects?$top=2&api-version=7.1");
    assertThat(first.json().path("count").asInt()).isEqualTo(2);
    String token = first.header("x-ms-continuationtoken");
    assertThat(token).isNotNull();
    List<String> ids = new ArrayList<>(first.json().findValuesAsText("id"));
    while (token != null) {
      Http.Res next =
          http.get("_apis/projects?$top=2&continuationToken=" + token + "&api-version=7.1");
      ids.addAll(next.json().findValuesAsText("id"));
      token = next.header("x-ms-continuationtoken");
    }
    assertThat(ids).doesNotHaveDuplicates().hasSize(total);
    Http.Res skipped = http.get("_apis/projects?$skip=1&$top=1&api-version=7.1");
    assertThat(skipped.json().findValuesAsText("id")).containsExactly(ids.get(1));
  }

  @Test
  void teamsCanBeCreatedReadRenamedAndDeleted() {
    Http.Res created =
        http.post(
            "_apis/projects/Demo/teams?api-version=7.1",
            Map.of("name", "Quality assurance", "description", "Testing staff"));
    assertThat(created.status()).isEqualTo(200);
    JsonNode t = created.json();
    String teamId = t.path("id").asText();
    JsonNode demo = http.get("_apis/projects/Demo?api-version=7.1").json();
    assertThat(t.path("name").asText()).isEqualTo("Quality assurance");
    assertThat(t.path("description").asText()).isEqualTo("Testing staff");
    assertThat(t.path("url").asText()).isEqualTo(demo.path("url").asText() + "/teams/" + teamId);
    assertThat(t.path("identityUrl").asText()).endsWith("/_apis/Identities/" + teamId);
    assertThat(t.path("projectName").asText()).isEqualTo("Demo");
    assertThat(t.path("projectId").asText()).isEqualTo(demo.path("id").asText());

    Http.Res byName = http.get("_apis/projects/Demo/teams/quality%20assurance?api-version=7.1");
    assertThat(byName.status()).isEqualTo(200);
    assertThat(byName.json().path("id").asText()).isEqualTo(teamId);

    Http.Res dup =
        http.post("_apis/projects/Demo/teams?api-version=7.1", Map.of("name", "QUALITY ASSURANCE"));
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().path("message").asText()).contains("already in use");

    Http.Res renamed =
        http.send(
            "PATCH",
            "_apis/projects/" + demo.path("id").asText() + "/teams/" + teamId + "?api-version=7.1",
            Map.of("name", "QA", "description", "Testers"),
            "application/json");
    assertThat(renamed.status()).isEqualTo(200);
    assertThat(renamed.json().path("name").asText()).isEqualTo("QA");
    assertThat(renamed.json().path("description").asText()).isEqualTo("Testers");

    Http.Res list = http.get("_apis/projects/Demo/teams?api-version=7.1");
    assertThat(list.json().findValuesAsText("name")).contains("QA", "Demo Team");

    Http.Res deleted = http.delete("_apis/projects/Demo/teams/" + teamId + "?api-version=7.1");
    assertThat(deleted.status()).isEqualTo(204);
    Http.Res gone = http.get("_apis/projects/Demo/teams/" + teamId + "?api-version=7.1");
    assertThat(gone.status()).isEqualTo(404);
  }

  @Test
  void teamsOfAnUnknownProjectAre404() {
    Http.Res r = http.get("_apis/projects/Nowhere/teams?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).startsWith("TF200016:");
  }

  @Test
  void teamCreateRefusesInvalidNames() {
    for (String bad : List.of("", "a/b", "ends.", "x".repeat(65))) {
      Http.Res r = http.post("_apis/projects/Demo/teams?api-version=7.1", Map.of("name", bad));
      assertThat(r.status()).as(bad).isEqualTo(400);
    }
  }

  @Test
  void theDefaultTeamCannotBeDeleted() {
    JsonNode demo = http.get("_apis/projects/Demo?api-version=7.1").json();
    String teamId = demo.at("/defaultTeam/id").asText();
    Http.Res r = http.delete("_apis/projects/Demo/teams/" + teamId + "?api-version=7.1");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("default team");
    assertThat(http.get("_apis/projects/Demo/teams/" + teamId + "?api-version=7.1").status())
        .isEqualTo(200);
  }

  @Test
  void defaultTeamMembersAreTheSeededUsersWithAliceAsAdmin() {
    Http.Res r = http.get("_apis/projects/Demo/teams/Demo%20Team/members?api-version=7.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(5);
    List<String> names = r.json().findValuesAsText("displayName");
    assertThat(names)
        .containsExactly("Alice Admin", "Bob Builder", "Carol Chen", "Dave Diaz", "Erin Evans");
    JsonNode alice = r.json().path("value").get(0);
    assertThat(alice.path("isTeamAdmin").asBoolean()).isTrue();
    assertThat(alice.at("/identity/uniqueName").asText()).isEqualTo("alice@example.com");
    assertThat(r.json().path("value").get(1).path("isTeamAdmin").asBoolean()).isFalse();
    Http.Res paged =
        http.get("_apis/projects/Demo/teams/Demo%20Team/members?$top=2&$skip=1&api-version=7.1");
    assertThat(paged.json().findValuesAsText("displayName"))
        .containsExactly("Bob Builder", "Carol Chen");
  }

  @Test
  void allTeamsListsTeamsOfEveryProjectWithMineTopAndSkip() {
    createProject("Teams Elsewhere");
    Http.Res all = http.get("_apis/teams?api-version=7.1-preview.3");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.json().findValuesAsText("name")).contains("Demo Team", "Teams Elsewhere Team");
    Http.Res mine = http.get("_apis/teams?$mine=true&api-version=7.1-preview.3");
    assertThat(mine.json().findValuesAsText("name")).contains("Demo Team");
    Http.Res top = http.get("_apis/teams?$top=1&$skip=1&api-version=7.1-preview.3");
    assertThat(top.json().path("count").asInt()).isEqualTo(1);
    assertThat(top.json().path("value").get(0).path("id").asText())
        .isEqualTo(all.json().path("value").get(1).path("id").asText());
  }

  @Test
  void unknownOperationIs404() {
    Http.Res r = http.get("_apis/operations/0badc0de-0000-0000-0000-000000000000?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  void optionsAndResourceAreasShowTheCoreLocations() {
    Http.Res core = http.send("OPTIONS", "_apis/core", null, null);
    assertThat(core.status()).isEqualTo(200);
    assertThat(core.json().findValuesAsText("id"))
        .contains(
            "603fe2ac-9723-48b9-88ad-09305aa6c6e1",
            "93878975-88c5-4e6a-8abb-7ddd77a8a7d8",
            "d30a3dd1-f8ba-442a-b86a-bd0c0c383e59",
            "7a4d9ee9-3433-4347-b47a-7a80f1cf307e",
            "294c494c-2600-4d7e-b76c-3dd50c3c95be");
    Http.Res ops = http.send("OPTIONS", "_apis/operations", null, null);
    assertThat(ops.json().findValuesAsText("id")).contains("9a1b74b4-2ca8-4a9f-8470-c2f2e6fdc949");
    Http.Res area =
        http.get(
            "_apis/resourceAreas/79134c72-4a58-4b42-976c-04e7115f32bf?api-version=7.1-preview");
    assertThat(area.status()).isEqualTo(200);
    assertThat(area.body()).contains("79134c72-4a58-4b42-976c-04e7115f32bf");
  }
}
