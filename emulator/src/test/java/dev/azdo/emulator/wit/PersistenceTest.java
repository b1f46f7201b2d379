package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.V;
import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir Path data;

  @Test
  void workItemsHistoryAndCommentsSurviveARestartAndIdsContinue() {
    int id;
    try (Emulator first = Emulator.create(EmulatorConfig.builder().dataDir(data).build()).start()) {
      Http http = new Http(first);
      id = createOk(http, "Task", "durable").path("id").asInt();
      Wit.update(http, id, patch("replace", "/fields/System.Title", "durable v2"), null);
      http.post(
          "Demo/_apis/wit/workItems/" + id + "/comments?api-version=7.1-preview.4",
          Json.object().put("text", "kept"));
    }
    try (Emulator second =
        Emulator.create(EmulatorConfig.builder().dataDir(data).build()).start()) {
      Http http = new Http(second);
      Http.Res r = Wit.get(http, id, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("rev").asInt()).isEqualTo(3);
      assertThat(r.json().path("fields").path("System.Title").asText()).isEqualTo("durable v2");
      assertThat(r.json().path("url").asText()).startsWith(second.url());
      assertThat(
              http.get("_apis/wit/workItems/" + id + "/revisions?" + V)
                  .json()
                  .path("count")
                  .asInt())
          .isEqualTo(3);
      assertThat(
              http.get("Demo/_apis/wit/workItems/" + id + "/comments?api-version=7.1-preview.4")
                  .json()
                  .path("totalCount")
                  .asInt())
          .isEqualTo(1);
      int next = createOk(http, "Task", "after restart").path("id").asInt();
      assertThat(next).isEqualTo(id + 1);
    }
  }
}
