package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.ProfileStore;
import dev.azdo.designer.Designer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job designed against the page's built-in emulator (the launcher `azdo designer` passes) is
 * saved naming the emulator's data folder, not this start's port, so `azdo run` of the saved file
 * after the designer has stopped reaches the same work items and writes nothing twice.
 */
class DesignerEmulatorJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void aJobSavedAgainstTheBuiltInEmulatorRunsLaterFromTheCommandLine() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.writeString(
        work.resolve("bugs.csv"), "Key,Title\nB-1,Login fails\nB-2,Crash on save\nB-3,Typo\n");
    StringWriter started = new StringWriter();
    Designer designer =
        Designer.builder()
            .workspace(work)
            .profiles(new ProfileStore(dir.resolve("config")))
            .env(Map.of())
            .emulator(DesignerCommand.builtInEmulator(new PrintWriter(started, true)))
            .build()
            .start();
    String yaml;
    try {
      assertThat(call(designer, "POST", "connection/emulator", null).path("ok").asBoolean())
          .isTrue();
      ObjectNode body = JSON.createObjectNode().put("file", "job.yaml");
      ObjectNode job = body.putObject("job");
      job.putObject("source").put("path", "bugs.csv");
      job.put("endpoint", "create-workitem").put("project", "Demo").put("type", "Bug");
      job.putArray("mapping").add("Title=System.Title");
      job.put("key", "Key");
      assertThat(call(designer, "POST", "run", body).path("started").asBoolean()).isTrue();
      JsonNode run = call(designer, "GET", "run", null);
      Instant deadline = Instant.now().plusSeconds(60);
      while (run.path("state").asText().equals("running") && Instant.now().isBefore(deadline)) {
        run = call(designer, "GET", "run", null);
      }
      assertThat(run.path("state").asText()).as(run.toString()).isEqualTo("done");
      assertThat(run.path("counts").path("written").asInt()).isEqualTo(3);
      yaml = call(designer, "POST", "job/save", body).path("yaml").asText();
    } finally {
      designer.close();
    }
    assertThat(started.toString()).contains("(data in");
    assertThat(yaml)
        .contains("emulator:")
        .contains("data: " + ".emulator-data/designer")
        .doesNotContain("127.0.0.1")
        .doesNotContain("profile");
    assertThat(Files.readString(work.resolve("job.yaml"))).isEqualTo(yaml);

    // What a person types after closing the designer: the same work items, nothing written twice.
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new String[] {"run", work.resolve("job.yaml").toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Done: read 3, written 0, rejected 0, skipped 3");
  }

  private JsonNode call(Designer designer, String method, String path, JsonNode body)
      throws Exception {
    String token = designer.url().substring(designer.url().indexOf("token=") + 6);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + designer.port() + "/api/" + path + "?token=" + token))
            .timeout(Duration.ofSeconds(60));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
