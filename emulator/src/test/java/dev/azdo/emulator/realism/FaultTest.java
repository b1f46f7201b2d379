package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FaultTest {
  private static final TableKey<Note> REALISM_TEST_NOTES =
      new TableKey<>("realismTestNotes", Note.class);

  private static final ResourceArea AREA =
      new ResourceArea("realismtest", "0f6c7a2e-5b1d-4c3e-9a8f-1e2d3c4b5a69");

  private static final String CONNECTION_DATA = "_apis/connectionData";

  /** A note written by the test route, to see whether a write whose answer was lost committed. */
  record Note(String id, String text) {}

  private static Emulator start(double rate, long seed, double lostShare) {
    return Emulator.create(
            EmulatorConfig.builder()
                .faultRate(rate)
                .faultSeed(seed)
                .lostResponseShare(lostShare)
                .build())
        .start();
  }

  // Outcome of each request: the status, or "reset" when no response arrived.
  private static List<String> outcomes(Emulator e, int n) {
    Http http = new Http(e);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        out.add(Integer.toString(http.get(CONNECTION_DATA).status()));
      } catch (UncheckedIOException reset) {
        out.add("reset");
      }
    }
    return out;
  }

  @Test
  void sameSeedGivesTheSameFaults() {
    List<String> first;
    List<String> second;
    List<String> other;
    try (Emulator e = start(0.4, 42, 0.25)) {
      first = outcomes(e, 60);
    }
    try (Emulator e = start(0.4, 42, 0.25)) {
      second = outcomes(e, 60);
    }
    try (Emulator e = start(0.4, 7, 0.25)) {
      other = outcomes(e, 60);
    }
    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).contains("200", "500", "503", "reset");
    long failures = first.stream().filter(s -> !s.equals("200")).count();
    assertThat(failures).isBetween(10L, 40L);
  }

  @Test
  void injectedErrorsUseTheServiceEnvelope() {
    try (Emulator e = start(1.0, 3, 0)) {
      Http http = new Http(e);
      boolean seen500 = false;
      boolean seen503 = false;
      for (int i = 0; i < 30 && !(seen500 && seen503); i++) {
        try {
          Http.Res r = http.get(CONNECTION_DATA);
          if (r.status() == 500) {
            seen500 = true;
            assertThat(r.json().path("message").asText()).startsWith("TF400898:");
          }
          if (r.status() == 503) {
            seen503 = true;
            assertThat(r.json().path("message").asText()).startsWith("TF246017:");
            assertThat(r.header("Retry-After")).isEqualTo("1");
          }
        } catch (UncheckedIOException reset) {
          // connection resets are the third kind
        }
      }
      assertThat(seen500).isTrue();
      assertThat(seen503).isTrue();
    }
  }

  @Test
  void lostResponseCommitsTheWriteButTheClientSeesAReset() {
    try (Emulator e = start(1.0, 5, 1.0)) {
      Table<Note> notes = e.context().store().table(REALISM_TEST_NOTES);
      e.context().router().area(AREA);
      e.context()
          .router()
          .route(AREA, "notes", UUID.randomUUID().toString(), "_apis/realismtest/notes")
          .versions("1.0", "7.1", "7.1", 1)
          .post(
              req -> {
                String text = req.json().path("text").asText();
                Note n = new Note(UUID.randomUUID().toString(), text);
                e.context().store().run(tx -> tx.put(notes, n.id(), n));
                return n;
              });
      Http http = new Http(e);
      UncheckedIOException seen = null;
      try {
        http.post("_apis/realismtest/notes?api-version=7.1", Json.object().put("text", "hello"));
      } catch (UncheckedIOException reset) {
        seen = reset;
      }
      assertThat(seen).as("the client got no response").isNotNull();
      assertThat(notes.values()).extracting(Note::text).containsExactly("hello");
      JsonNode log = new Control(e).get("requests").json();
      JsonNode last = log.path("value").get(log.path("count").asInt() - 1);
      assertThat(last.path("fault").asText()).isEqualTo("lostResponse");
      assertThat(last.path("status").asInt()).isEqualTo(200);
    }
  }

  @Test
  void lostResponseOfAWorkItemCreateStillCreatesIt() {
    try (Emulator e = start(0, 5, 1.0)) {
      Control control = new Control(e);
      int before = control.get("counts").json().path("workItems").asInt();
      control.put("faults", Json.object().put("rate", 1.0).put("lostResponseShare", 1.0));
      var patch = Json.array();
      patch.addObject().put("op", "add").put("path", "/fields/System.Title").put("value", "lost");
      UncheckedIOException seen = null;
      try {
        new Http(e)
            .send(
                "POST",
                "Demo/_apis/wit/workitems/$Task?api-version=7.1",
                patch,
                "application/json-patch+json");
      } catch (UncheckedIOException reset) {
        seen = reset;
      }
      assertThat(seen).as("the client got no response").isNotNull();
      assertThat(control.get("counts").json().path("workItems").asInt()).isEqualTo(before + 1);
    }
  }

  @Test
  void noFaultsByDefault() {
    try (Emulator e = Emulator.startDefault()) {
      assertThat(outcomes(e, 30)).containsOnly("200");
    }
  }

  @Test
  void faultsCanBeSwitchedOnThroughTheControlApi() {
    try (Emulator e = Emulator.startDefault()) {
      Control control = new Control(e);
      Http.Res set =
          control.put(
              "faults", Json.object().put("rate", 1.0).put("seed", 9).put("lostResponseShare", 0));
      assertThat(set.status()).isEqualTo(200);
      assertThat(set.json().path("rate").asDouble()).isEqualTo(1.0);
      assertThat(outcomes(e, 10)).doesNotContain("200");
      assertThat(control.put("faults", Json.object().put("rate", 2)).status()).isEqualTo(400);
    }
  }
}
