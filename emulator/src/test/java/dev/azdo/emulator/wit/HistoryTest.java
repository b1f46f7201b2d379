package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.V;
import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static dev.azdo.emulator.wit.Wit.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HistoryTest {
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

  private static int itemWithThreeRevisions() {
    int id = createOk(http, "Task", "v1").path("id").asInt();
    update(http, id, patch("replace", "/fields/System.Title", "v2"), null);
    update(http, id, patch("add", "/fields/System.AssignedTo", "Bob Builder"), null);
    return id;
  }

  @Test
  void updatesListWhatEachRevisionChanged() {
    int id = itemWithThreeRevisions();
    Http.Res r = http.get("Demo/_apis/wit/workItems/" + id + "/updates?" + V);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(3);
    JsonNode first = r.json().path("value").get(0);
    assertThat(first.path("id").asInt()).isEqualTo(1);
    assertThat(first.path("workItemId").asInt()).isEqualTo(id);
    assertThat(first.path("rev").asInt()).isEqualTo(1);
    assertThat(first.path("revisedBy").path("displayName").asText()).isEqualTo("Alice Admin");
    assertThat(first.path("fields").path("System.Title").path("newValue").asText()).isEqualTo("v1");
    assertThat(first.path("fields").path("System.Title").has("oldValue")).isFalse();
    JsonNode second = r.json().path("value").get(1);
    assertThat(second.path("fields").path("System.Title").path("oldValue").asText())
        .isEqualTo("v1");
    assertThat(second.path("fields").path("System.Title").path("newValue").asText())
        .isEqualTo("v2");
    assertThat(second.path("fields").path("System.Rev").path("newValue").asInt()).isEqualTo(2);
    JsonNode third = r.json().path("value").get(2);
    assertThat(
            third
                .path("fields")
                .path("System.AssignedTo")
                .path("newValue")
                .path("uniqueName")
                .asText())
        .isEqualTo("bob@example.com");
  }

  @Test
  void updatesPageWithTopAndSkipAndOneCanBeRead() {
    int id = itemWithThreeRevisions();
    Http.Res page = http.get("_apis/wit/workItems/" + id + "/updates?$top=1&$skip=1&" + V);
    assertThat(page.json().path("count").asInt()).isEqualTo(1);
    assertThat(page.json().path("value").get(0).path("rev").asInt()).isEqualTo(2);
    Http.Res one = http.get("_apis/wit/workItems/" + id + "/updates/3?" + V);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("id").asInt()).isEqualTo(3);
    assertThat(http.get("_apis/wit/workItems/" + id + "/updates/9?" + V).status()).isEqualTo(404);
  }

  @Test
  void updatesShowRelationsAddedAndRemoved() {
    int a = createOk(http, "Task", "a").path("id").asInt();
    int b = createOk(http, "Task", "b").path("id").asInt();
    com.fasterxml.jackson.databind.node.ArrayNode add = dev.azdo.emulator.http.Json.array();
    add.addObject()
        .put("op", "add")
        .put("path", "/relations/-")
        .set("value", Wit.relation("System.LinkTypes.Related", Wit.itemUrl(emulator, b)));
    update(http, a, add, null);
    com.fasterxml.jackson.databind.node.ArrayNode remove = dev.azdo.emulator.http.Json.array();
    remove.addObject().put("op", "remove").put("path", "/relations/0");
    update(http, a, remove, null);
    JsonNode v = http.get("_apis/wit/workItems/" + a + "/updates?" + V).json().path("value");
    assertThat(v.get(1).path("relations").path("added").get(0).path("url").asText())
        .endsWith("/workItems/" + b);
    assertThat(v.get(2).path("relations").path("removed").get(0).path("rel").asText())
        .isEqualTo("System.LinkTypes.Related");
  }

  @Test
  void revisionsKeepEveryVersionWithRevisedDates() {
    int id = itemWithThreeRevisions();
    Http.Res r = http.get("Demo/_apis/wit/workItems/" + id + "/revisions?" + V);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(3);
    JsonNode first = r.json().path("value").get(0);
    assertThat(first.path("rev").asInt()).isEqualTo(1);
    assertThat(first.path("fields").path("System.Title").asText()).isEqualTo("v1");
    assertThat(first.path("fields").path("System.RevisedDate").asText())
        .isEqualTo(
            r.json().path("value").get(1).path("fields").path("System.ChangedDate").asText());
    JsonNode last = r.json().path("value").get(2);
    assertThat(last.path("fields").path("System.RevisedDate").asText())
        .isEqualTo("9999-01-01T00:00:00Z");
    assertThat(last.path("url").asText()).endsWith("/workItems/" + id + "/revisions/3");
    Http.Res one = http.get("_apis/wit/workItems/" + id + "/revisions/2?" + V);
    assertThat(one.json().path("fields").path("System.Title").asText()).isEqualTo("v2");
    Http.Res paged = http.get("_apis/wit/workItems/" + id + "/revisions?$top=2&$skip=2&" + V);
    assertThat(paged.json().path("count").asInt()).isEqualTo(1);
    assertThat(http.get("_apis/wit/workItems/" + id + "/revisions/4?" + V).status()).isEqualTo(404);
  }

  @Test
  void revisionsOfAMissingItemAre404() {
    Http.Res r = http.get("_apis/wit/workItems/424242/revisions?" + V);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).startsWith("TF401232");
  }
}
