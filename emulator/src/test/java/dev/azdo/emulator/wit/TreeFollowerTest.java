package dev.azdo.emulator.wit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Work items follow their area when it is renamed, moved or deleted with $reclassifyId. */
class TreeFollowerTest {
  static final String V = "api-version=7.1";
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

  private int createTaskIn(String areaPath) {
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$Task?" + V,
            Json.write(
                List.of(
                    Map.of("op", "add", "path", "/fields/System.Title", "value", "follow me"),
                    Map.of("op", "add", "path", "/fields/System.AreaPath", "value", areaPath))),
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("id").asInt();
  }

  private JsonNode fields(int id) {
    return http.get("Demo/_apis/wit/workitems/" + id + "?$expand=all&" + V).json().path("fields");
  }

  @Test
  void renamingAnAreaMovesItsWorkItemsPathsAndLevels() {
    http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", "Old Name"));
    int id = createTaskIn("Demo\\Old Name");
    int rev = fields(id).path("System.Rev").asInt();
    Http.Res renamed =
        http.send(
            "PATCH",
            "Demo/_apis/wit/classificationnodes/Areas/Old%20Name?" + V,
            Json.write(Map.of("name", "New Name")),
            "application/json");
    assertThat(renamed.status()).isEqualTo(200);
    JsonNode f = fields(id);
    assertThat(f.path("System.AreaPath").asText()).isEqualTo("Demo\\New Name");
    assertThat(f.path("System.AreaLevel2").asText()).isEqualTo("New Name");
    assertThat(f.path("System.NodeName").asText()).isEqualTo("New Name");
    assertThat(f.path("System.AreaId").asInt()).isEqualTo(renamed.json().path("id").asInt());
    assertThat(f.path("System.Rev").asInt()).isEqualTo(rev);
    // WIQL sees the new path too.
    Http.Res q =
        http.post(
            "Demo/_apis/wit/wiql?" + V,
            Map.of(
                "query",
                "SELECT [System.Id] FROM WorkItems WHERE [System.AreaPath] UNDER 'Demo\\New Name'"));
    assertThat(q.json().path("workItems").findValuesAsText("id")).contains(Integer.toString(id));
  }

  @Test
  void deletingAnAreaWithAReclassifyTargetMovesItsWorkItemsThere() {
    http.post("Demo/_apis/wit/classificationnodes/Areas?" + V, Map.of("name", "Going"));
    int id = createTaskIn("Demo\\Going");
    int target =
        http.get("Demo/_apis/wit/classificationnodes/Areas/Team%20A?" + V)
            .json()
            .path("id")
            .asInt();
    Http.Res gone =
        http.delete(
            "Demo/_apis/wit/classificationnodes/Areas/Going?$reclassifyId=" + target + "&" + V);
    assertThat(gone.status()).isEqualTo(204);
    JsonNode f = fields(id);
    assertThat(f.path("System.AreaPath").asText()).isEqualTo("Demo\\Team A");
    assertThat(f.path("System.AreaId").asInt()).isEqualTo(target);
  }
}
