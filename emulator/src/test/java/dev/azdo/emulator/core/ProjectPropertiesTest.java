package dev.azdo.emulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's properties over HTTP: the derived System.* ones, and ones set by a JSON patch. */
class ProjectPropertiesTest {
  private static final String V = "?api-version=7.1-preview.1";

  private static Map<String, String> properties(Http http, String project, String query) {
    Http.Res res = http.get("_apis/projects/" + project + "/properties" + V + query);
    assertThat(res.status()).as(res.body()).isEqualTo(200);
    assertThat(res.json().path("count").asInt()).isEqualTo(res.json().path("value").size());
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode p : res.json().path("value")) {
      out.put(p.path("name").asText(), p.path("value").toString());
    }
    return out;
  }

  private static Http.Res patch(Http http, String project, Object body) {
    return http.send(
        "PATCH",
        "_apis/projects/" + project + "/properties" + V,
        body,
        "application/json-patch+json");
  }

  @Test
  void systemPropertiesComeFromTheProjectAndClientPropertiesPersist(@TempDir Path dir) {
    EmulatorConfig config = EmulatorConfig.builder().dataDir(dir).process("scrum").build();
    String id;
    try (Emulator emulator = Emulator.create(config).start()) {
      Http http = new Http(emulator);
      JsonNode project = http.get("_apis/projects/Demo?api-version=7.1").json();
      id = project.path("id").asText();
      String teamId = project.path("defaultTeam").path("id").asText();
      Map<String, String> all = properties(http, id, "");
      assertThat(all)
          .containsEntry("System.ProcessTemplateType", "\"" + CoreApiTest.SCRUM + "\"")
          .containsEntry("System.CurrentProcessTemplateId", "\"" + CoreApiTest.SCRUM + "\"")
          .containsEntry("System.Process Template", "\"Scrum\"")
          .containsEntry("System.Microsoft.TeamFoundation.Team.Default", "\"" + teamId + "\"")
          .containsEntry("System.SourceControlCapabilityFlags", "\"2\"")
          .containsEntry("System.SourceControlGitEnabled", "\"True\"");
      assertThat(properties(http, "Demo", "&keys=System.CurrentProcessTemplateId,*sourcecontrol*"))
          .containsOnlyKeys(
              "System.CurrentProcessTemplateId",
              "System.SourceControlCapabilityFlags",
              "System.SourceControlGitEnabled",
              "System.SourceControlGitPermissionsInitialized");

      Http.Res set =
          patch(
              http,
              id,
              List.of(
                  Map.of("op", "add", "path", "/Alias", "value", "Fabrikam"),
                  Map.of("op", "add", "path", "/Budget", "value", 1200),
                  Map.of("op", "add", "path", "/Gone", "value", "soon")));
      assertThat(set.status()).as(set.body()).isEqualTo(204);
      Http.Res removed = patch(http, id, List.of(Map.of("op", "remove", "path", "/gone")));
      assertThat(removed.status()).as(removed.body()).isEqualTo(204);
      assertThat(properties(http, id, "&keys=Alias,Budget,Gone"))
          .containsExactly(Map.entry("Alias", "\"Fabrikam\""), Map.entry("Budget", "1200"));
      // As Microsoft's Python client sends keys: URL-encoded, ? for one character.
      assertThat(properties(http, id, "&keys=alias%2CSystem.Process%3FTemplate"))
          .containsOnlyKeys("System.Process Template", "Alias");

      Http.Res reserved =
          patch(
              http,
              id,
              List.of(Map.of("op", "add", "path", "/System.Process Template", "value", "x")));
      assertThat(reserved.status()).isEqualTo(400);
      assertThat(reserved.json().path("message").asText())
          .isEqualTo(
              "The property 'System.Process Template' is reserved by the system and cannot be"
                  + " changed.");
      Http.Res badOp =
          patch(http, id, List.of(Map.of("op", "move", "path", "/Alias", "from", "/Budget")));
      assertThat(badOp.status()).isEqualTo(400);
      assertThat(badOp.json().path("message").asText())
          .isEqualTo(
              "The operation 'move' on '/Alias' is not supported; use add, replace or remove.");
      Http.Res released = http.get("_apis/projects/" + id + "/properties?api-version=7.1");
      assertThat(released.status()).isEqualTo(400);
      assertThat(released.json().path("typeKey").asText())
          .isEqualTo("VssInvalidPreviewVersionException");
      assertThat(http.get("_apis/projects/Nope/properties" + V).status()).isEqualTo(404);
    }
    try (Emulator again = Emulator.create(config).start()) {
      assertThat(properties(new Http(again), id, "&keys=Alias,Budget,Gone"))
          .containsExactly(Map.entry("Alias", "\"Fabrikam\""), Map.entry("Budget", "1200"));
    }
  }
}
