package dev.azdo.emulator.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team's settings and areas changed by PATCH over HTTP, and kept across a restart. */
class TeamPreferencesTest {
  private static final String SETTINGS = "Demo/Demo%20Team/_apis/work/teamsettings?api-version=7.1";
  private static final String AREAS =
      "Demo/Demo%20Team/_apis/work/teamsettings/teamfieldvalues?api-version=7.1";

  private static JsonNode ok(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Http.Res patch(Http http, String path, Object body) {
    return http.send("PATCH", path, body, "application/json");
  }

  @Test
  void settingsAndAreasChangeByPatchAndSurviveARestart(@TempDir Path dir) {
    EmulatorConfig config = EmulatorConfig.builder().dataDir(dir).build();
    String sprint1;
    try (Emulator emulator = Emulator.create(config).start()) {
      Http http = new Http(emulator);
      JsonNode before = ok(http.get(SETTINGS));
      assertThat(before.path("defaultIterationMacro").asText()).isEqualTo("@currentIteration");
      assertThat(before.path("bugsBehavior").asText()).isEqualTo("asRequirements");
      assertThat(before.path("backlogIteration").path("name").asText()).isEqualTo("Demo");
      JsonNode sprints =
          ok(http.get("Demo/Demo%20Team/_apis/work/teamsettings/iterations?api-version=7.1"));
      sprint1 = sprints.path("value").get(0).path("id").asText();

      JsonNode fixed =
          ok(
              patch(
                  http,
                  SETTINGS,
                  Map.of(
                      "defaultIteration",
                      sprint1,
                      "bugsBehavior",
                      "asTasks",
                      "workingDays",
                      List.of("friday", "monday"),
                      "backlogVisibilities",
                      Map.of("Microsoft.EpicCategory", true))));
      assertThat(fixed.path("defaultIteration").path("id").asText()).isEqualTo(sprint1);
      assertThat(fixed.path("defaultIteration").path("path").asText()).isEqualTo("Demo\\Sprint 1");
      assertThat(fixed.has("defaultIterationMacro")).isFalse();
      assertThat(fixed.path("bugsBehavior").asText()).isEqualTo("asTasks");
      assertThat(fixed.path("workingDays").toString()).isEqualTo("[\"monday\",\"friday\"]");
      assertThat(fixed.path("backlogVisibilities").path("Microsoft.EpicCategory").asBoolean())
          .isTrue();

      Http.Res badBugs = patch(http, SETTINGS, Map.of("bugsBehavior", "sometimes"));
      assertThat(badBugs.status()).isEqualTo(400);
      assertThat(badBugs.json().path("message").asText())
          .isEqualTo(
              "The value 'sometimes' is not valid for bugsBehavior. Use one of: off,"
                  + " asRequirements, asTasks.");
      Http.Res unknown =
          patch(http, SETTINGS, Map.of("backlogIteration", "00000000-0000-0000-0000-000000000001"));
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().path("message").asText()).startsWith("VS402899");

      Http.Res web =
          http.post(
              "Demo/_apis/wit/classificationnodes/Areas?api-version=7.1", Map.of("name", "Web"));
      assertThat(web.status()).as(web.body()).isIn(200, 201);
      JsonNode areas =
          ok(
              patch(
                  http,
                  AREAS,
                  Map.of(
                      "defaultValue",
                      "demo\\web",
                      "values",
                      List.of(
                          Map.of("value", "Demo", "includeChildren", false),
                          Map.of("value", "\\Demo\\Web", "includeChildren", true)))));
      assertThat(areas.path("defaultValue").asText()).isEqualTo("Demo\\Web");
      assertThat(areas.path("values").toString())
          .isEqualTo(
              "[{\"value\":\"Demo\",\"includeChildren\":false},"
                  + "{\"value\":\"Demo\\\\Web\",\"includeChildren\":true}]");
      Http.Res missing =
          patch(
              http,
              AREAS,
              Map.of(
                  "defaultValue", "Demo\\Nope", "values", List.of(Map.of("value", "Demo\\Nope"))));
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.json().path("message").asText())
          .isEqualTo("The area path 'Demo\\Nope' does not exist in project Demo.");
      Http.Res notListed =
          patch(
              http,
              AREAS,
              Map.of("defaultValue", "Demo\\Web", "values", List.of(Map.of("value", "Demo"))));
      assertThat(notListed.status()).isEqualTo(400);
      assertThat(notListed.json().path("message").asText())
          .isEqualTo("The default value 'Demo\\Web' must be one of the team field values.");
    }
    try (Emulator again = Emulator.create(config).start()) {
      Http http = new Http(again);
      JsonNode settings = ok(http.get(SETTINGS));
      assertThat(settings.path("defaultIteration").path("id").asText()).isEqualTo(sprint1);
      assertThat(settings.path("bugsBehavior").asText()).isEqualTo("asTasks");
      JsonNode back =
          ok(patch(http, SETTINGS, Map.of("defaultIterationMacro", "@CurrentIteration")));
      assertThat(back.path("defaultIterationMacro").asText()).isEqualTo("@currentIteration");
      assertThat(ok(http.get(AREAS)).path("defaultValue").asText()).isEqualTo("Demo\\Web");
    }
  }
}
