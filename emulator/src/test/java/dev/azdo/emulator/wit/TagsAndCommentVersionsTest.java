package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static dev.azdo.emulator.wit.Wit.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Work item tags, comment versions and attachment relations, over real HTTP. */
class TagsAndCommentVersionsTest {
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
  void tagsOnWorkItemsAreListedReadRenamedAndDeleted() {
    int a = createOk(http, "Task", "tagged a").path("id").asInt();
    int b = createOk(http, "Task", "tagged b").path("id").asInt();
    assertThat(
            update(http, a, patch("add", "/fields/System.Tags", "Backend; urgent"), null).status())
        .isEqualTo(200);
    assertThat(update(http, b, patch("add", "/fields/System.Tags", "backend"), null).status())
        .isEqualTo(200);
    JsonNode list = http.get("Demo/_apis/wit/tags?api-version=7.1").json();
    assertThat(names(list.path("value"))).contains("Backend", "urgent");
    assertThat(list.path("count").asInt()).isEqualTo(list.path("value").size());
    JsonNode urgent = http.get("Demo/_apis/wit/tags/URGENT?api-version=7.1").json();
    assertThat(urgent.path("name").asText()).isEqualTo("urgent");
    JsonNode byId =
        http.get("Demo/_apis/wit/tags/" + urgent.path("id").asText() + "?api-version=7.1").json();
    assertThat(byId.path("name").asText()).isEqualTo("urgent");
    assertThat(http.get("Demo/_apis/wit/tags/nosuchtag?api-version=7.1").status()).isEqualTo(404);

    Http.Res renamed =
        http.send(
            "PATCH",
            "Demo/_apis/wit/tags/backend?api-version=7.1",
            Json.object().put("name", "server"),
            "application/json");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(renamed.json().path("name").asText()).isEqualTo("server");
    assertThat(tags(a)).isEqualTo("server; urgent");
    assertThat(tags(b)).isEqualTo("server");

    assertThat(http.delete("Demo/_apis/wit/tags/urgent?api-version=7.1").status()).isEqualTo(204);
    assertThat(tags(a)).isEqualTo("server");
    assertThat(names(http.get("Demo/_apis/wit/tags?api-version=7.1").json().path("value")))
        .doesNotContain("urgent", "Backend", "backend");
  }

  @Test
  void aTagWrittenInAnotherCaseTakesTheSpellingOfTheTagThatExists() {
    int a = createOk(http, "Task", "first spelling").path("id").asInt();
    int b = createOk(http, "Task", "second spelling").path("id").asInt();
    update(http, a, patch("add", "/fields/System.Tags", "Mixed-Case"), null);
    update(http, b, patch("add", "/fields/System.Tags", "MIXED-case; fresh-one"), null);
    assertThat(tags(b)).isEqualTo("Mixed-Case; fresh-one");

    // A rename to another case is the new spelling for later writes too.
    http.send(
        "PATCH",
        "Demo/_apis/wit/tags/mixed-case?api-version=7.1",
        Json.object().put("name", "mixed-case"),
        "application/json");
    int c = createOk(http, "Task", "third spelling").path("id").asInt();
    update(http, c, patch("add", "/fields/System.Tags", "MIXED-CASE"), null);
    assertThat(tags(a)).isEqualTo("mixed-case");
    assertThat(tags(c)).isEqualTo("mixed-case");
  }

  @Test
  void everyVersionOfACommentIsKept() {
    int id = createOk(http, "Task", "discussed").path("id").asInt();
    String base = "Demo/_apis/wit/workItems/" + id + "/comments";
    JsonNode c =
        http.post(base + "?api-version=7.1-preview.4", Json.object().put("text", "first")).json();
    int cid = c.path("id").asInt();
    Http.Res edited =
        http.send(
            "PATCH",
            base + "/" + cid + "?api-version=7.1-preview.4",
            Json.object().put("text", "second"),
            "application/json");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    Http.Res versions = http.get(base + "/" + cid + "/versions?api-version=7.1-preview.1");
    assertThat(versions.status()).as(versions.body()).isEqualTo(200);
    JsonNode v = versions.json();
    assertThat(v.path("count").asInt()).isEqualTo(2);
    assertThat(v.path("value").get(0).path("text").asText()).isEqualTo("first");
    assertThat(v.path("value").get(1).path("text").asText()).isEqualTo("second");
    assertThat(v.path("value").get(1).path("version").asInt()).isEqualTo(2);
    JsonNode one = http.get(base + "/" + cid + "/versions/1?api-version=7.1-preview.1").json();
    assertThat(one.path("text").asText()).isEqualTo("first");
    assertThat(one.path("url").asText()).endsWith("/comments/" + cid + "/versions/1");
    assertThat(http.get(base + "/" + cid + "/versions/3?api-version=7.1-preview.1").status())
        .isEqualTo(404);
  }

  @Test
  void anAttachedFileRelationIsStoredAsTheServiceStoresIt() {
    Http.Res up =
        http.send(
            "POST",
            "Demo/_apis/wit/attachments?fileName=notes.txt&api-version=7.1",
            "twelve bytes",
            "application/octet-stream");
    assertThat(up.status()).isEqualTo(201);
    String url = up.json().path("url").asText();
    assertThat(url).contains("?fileName=notes.txt");
    int id = createOk(http, "Task", "with a file").path("id").asInt();
    var rel = Json.object().put("rel", "AttachedFile").put("url", url);
    rel.putObject("attributes").put("comment", "the notes");
    Http.Res r = update(http, id, patch("add", "/relations/-", rel), "$expand=relations");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode relation = r.json().path("relations").get(0);
    assertThat(relation.path("url").asText())
        .doesNotContain("?")
        .endsWith(up.json().path("id").asText());
    JsonNode attrs = relation.path("attributes");
    assertThat(attrs.path("name").asText()).isEqualTo("notes.txt");
    assertThat(attrs.path("resourceSize").asLong()).isEqualTo(12);
    assertThat(attrs.path("comment").asText()).isEqualTo("the notes");
    assertThat(attrs.path("id").isInt()).isTrue();
    assertThat(attrs.path("revisedDate").asText()).isEqualTo("9999-01-01T00:00:00Z");
    for (String date : List.of("authorizedDate", "resourceCreatedDate", "resourceModifiedDate")) {
      assertThat(attrs.path(date).asText()).as(date).endsWith("Z");
    }
    assertThat(r.json().path("fields").path("System.AttachedFileCount").asInt()).isEqualTo(1);
    // The relation stays as stored when the item is changed again.
    JsonNode again =
        update(http, id, patch("add", "/fields/System.Title", "renamed"), "$expand=relations")
            .json();
    assertThat(again.path("relations").get(0).path("attributes")).isEqualTo(attrs);
  }

  private static String tags(int id) {
    return Wit.get(http, id, null).json().path("fields").path("System.Tags").asText();
  }

  private static List<String> names(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add(i.path("name").asText()));
    return out;
  }
}
