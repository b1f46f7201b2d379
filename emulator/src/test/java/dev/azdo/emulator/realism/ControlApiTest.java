package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ControlApiTest {
  static Emulator emulator;
  static Http http;
  static Control control;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    control = new Control(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void controlApiRefusesCallsWithoutTheAdminToken() {
    Http.Res r =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/counts")).build());
    assertThat(r.status()).isEqualTo(401);
    Http.Res pat =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/counts"))
                .header("Authorization", "Bearer emulator-pat")
                .build());
    assertThat(pat.status()).isEqualTo(401);
  }

  @Test
  void requestLogNamesMethodPathStatusVersionAndWiqlText() {
    control.send("DELETE", "requests", null);
    http.get("_apis/connectionData?api-version=7.1-preview.1");
    http.post(
        "Demo/_apis/wit/wiql?api-version=7.1",
        Json.object().put("query", "SELECT [System.Id] FROM WorkItems"));
    JsonNode log = control.get("requests").json();
    assertThat(log.path("count").asInt()).isEqualTo(2);
    JsonNode first = log.path("value").get(0);
    assertThat(first.path("method").asText()).isEqualTo("GET");
    assertThat(first.path("path").asText()).isEqualTo("/demo/_apis/connectionData");
    assertThat(first.path("status").asInt()).isEqualTo(200);
    assertThat(first.path("apiVersion").asText()).isEqualTo("7.1-preview.1");
    assertThat(first.path("user").asText()).isEqualTo("alice@example.com");
    JsonNode wiql = log.path("value").get(1);
    assertThat(wiql.path("method").asText()).isEqualTo("POST");
    assertThat(wiql.path("wiql").asText()).isEqualTo("SELECT [System.Id] FROM WorkItems");
  }

  @Test
  void requestLogCountsTheWorkItemOperationsEachCallCarried() {
    control.send("DELETE", "requests", null);
    var batch = Json.array();
    for (int i = 0; i < 3; i++) {
      var op = batch.addObject();
      op.put("method", "PATCH").put("uri", "/Demo/_apis/wit/workitems/$Task?api-version=7.1");
      op.putObject("headers").put("Content-Type", "application/json-patch+json");
      op.putArray("body")
          .addObject()
          .put("op", "add")
          .put("path", "/fields/System.Title")
          .put("value", "logged " + i);
    }
    // Not throttled: the log still tells how many operations a $batch carried.
    assertThat(http.post("_apis/wit/$batch?api-version=7.1", batch).status()).isEqualTo(200);
    http.get("_apis/connectionData");
    JsonNode log = control.get("requests").json().path("value");
    assertThat(log.get(0).path("path").asText()).endsWith("/_apis/wit/$batch");
    assertThat(log.get(0).path("operations").asInt()).isEqualTo(3);
    assertThat(log.get(1).path("operations").asInt()).isZero();
  }

  @Test
  void countsReportRequestsByStatus() {
    control.send("DELETE", "requests", null);
    http.get("_apis/connectionData");
    new Http(emulator.url(), "bad").get("_apis/connectionData");
    JsonNode counts = control.get("counts").json();
    assertThat(counts.path("workItems").isInt()).isTrue();
    assertThat(counts.path("projects").isInt()).isTrue();
    assertThat(counts.at("/requests/total").asInt()).isEqualTo(2);
    assertThat(counts.at("/requests/byStatus/200").asInt()).isEqualTo(1);
    assertThat(counts.at("/requests/byStatus/401").asInt()).isEqualTo(1);
  }

  @Test
  void resetClearsTheLogAndReseeds() {
    int seededProjects = control.get("counts").json().path("projects").asInt();
    http.get("_apis/connectionData");
    Http.Res r = control.post("reset", "");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/requests/total").asInt()).isZero();
    assertThat(r.json().path("projects").asInt()).isEqualTo(seededProjects);
    assertThat(control.get("requests").json().path("count").asInt()).isZero();
    assertThat(http.get("_apis/connectionData").status()).isEqualTo(200);
  }

  @Test
  void clockMovesForwardOnly() {
    JsonNode before = control.get("clock").json();
    JsonNode after = control.post("clock", Json.object().put("advanceSeconds", 3600)).json();
    assertThat(after.path("offsetSeconds").asDouble())
        .isEqualTo(before.path("offsetSeconds").asDouble() + 3600);
    assertThat(control.post("clock", Json.object().put("advanceSeconds", -1)).status())
        .isEqualTo(400);
  }

  @Test
  void latencyHoldsEveryRequest() {
    try (Emulator slow = Emulator.create(EmulatorConfig.builder().latencyMs(150).build()).start()) {
      Http h = new Http(slow);
      long start = System.nanoTime();
      assertThat(h.get("_apis/connectionData").status()).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
      JsonNode l = new Control(slow).get("latency").json();
      assertThat(l.path("latencyMs").asInt()).isEqualTo(150);
    }
  }

  @Test
  void unknownControlResourceIs404() {
    assertThat(control.get("nothing").status()).isEqualTo(404);
  }
}
