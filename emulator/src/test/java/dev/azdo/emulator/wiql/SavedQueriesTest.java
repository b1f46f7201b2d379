package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Saved queries over real HTTP: the two roots, folders, $depth, $expand, CRUD and wiql/{id}. */
class SavedQueriesTest {
  private static final String V = "api-version=7.1";
  private static Emulator emulator;
  private static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void theRootsAreMyQueriesAndSharedQueries() {
    Http.Res r = http.get("Demo/_apis/wit/queries?" + V);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode list = r.json();
    assertThat(list.path("count").asInt()).isEqualTo(2);
    assertThat(names(list.path("value"))).containsExactly("My Queries", "Shared Queries");
    assertThat(list.path("value").get(0).path("isPublic").asBoolean(true)).isFalse();
    assertThat(list.path("value").get(1).path("isPublic").asBoolean()).isTrue();
    assertThat(list.path("value").get(1).path("isFolder").asBoolean()).isTrue();
    JsonNode byPath = ok(http.get("Demo/_apis/wit/queries/Shared%20Queries?" + V), 200);
    assertThat(byPath.path("id").asText()).isEqualTo(list.path("value").get(1).path("id").asText());
  }

  @Test
  void foldersAndQueriesAreCreatedReadAtDepthAndExpandedWithTheirWiql() {
    JsonNode folder =
        ok(
            http.post(
                "Demo/_apis/wit/queries/Shared%20Queries?" + V,
                Map.of("name", "Team A", "isFolder", true)),
            200);
    assertThat(folder.path("path").asText()).isEqualTo("Shared Queries/Team A");
    assertThat(folder.path("isFolder").asBoolean()).isTrue();
    String wiql =
        "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] = @project"
            + " ORDER BY [System.Id] DESC";
    JsonNode query =
        ok(
            http.post(
                "Demo/_apis/wit/queries/" + folder.path("id").asText() + "?" + V,
                Map.of("name", "Open work", "wiql", wiql)),
            200);
    assertThat(query.path("path").asText()).isEqualTo("Shared Queries/Team A/Open work");
    assertThat(query.path("queryType").asText()).isEqualTo("flat");
    assertThat(query.path("wiql").asText()).isEqualTo(wiql);
    assertThat(query.path("_links").path("wiql").path("href").asText())
        .endsWith("/_apis/wit/wiql/" + query.path("id").asText());

    JsonNode plain =
        ok(http.get("Demo/_apis/wit/queries/Shared%20Queries/Team%20A/Open%20work?" + V), 200);
    assertThat(plain.has("wiql")).as("no wiql without $expand: %s", plain).isFalse();
    assertThat(plain.path("columns").get(1).path("referenceName").asText())
        .isEqualTo("System.Title");
    assertThat(plain.path("sortColumns").get(0).path("descending").asBoolean()).isTrue();
    JsonNode expanded =
        ok(
            http.get("Demo/_apis/wit/queries/" + query.path("id").asText() + "?$expand=wiql&" + V),
            200);
    assertThat(expanded.path("wiql").asText()).isEqualTo(wiql);
    JsonNode numeric =
        ok(
            http.get("Demo/_apis/wit/queries/" + query.path("id").asText() + "?$expand=1&" + V),
            200);
    assertThat(numeric.path("wiql").asText()).isEqualTo(wiql);

    JsonNode shallow = ok(http.get("Demo/_apis/wit/queries/Shared%20Queries?" + V), 200);
    assertThat(shallow.has("children")).isFalse();
    assertThat(shallow.path("hasChildren").asBoolean()).isTrue();
    JsonNode deep =
        ok(http.get("Demo/_apis/wit/queries/Shared%20Queries?$depth=2&$expand=all&" + V), 200);
    JsonNode teamA = find(deep.path("children"), "Team A");
    assertThat(names(teamA.path("children"))).containsExactly("Open work");
    assertThat(teamA.path("children").get(0).path("wiql").asText()).isEqualTo(wiql);
    Http.Res tooDeep = http.get("Demo/_apis/wit/queries?$depth=3&" + V);
    assertThat(tooDeep.status()).isEqualTo(400);
    assertThat(tooDeep.json().path("message").asText()).contains("$depth");
  }

