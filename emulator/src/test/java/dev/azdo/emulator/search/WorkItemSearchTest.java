package dev.azdo.emulator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Work item search over real HTTP: text in title, description, tags and comments; filters. */
class WorkItemSearchTest {
  private static final String SEARCH =
      "_apis/search/workitemsearchresults?api-version=7.1-preview.1";
  private static Emulator emulator;
  private static Http http;
  private static int titleHit;
  private static int descriptionHit;
  private static int tagHit;
  private static int commentHit;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    titleHit = create("Task", "Rotate the zeppelin keys", null, null);
    descriptionHit =
        create("Bug", "Unrelated title", "<p>The <b>zeppelin</b> hangar leaks</p>", null);
    tagHit = create("Task", "Another task", null, "zeppelin; ops");
    commentHit = create("Task", "Quiet task", null, null);
    Http.Res c =
        http.post(
            "Demo/_apis/wit/workItems/" + commentHit + "/comments?api-version=7.1-preview.4",
            Map.of("text", "Ask the zeppelin crew"));
    assertThat(c.status()).as(c.body()).isEqualTo(200);
    create("Task", "Nothing to see", "plain text", "other");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aWordIsFoundInTitleDescriptionTagsAndComments() {
    JsonNode r = search(Map.of("searchText", "zeppelin", "$top", 10));
    assertThat(r.path("count").asInt()).isEqualTo(4);
    assertThat(ids(r)).containsExactlyInAnyOrder(titleHit, descriptionHit, tagHit, commentHit);
    // The title hit ranks first.
    assertThat(r.path("results").get(0).path("fields").path("system.id").asText())
        .isEqualTo(Integer.toString(titleHit));
    JsonNode first = r.path("results").get(0);
    assertThat(first.path("fields").path("system.title").asText())
        .isEqualTo("Rotate the zeppelin keys");
    assertThat(first.path("fields").path("system.workitemtype").asText()).isEqualTo("Task");
    assertThat(first.path("project").path("name").asText()).isEqualTo("Demo");
    assertThat(first.path("url").asText()).endsWith("/_apis/wit/workItems/" + titleHit);
    assertThat(first.path("hits").get(0).path("fieldReferenceName").asText())
        .isEqualTo("system.title");
    assertThat(first.path("hits").get(0).path("highlights").get(0).asText())
        .isEqualTo("Rotate the <highlighthit>zeppelin</highlighthit> keys");
    assertThat(r.path("infoCode").asInt()).isZero();
  }

  @Test
  void everyWordMustMatchAndPrefixesMatchWordStarts() {
    assertThat(ids(search(Map.of("searchText", "zeppelin hangar"))))
        .containsExactly(descriptionHit);
    assertThat(ids(search(Map.of("searchText", "zepp*")))).hasSize(4);
    assertThat(ids(search(Map.of("searchText", "eppelin")))).isEmpty();
  }

  @Test
  void filtersPagingOrderAndFacetsAreApplied() {
    JsonNode bugs =
        search(
            Map.of(
                "searchText",
                "zeppelin",
                "filters",
                Map.of(
                    "System.WorkItemType", List.of("Bug"), "System.TeamProject", List.of("Demo"))));
    assertThat(ids(bugs)).containsExactly(descriptionHit);
    JsonNode page =
        search(
            Map.of(
                "searchText",
                "zeppelin",
                "$skip",
                1,
                "$top",
                2,
                "$orderBy",
                List.of(Map.of("field", "system.id", "sortOrder", "ASC")),
                "includeFacets",
                true));
    assertThat(page.path("count").asInt()).isEqualTo(4);
    assertThat(ids(page)).containsExactly(descriptionHit, tagHit);
    JsonNode types = page.path("facets").path("System.WorkItemType");
    assertThat(types.get(0).path("name").asText()).isEqualTo("Task");
    assertThat(types.get(0).path("resultCount").asInt()).isEqualTo(3);
    Http.Res project = http.post("Demo/" + SEARCH, Map.of("searchText", "zeppelin"));
    assertThat(project.status()).isEqualTo(200);
    assertThat(project.json().path("count").asInt()).isEqualTo(4);
    assertThat(http.post(SEARCH, Map.of("searchText", " ")).status()).isEqualTo(400);
  }

  private static JsonNode search(Map<String, Object> body) {
    Http.Res r = http.post(SEARCH, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<Integer> ids(JsonNode r) {
    List<Integer> out = new ArrayList<>();
    r.path("results")
        .forEach(x -> out.add(Integer.parseInt(x.path("fields").path("system.id").asText())));
    return out;
  }

  private static int create(String type, String title, String description, String tags) {
    List<Map<String, Object>> patch = new ArrayList<>();
    patch.add(Map.of("op", "add", "path", "/fields/System.Title", "value", title));
    if (description != null) {
      patch.add(Map.of("op", "add", "path", "/fields/System.Description", "value", description));
    }
    if (tags != null) {
      patch.add(Map.of("op", "add", "path", "/fields/System.Tags", "value", tags));
    }
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$" + type + "?api-version=7.1",
            patch,
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("id").asInt();
  }
}
