package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.V;
import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchTest {
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

  private static ObjectNode op(String uri, ArrayNode body) {
    ObjectNode o = Json.object();
    o.put("method", "PATCH");
    o.put("uri", uri);
    o.putObject("headers").put("Content-Type", "application/json-patch+json");
    o.set("body", body);
    return o;
  }

  private static Http.Res batch(ArrayNode ops) {
    return http.post("_apis/wit/$batch?" + V, ops);
  }

  private static JsonNode body(JsonNode result) {
    return Json.parse(result.path("body").asText());
  }

  @Test
  void batchCreatesAParentAndAChildLinkedByTemporaryIds() {
    ArrayNode ops = Json.array();
    ArrayNode parent = patch("add", "/id", -1, "add", "/fields/System.Title", "Epic parent");
    ops.add(op("/Demo/_apis/wit/workitems/$Epic?api-version=7.1", parent));
    ArrayNode child = patch("add", "/id", -2, "add", "/fields/System.Title", "Child story");
    child
        .addObject()
        .put("op", "add")
        .put("path", "/relations/-")
        .set(
            "value",
            Wit.relation(
                "System.LinkTypes.Hierarchy-Reverse", emulator.url() + "/_apis/wit/workItems/-1"));
    ops.add(op("/Demo/_apis/wit/workitems/$User%20Story?api-version=7.1", child));
    Http.Res r = batch(ops);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(2);
    JsonNode first = r.json().path("value").get(0);
    assertThat(first.path("code").asInt()).as(first.toString()).isEqualTo(200);
    assertThat(first.path("headers").path("Content-Type").asText()).startsWith("application/json");
    int parentId = body(first).path("id").asInt();
    JsonNode second = r.json().path("value").get(1);
    assertThat(second.path("code").asInt()).as(second.toString()).isEqualTo(200);
    JsonNode childItem = body(second);
    assertThat(childItem.path("relations").get(0).path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/wit/workItems/" + parentId);
    JsonNode parentNow =
        Wit.get(http, parentId, "$expand=relations").json().path("relations").get(0);
    assertThat(parentNow.path("rel").asText()).isEqualTo("System.LinkTypes.Hierarchy-Forward");
    assertThat(parentNow.path("url").asText())
        .endsWith("/workItems/" + childItem.path("id").asInt());
  }

  @Test
  void temporaryIdsGivenAsStringsWorkAsMicrosoftsMcpServerSendsThem() {
    int parent = createOk(http, "Epic", "existing parent").path("id").asInt();
    ArrayNode child = patch("add", "/id", "-1", "add", "/fields/System.Title", "MCP child");
    child
        .addObject()
        .put("op", "add")
        .put("path", "/relations/-")
        .set(
            "value",
            Wit.relation(
                "System.LinkTypes.Hierarchy-Reverse",
                emulator.url() + "/_apis/wit/workItems/" + parent));
    Http.Res r =
        batch(Json.array().add(op("/Demo/_apis/wit/workitems/$Feature?api-version=7.1", child)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode first = r.json().path("value").get(0);
    assertThat(first.path("code").asInt()).as(first.toString()).isEqualTo(200);
    assertThat(body(first).path("id").asInt()).isPositive();
    assertThat(body(first).path("fields").path("System.Parent").asInt()).isEqualTo(parent);
  }

  @Test
  void oneFailingOperationDoesNotFailTheOthers() {
    int existing = createOk(http, "Task", "to update").path("id").asInt();
    ArrayNode ops = Json.array();
    ops.add(
        op(
            "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
            patch("add", "/fields/System.Title", "good")));
    ops.add(
        op(
            "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
            patch("add", "/fields/System.Description", "no title")));
    ops.add(
        op(
            "/_apis/wit/workitems/" + existing + "?api-version=7.1",
            patch("add", "/fields/System.Title", "updated in batch")));
    ops.add(
        op(
            "/_apis/wit/workitems/999999?api-version=7.1",
            patch("add", "/fields/System.Title", "missing")));
    Http.Res r = batch(ops);
    assertThat(r.status()).isEqualTo(200);
    JsonNode v = r.json().path("value");
    assertThat(v.get(0).path("code").asInt()).isEqualTo(200);
    assertThat(v.get(1).path("code").asInt()).isEqualTo(400);
    assertThat(body(v.get(1)).path("message").asText()).startsWith("TF401320");
    assertThat(body(v.get(1)).path("typeKey").asText()).isEqualTo("RuleValidationException");
    assertThat(v.get(2).path("code").asInt()).isEqualTo(200);
    assertThat(body(v.get(2)).path("rev").asInt()).isEqualTo(2);
    assertThat(v.get(3).path("code").asInt()).isEqualTo(404);
    assertThat(Wit.get(http, existing, null).json().path("fields").path("System.Title").asText())
        .isEqualTo("updated in batch");
  }

  @Test
  void batchHonoursBypassRulesInTheOperationUri() {
    ArrayNode ops = Json.array();
    ops.add(
        op(
            "/Demo/_apis/wit/workitems/$Task?api-version=7.1&bypassRules=true",
            patch(
                "add",
                "/fields/System.Title",
                "imported",
                "add",
                "/fields/System.CreatedDate",
                "2019-06-01T10:00:00Z")));
    Http.Res r = batch(ops);
    JsonNode item = body(r.json().path("value").get(0));
    assertThat(item.path("fields").path("System.CreatedDate").asText())
        .isEqualTo("2019-06-01T10:00:00.000Z");
  }

  @Test
  void batchRefusesMoreThan200Operations() {
    ArrayNode ops = Json.array();
    for (int i = 0; i < 201; i++) {
      ops.add(
          op(
              "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
              patch("add", "/fields/System.Title", "t" + i)));
    }
    Http.Res r = batch(ops);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).startsWith("VS403474");
  }

  @Test
  void batchOfTwoHundredCreatesAnswersEveryOperation() {
    ArrayNode ops = Json.array();
    for (int i = 0; i < 200; i++) {
      ops.add(
          op(
              "/Demo/_apis/wit/workitems/$Task?api-version=7.1",
              patch("add", "/fields/System.Title", "bulk " + i)));
    }
    Http.Res r = batch(ops);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(200);
    for (JsonNode v : r.json().path("value")) {
      assertThat(v.path("code").asInt()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownTemporaryIdFailsOnlyThatOperation() {
    ArrayNode child = patch("add", "/fields/System.Title", "orphan");
    child
        .addObject()
        .put("op", "add")
        .put("path", "/relations/-")
        .set(
            "value",
            Wit.relation(
                "System.LinkTypes.Hierarchy-Reverse", emulator.url() + "/_apis/wit/workItems/-7"));
    ArrayNode ops = Json.array();
    ops.add(op("/Demo/_apis/wit/workitems/$Task?api-version=7.1", child));
    Http.Res r = batch(ops);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("value").get(0).path("code").asInt()).isEqualTo(400);
  }
}
