package dev.azdo.emulator.compat;

import static dev.azdo.emulator.compat.ContractSession.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.Json;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Validates the core area (projects, operations, teams, team members, processes) against
 * Microsoft's OpenAPI definitions and the service's httpExamples; also checks the validator itself.
 */
final class CoreContractTest extends AbstractContractTest {
  @Test
  void theValidatorCatchesAWrongTypeAndAMissingExampleProperty() {
    JsonNode bad = Json.parse("{\"id\":\"seven\",\"rev\":1,\"fields\":{},\"url\":\"u\"}");
    assertThat(SwaggerContract.violations(WIT, "WorkItem", bad)).anyMatch(v -> v.startsWith("/id"));
    JsonNode node = Json.parse("{\"structureType\":\"Area\",\"id\":1}");
    assertThat(SwaggerContract.violations(WIT, "WorkItemClassificationNode", node))
        .anyMatch(v -> v.startsWith("/structureType"));
    assertThat(SwaggerContract.missing(node, Set.of("id", "_links/self")))
        .containsExactly("_links/self");
  }

  @Test
  void projectListAndProjectMatchTeamProjectDefinitions() {
    JsonNode list = ok(http.get("_apis/projects?api-version=7.1"), 200);
    for (JsonNode p : values(list)) {
      assertConforms(CORE, "TeamProjectReference", p);
    }
    JsonNode demo = find(values(list), "name", project);
    Set<String> keys =
        SwaggerContract.keyPaths(firstValue(CORE_EX + "projects/GET__projects.json"), 1);
    // The seeded project may have no description; the service omits null properties.
    keys.remove("description");
    keys.addAll(Set.of("revision", "visibility", "lastUpdateTime"));
    assertHasKeys(demo, keys);

    JsonNode one =
        ok(
            http.get("_apis/projects/" + project + "?api-version=7.1&includeCapabilities=true"),
            200);
    assertConforms(CORE, "TeamProject", one);
    assertHasKeys(
        one,
        Set.of(
            "id",
            "name",
            "url",
            "state",
            "revision",
            "visibility",
            "lastUpdateTime",
            "_links/self",
            "_links/collection",
            "_links/web",
            "defaultTeam/id",
            "defaultTeam/name",
            "defaultTeam/url",
            "capabilities/processTemplate/templateTypeId",
            "capabilities/processTemplate/templateName",
            "capabilities/versioncontrol/sourceControlType"));
  }

  @Test
  void projectCreationAnswersAnOperationReferenceAndTheOperationMatchesItsDefinition() {
    Map<String, Object> body =
        Map.of(
            "name",
            "Contract " + suffix(),
            "description",
            "schema check",
            "capabilities",
            Map.of(
                "versioncontrol",
                Map.of("sourceControlType", "Git"),
                "processTemplate",
                Map.of("templateTypeId", "adcc42ab-9882-485e-a3ed-7678f01f66bc")));
    JsonNode ref = ok(http.post("_apis/projects?api-version=7.1", body), 202);
    assertConforms(CORE, "OperationReference", ref);
    assertHasKeys(
        ref, SwaggerContract.keyPaths(example(CORE_EX + "projects/POST__projects.json"), 1));

    JsonNode op = ok(http.get(session.relative(ref.path("url").asText())), 200);
    assertConforms(OPERATIONS, "Operation", op);
    assertHasKeys(op, Set.of("id", "status", "url", "_links/self"));
    assertThat(op.path("id").asText()).isEqualTo(ref.path("id").asText());
  }

  @Test
  void teamsMatchWebApiTeamAndTheServiceExamples() {
    String projectId = session.projectId();
    JsonNode team =
        ok(
            http.post(
                "_apis/projects/" + projectId + "/teams?api-version=7.1",
                Map.of("name", "Contract Team " + suffix(), "description", "schema check")),
            200);
    assertConforms(CORE, "WebApiTeam", team);
    Set<String> keys =
        SwaggerContract.keyPaths(
            example(CORE_EX + "teams/POST__projects__projectId__teams.json"), 1);
    keys.addAll(Set.of("projectName", "projectId"));
    assertHasKeys(team, keys);

    JsonNode list = ok(http.get("_apis/projects/" + projectId + "/teams?api-version=7.1"), 200);
    assertThat(values(list)).isNotEmpty();
    for (JsonNode t : values(list)) {
      assertConforms(CORE, "WebApiTeam", t);
      assertHasKeys(t, keys);
    }
  }

  @Test
  void processesMatchTheProcessDefinition() {
    JsonNode list = ok(http.get("_apis/process/processes?api-version=7.1"), 200);
    assertThat(values(list)).hasSize(4);
    for (JsonNode p : values(list)) {
      assertConforms(CORE, "Process", p);
      assertHasKeys(p, Set.of("id", "name", "description", "url", "type", "isDefault"));
    }
  }

  @Test
  void teamMembersMatchTeamMember() {
    String projectId = session.projectId();
    JsonNode teams = ok(http.get("_apis/projects/" + projectId + "/teams?api-version=7.1"), 200);
    String teamId = values(teams).get(0).path("id").asText();
    JsonNode members =
        ok(
            http.get(
                "_apis/projects/" + projectId + "/teams/" + teamId + "/members?api-version=7.1"),
            200);
    assertThat(values(members)).isNotEmpty();
    for (JsonNode m : values(members)) {
      assertConforms(CORE, "TeamMember", m);
      assertHasKeys(
          m,
          Set.of(
              "identity/id",
              "identity/displayName",
              "identity/uniqueName",
              "identity/url",
              "identity/imageUrl"));
    }
  }

  @Test
  void projectPropertiesMatchProjectPropertyAndTheServiceExample() {
    String projectId = session.projectId();
    JsonNode list =
        ok(http.get("_apis/projects/" + projectId + "/properties?api-version=7.1-preview.1"), 200);
    Set<String> names = new java.util.HashSet<>();
    for (JsonNode p : values(list)) {
      assertConforms(CORE, "ProjectProperty", p);
      names.add(p.path("name").asText());
    }
    // Every property of the service's example for a Git project on a system process.
    Set<String> expected = new java.util.HashSet<>();
    for (JsonNode p :
        values(example(CORE_EX + "properties/GET__projects__project__properties.json"))) {
      expected.add(p.path("name").asText());
    }
    assertThat(names).containsAll(expected);
  }
}
