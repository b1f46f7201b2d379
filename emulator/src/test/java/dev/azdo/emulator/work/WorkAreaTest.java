package dev.azdo.emulator.work;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The work area over real HTTP: team sprints, settings, area, backlogs and sprint items. */
class WorkAreaTest {
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

  private static JsonNode ok(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("value").forEach(n -> out.add(n.path("name").asText()));
    return out;
  }

  private static int create(String type, String title, String iteration, Integer parent) {
    var patch = Json.array();
    patch.addObject().put("op", "add").put("path", "/fields/System.Title").put("value", title);
    patch
        .addObject()
        .put("op", "add")
        .put("path", "/fields/System.IterationPath")
        .put("value", iteration);
    if (parent != null) {
      patch
          .addObject()
          .put("op", "add")
          .put("path", "/relations/-")
          .set(
              "value",
              Json.object()
                  .put("rel", "System.LinkTypes.Hierarchy-Reverse")
                  .put("url", emulator.url() + "/_apis/wit/workItems/" + parent));
    }
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$" + type.replace(" ", "%20") + "?" + V,
            patch,
            "application/json-patch+json");
    return ok(r).path("id").asInt();
  }

  @Test
  void theDefaultTeamWorksInTheDatedSprintsAndSprint2IsCurrent() {
    JsonNode all = ok(http.get("Demo/Demo%20Team/_apis/work/teamsettings/iterations?" + V));
    assertThat(names(all)).containsExactly("Sprint 1", "Sprint 2", "Sprint 3");
    JsonNode sprint2 = all.path("value").get(1);
    assertThat(sprint2.path("path").asText()).isEqualTo("Demo\\Sprint 2");
    assertThat(sprint2.at("/attributes/timeFrame").asText()).isEqualTo("current");
    JsonNode current =
        ok(http.get("Demo/_apis/work/teamsettings/iterations?$timeframe=current&" + V));
    assertThat(names(current)).containsExactly("Sprint 2");
  }

  @Test
  void aTeamDropsAndTakesBackASprintAndCurrentIterationFollows() {
    JsonNode all = ok(http.get("Demo/_apis/work/teamsettings/iterations?" + V));
    String sprint2 = all.path("value").get(1).path("id").asText();
    int item = create("Task", "in sprint 2", "Demo\\Sprint 2", null);
    String wiql =
        "SELECT [System.Id] FROM WorkItems WHERE [System.IterationPath] = @CurrentIteration"
            + " AND [System.Title] = 'in sprint 2'";
    Http.Res dropped =
        http.delete("Demo/Demo%20Team/_apis/work/teamsettings/iterations/" + sprint2 + "?" + V);
    assertThat(dropped.status()).as(dropped.body()).isEqualTo(204);
    assertThat(names(ok(http.get("Demo/_apis/work/teamsettings/iterations?" + V))))
        .containsExactly("Sprint 1", "Sprint 3");
    assertThat(
            ok(http.post("Demo/_apis/wit/wiql?" + V, Map.of("query", wiql)))
                .path("workItems")
                .size())
        .isZero();
    JsonNode back =
        ok(
            http.post(
                "Demo/Demo%20Team/_apis/work/teamsettings/iterations?" + V,
                Json.object().put("id", sprint2)));
    assertThat(back.path("name").asText()).isEqualTo("Sprint 2");
    assertThat(
            ok(http.post("Demo/_apis/wit/wiql?" + V, Map.of("query", wiql)))
                .path("workItems")
                .get(0)
                .path("id")
                .asInt())
        .isEqualTo(item);
  }

  @Test
  void teamSettingsFieldValuesAndBacklogsDescribeTheTeam() {
    JsonNode s = ok(http.get("Demo/Demo%20Team/_apis/work/teamsettings?" + V));
    assertThat(s.path("bugsBehavior").asText()).isEqualTo("asRequirements");
    assertThat(s.at("/defaultIteration/name").asText()).isEqualTo("Sprint 2");
    JsonNode f = ok(http.get("Demo/Demo%20Team/_apis/work/teamsettings/teamfieldvalues?" + V));
    assertThat(f.path("defaultValue").asText()).isEqualTo("Demo");
    assertThat(http.get("Demo/No%20Team/_apis/work/teamsettings?" + V).status()).isEqualTo(404);
    JsonNode levels = ok(http.get("Demo/Demo%20Team/_apis/work/backlogs?" + V));
    assertThat(levels.path("value").get(0).path("id").asText()).isEqualTo("Microsoft.EpicCategory");
    int story = create("User Story", "a story on the backlog", "Demo", null);
    JsonNode stories =
        ok(
            http.get(
                "Demo/Demo%20Team/_apis/work/backlogs/Microsoft.RequirementCategory/workItems?"
                    + V));
    List<Integer> onBacklog = new ArrayList<>();
    stories.path("workItems").forEach(w -> onBacklog.add(w.at("/target/id").asInt()));
    assertThat(onBacklog).contains(story);
  }

  @Test
  void iterationWorkItemsListTheSprintsItemsWithTheirParentLinks() {
    JsonNode all = ok(http.get("Demo/_apis/work/teamsettings/iterations?" + V));
    String sprint3 = all.path("value").get(2).path("id").asText();
    int parent = create("User Story", "sprint 3 story", "Demo\\Sprint 3", null);
    int child = create("Task", "sprint 3 task", "Demo\\Sprint 3", parent);
    JsonNode rels =
        ok(http.get(
                "Demo/Demo%20Team/_apis/work/teamsettings/iterations/"
                    + sprint3
                    + "/workitems?"
                    + V))
            .path("workItemRelations");
    assertThat(rels.size()).isEqualTo(2);
    assertThat(rels.get(1).path("rel").asText()).isEqualTo("System.LinkTypes.Hierarchy-Forward");
    assertThat(rels.get(1).at("/source/id").asInt()).isEqualTo(parent);
    assertThat(rels.get(1).at("/target/id").asInt()).isEqualTo(child);
    assertThat(http.get("_apis/resourceAreas?api-version=7.1-preview.1").body())
        .contains(ResourceArea.WORK.id());
  }
}
