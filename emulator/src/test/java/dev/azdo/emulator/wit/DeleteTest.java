package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.V;
import static dev.azdo.emulator.wit.Wit.createOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeleteTest {
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

  private static int item(String title) {
    return createOk(http, "Bug", title).path("id").asInt();
  }

  @Test
  void deleteMovesTheItemToTheRecycleBin() {
    int id = item("to the bin");
    Http.Res r = http.delete("Demo/_apis/wit/workitems/" + id + "?" + V);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode d = r.json();
    assertThat(d.path("id").asInt()).isEqualTo(id);
    assertThat(d.path("code").asInt()).isEqualTo(200);
    assertThat(d.path("deletedBy").asText()).isEqualTo("Alice Admin <alice@example.com>");
    assertThat(d.path("deletedDate").asText()).endsWith("Z");
    assertThat(d.path("name").asText()).isEqualTo("to the bin");
    assertThat(d.path("project").asText()).isEqualTo("Demo");
    assertThat(d.path("type").asText()).isEqualTo("Bug");
    assertThat(d.path("url").asText()).contains("/_apis/wit/recyclebin/" + id);
    assertThat(Wit.get(http, id, null).status()).isEqualTo(404);
    Http.Res bin = http.get("Demo/_apis/wit/recyclebin?" + V);
    assertThat(bin.status()).isEqualTo(200);
    assertThat(bin.body()).contains("\"id\":" + id);
    Http.Res one = http.get("Demo/_apis/wit/recyclebin/" + id + "?" + V);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("name").asText()).isEqualTo("to the bin");
  }

  @Test
  void restoreBringsTheItemBack() {
    int id = item("restore me");
    http.delete("_apis/wit/workitems/" + id + "?" + V);
    Http.Res r =
        http.send(
            "PATCH",
            "Demo/_apis/wit/recyclebin/" + id + "?" + V,
            Json.object().put("isDeleted", false),
            "application/json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Http.Res back = Wit.get(http, id, null);
    assertThat(back.status()).isEqualTo(200);
    assertThat(back.json().path("fields").path("System.Title").asText()).isEqualTo("restore me");
  }

  @Test
  void destroyFromTheRecycleBinAndDestroyTrueRemoveForGood() {
    int a = item("destroy from bin");
    http.delete("_apis/wit/workitems/" + a + "?" + V);
    assertThat(http.delete("Demo/_apis/wit/recyclebin/" + a + "?" + V).status()).isEqualTo(204);
    assertThat(http.get("Demo/_apis/wit/recyclebin/" + a + "?" + V).status()).isEqualTo(404);
    int b = item("destroy now");
    assertThat(http.delete("_apis/wit/workitems/" + b + "?destroy=true&" + V).status())
        .isEqualTo(204);
    assertThat(http.get("Demo/_apis/wit/recyclebin/" + b + "?" + V).status()).isEqualTo(404);
    assertThat(http.get("_apis/wit/workItems/" + b + "/revisions?" + V).status()).isEqualTo(404);
  }

  @Test
  void deletingAChildLeavesItsParentWritableAndRestoringItBringsTheLinkBack() {
    int parent = item("parent of a deleted child");
    int child = item("child to delete");
    Http.Res linked =
        Wit.update(
            http,
            parent,
            Wit.patch(
                "add",
                "/relations/-",
                Wit.relation("System.LinkTypes.Hierarchy-Forward", Wit.itemUrl(emulator, child))),
            null);
    assertThat(linked.status()).as(linked.body()).isEqualTo(200);
    assertThat(http.delete("_apis/wit/workitems/" + child + "?" + V).status()).isEqualTo(200);

    Http.Res renamed =
        Wit.update(
            http, parent, Wit.patch("replace", "/fields/System.Title", "parent, renamed"), null);
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    assertThat(
            renamed.json().path("relations").isMissingNode()
                || renamed.json().path("relations").isEmpty())
        .as("the link to the deleted child is hidden")
        .isTrue();
    Http.Res comment =
        http.post(
            "Demo/_apis/wit/workItems/" + parent + "/comments?api-version=7.1-preview.4",
            Json.object().put("text", "still writable"));
    assertThat(comment.status()).as(comment.body()).isEqualTo(200);

    http.send(
        "PATCH",
        "Demo/_apis/wit/recyclebin/" + child + "?" + V,
        Json.object().put("isDeleted", false),
        "application/json");
    JsonNode back = Wit.get(http, parent, "$expand=relations").json();
    assertThat(back.path("relations").get(0).path("url").asText())
        .endsWith("/_apis/wit/workItems/" + child);
  }

  @Test
  void deletingAMissingItemIs404() {
    Http.Res r = http.delete("_apis/wit/workitems/5555555?" + V);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).startsWith("TF401232");
  }

  @Test
  void workItemsDeleteReportsEachId() {
    int a = item("bulk a");
    Http.Res r =
        http.post(
            "Demo/_apis/wit/workitemsdelete?" + V,
            Json.object().set("ids", Json.array().add(a).add(8888888)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode results = r.json().path("results");
    assertThat(results.get(0).path("id").asInt()).isEqualTo(a);
    assertThat(results.get(0).path("code").asInt()).isEqualTo(200);
    assertThat(results.get(1).path("code").asInt()).isEqualTo(404);
    assertThat(results.get(1).path("message").asText()).startsWith("TF401232");
    int b = item("bulk destroy");
    ObjectNodeBuilder destroy = new ObjectNodeBuilder();
    Http.Res d = http.post("Demo/_apis/wit/workitemsdelete?" + V, destroy.ids(b).destroy());
    assertThat(d.status()).isEqualTo(204);
    assertThat(Wit.get(http, b, null).status()).isEqualTo(404);
  }

  @Test
  void workItemsBatchReadsManyWithFieldsAndOmitsMissing() {
    int a = item("batch a");
    int b = item("batch b");
    com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
    body.set("ids", Json.array().add(a).add(b).add(9999991));
    body.set("fields", Json.array().add("System.Title").add("System.State"));
    body.put("errorPolicy", "omit");
    Http.Res r = http.post("Demo/_apis/wit/workitemsbatch?" + V, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(3);
    JsonNode first = r.json().path("value").get(0);
    assertThat(first.path("fields").size()).isEqualTo(2);
    assertThat(first.path("fields").path("System.Title").asText()).isEqualTo("batch a");
    assertThat(r.json().path("value").get(2).isNull()).isTrue();
    body.remove("errorPolicy");
    assertThat(http.post("Demo/_apis/wit/workitemsbatch?" + V, body).status()).isEqualTo(404);
  }

  /** Builds a workitemsdelete body. */
  private static final class ObjectNodeBuilder {
    private final com.fasterxml.jackson.databind.node.ObjectNode n = Json.object();

    ObjectNodeBuilder ids(int... ids) {
      com.fasterxml.jackson.databind.node.ArrayNode a = n.putArray("ids");
      for (int i : ids) {
        a.add(i);
      }
      return this;
    }

    com.fasterxml.jackson.databind.node.ObjectNode destroy() {
      n.put("destroy", true);
      return n;
    }
  }
}