  @Test
  void aSavedQueryRunsByIdThroughWiql() {
    for (String title : List.of("run me 1", "run me 2")) {
      Http.Res c =
          http.send(
              "POST",
              "Demo/_apis/wit/workitems/$Task?" + V,
              List.of(Map.of("op", "add", "path", "/fields/System.Title", "value", title)),
              "application/json-patch+json");
      assertThat(c.status()).as(c.body()).isEqualTo(200);
    }
    JsonNode query =
        ok(
            http.post(
                "Demo/_apis/wit/queries/My%20Queries?" + V,
                Map.of(
                    "name",
                    "Run me",
                    "wiql",
                    "SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS 'run me'")),
            200);
    assertThat(query.path("isPublic").asBoolean(true)).isFalse();
    JsonNode result =
        ok(http.get("Demo/_apis/wit/wiql/" + query.path("id").asText() + "?" + V), 200);
    assertThat(result.path("queryType").asText()).isEqualTo("flat");
    assertThat(result.path("workItems")).hasSize(2);
    JsonNode top =
        ok(http.get("Demo/_apis/wit/wiql/" + query.path("id").asText() + "?$top=1&" + V), 200);
    assertThat(top.path("workItems")).hasSize(1);
    Http.Res unknown = http.get("Demo/_apis/wit/wiql/" + java.util.UUID.randomUUID() + "?" + V);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("message").asText()).startsWith("TF401243");
  }

  @Test
  void queriesAreRenamedRewrittenMovedAndDeletedWithTheirChildren() {
    JsonNode folder =
        ok(
            http.post(
                "Demo/_apis/wit/queries/Shared%20Queries?" + V,
                Map.of("name", "Old folder", "isFolder", true)),
            200);
    String fid = folder.path("id").asText();
    JsonNode q =
        ok(
            http.post(
                "Demo/_apis/wit/queries/" + fid + "?" + V,
                Map.of("name", "Bugs", "wiql", "SELECT [System.Id] FROM WorkItems")),
            200);
    String qid = q.path("id").asText();
    Http.Res duplicate =
        http.post(
            "Demo/_apis/wit/queries/" + fid + "?" + V,
            Map.of("name", "bugs", "wiql", "SELECT [System.Id] FROM WorkItems"));
    assertThat(duplicate.status()).isEqualTo(409);
    Http.Res badWiql =
        http.post(
            "Demo/_apis/wit/queries/" + fid + "?" + V,
            Map.of("name", "Broken", "wiql", "SELECT FROM"));
    assertThat(badWiql.status()).isEqualTo(400);

    JsonNode renamed =
        ok(
            http.patch(
                "Demo/_apis/wit/queries/" + qid + "?" + V,
                Map.of(
                    "name",
                    "Links",
                    "wiql",
                    "SELECT [System.Id] FROM WorkItemLinks WHERE"
                        + " [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward'"
                        + " MODE (Recursive)")),
            200);
    assertThat(renamed.path("path").asText()).isEqualTo("Shared Queries/Old folder/Links");
    assertThat(renamed.path("queryType").asText()).isEqualTo("tree");

    JsonNode other =
        ok(
            http.post(
                "Demo/_apis/wit/queries/Shared%20Queries?" + V,
                Map.of("name", "New folder", "isFolder", true)),
            200);
    JsonNode moved =
        ok(
            http.post(
                "Demo/_apis/wit/queries/" + other.path("id").asText() + "?" + V, Map.of("id", qid)),
            200);
    assertThat(moved.path("path").asText()).isEqualTo("Shared Queries/New folder/Links");

    assertThat(
            http.delete("Demo/_apis/wit/queries/" + other.path("id").asText() + "?" + V).status())
        .isEqualTo(204);
    assertThat(http.get("Demo/_apis/wit/queries/" + qid + "?" + V).status()).isEqualTo(404);
    assertThat(http.delete("Demo/_apis/wit/queries/Shared%20Queries?" + V).status()).isEqualTo(400);
  }

  private static JsonNode ok(Http.Res r, int status) {
    assertThat(r.status()).as("%s answered %s", r.raw().uri(), r.body()).isEqualTo(status);
    return r.json();
  }

  private static List<String> names(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path("name").asText()));
    return out;
  }

  private static JsonNode find(JsonNode items, String name) {
    for (JsonNode i : items) {
      if (name.equals(i.path("name").asText())) {
        return i;
      }
    }
    throw new AssertionError("no " + name + " in " + Json.write(items));
  }
}
