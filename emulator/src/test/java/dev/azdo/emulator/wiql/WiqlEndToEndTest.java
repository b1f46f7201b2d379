package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Work items created, updated and linked over HTTP by the work item module, then queried. */
class WiqlEndToEndTest {
  static Emulator emulator;
  static Http http;
  static int epic;
  static int feature;
  static int bug;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    epic = create("Epic", "E2E epic", null);
    feature = create("Feature", "E2E feature", epic);
    bug =
        create(
            "Bug",
            "E2E bug",
            null,
            "/fields/System.AssignedTo",
            "bob@example.com",
            "/fields/Microsoft.VSTS.Common.Priority",
            1);
    // An update adds a revision: the state was New, now it is Active.
    Http.Res updated =
        http.patch(
            "_apis/wit/workitems/" + bug + "?api-version=7.1",
            patch("/fields/System.State", "Active"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static ArrayNode patch(Object... pathValue) {
    ArrayNode a = Json.array();
    for (int i = 0; i < pathValue.length; i += 2) {
      ObjectNode op = a.addObject();
      op.put("op", "add");
      op.put("path", (String) pathValue[i]);
      op.set("value", Json.tree(pathValue[i + 1]));
    }
    return a;
  }

  static int create(String type, String title, Integer parent, Object... more) {
    ArrayNode p = patch("/fields/System.Title", title);
    p.addAll(patch(more));
    if (parent != null) {
      ObjectNode rel = p.addObject();
      rel.put("op", "add");
      rel.put("path", "/relations/-");
      rel.putObject("value")
          .put("rel", "System.LinkTypes.Hierarchy-Reverse")
          .put("url", emulator.url() + "/_apis/wit/workItems/" + parent);
    }
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$" + type + "?api-version=7.1",
            p,
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("id").asInt();
  }

  static Http.Res query(String wiql) {
    return http.post("Demo/_apis/wit/wiql?api-version=7.1", Map.of("query", wiql));
  }

  static List<Integer> ids(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Integer> ids = new ArrayList<>();
    for (JsonNode n : r.json().path("workItems")) {
      ids.add(n.path("id").asInt());
    }
    return ids;
  }

  @Test
  void createdWorkItemsAreFoundByTitleTypeAndProject() {
    assertThat(
            ids(
                query(
                    "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND"
                        + " [System.Title] CONTAINS 'E2E' ORDER BY [System.Id]")))
        .containsExactly(epic, feature, bug);
    assertThat(
            ids(
                query(
                    "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Bug' AND"
                        + " [System.Title] CONTAINS 'E2E'")))
        .containsExactly(bug);
  }

  @Test
  void serviceSetFieldsAreQueryable() {
    assertThat(
            ids(
                query(
                    "SELECT [System.Id] FROM WorkItems WHERE [System.CreatedBy] = @Me AND"
                        + " [System.CreatedDate] >= @Today AND [System.Title] CONTAINS 'E2E'"
                        + " ORDER BY [System.Id]")))
        .containsExactly(epic, feature, bug);
    assertThat(
            ids(
                query(
                    "SELECT [System.Id] FROM WorkItems WHERE [System.AssignedTo] = 'Bob Builder'"
                        + " AND [System.AreaPath] UNDER 'Demo' AND [System.Title] CONTAINS 'E2E'")))
        .containsExactly(bug);
  }

  @Test
  void updatesAndRevisionsAreSeenByEver() {
    assertThat(
            ids(
                query(
                    "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' AND"
                        + " [System.State] EVER 'New' AND [System.Title] CONTAINS 'E2E'")))
        .containsExactly(bug);
  }

  @Test
  void aParentLinkAddedOnTheChildShowsInTheTree() {
    Http.Res r =
        query(
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] = "
                + epic
                + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward' MODE"
                + " (Recursive)");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode rels = r.json().path("workItemRelations");
    assertThat(rels).hasSize(2);
    assertThat(rels.get(0).path("target").path("id").asInt()).isEqualTo(epic);
    assertThat(rels.get(1).path("rel").asText()).isEqualTo("System.LinkTypes.Hierarchy-Forward");
    assertThat(rels.get(1).path("source").path("id").asInt()).isEqualTo(epic);
    assertThat(rels.get(1).path("target").path("id").asInt()).isEqualTo(feature);
  }

  @Test
  void deletedWorkItemsDropOutOfResults() {
    int doomed = create("Task", "E2E doomed", null);
    Http.Res del = http.delete("Demo/_apis/wit/workitems/" + doomed + "?api-version=7.1");
    assertThat(del.status()).as(del.body()).isEqualTo(200);
    assertThat(ids(query("SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'E2E doomed'")))
        .isEmpty();
  }
}
