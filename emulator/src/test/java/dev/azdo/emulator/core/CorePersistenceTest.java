package dev.azdo.emulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorePersistenceTest {

  /** A status and JSON body. */
  record Res(int status, JsonNode json) {}

  // One request per connection ("Connection: close"), so the emulator can stop at once between
  // the two runs; java.net.http keeps connections alive, which holds up Jetty's graceful stop.
  static Res send(Emulator e, String method, String path, Object body) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(e.url() + "/" + path).toURL().openConnection();
      c.setRequestMethod(method);
      c.setRequestProperty("Authorization", "Basic OmVtdWxhdG9yLXBhdA==");
      c.setRequestProperty("X-TFS-FedAuthRedirect", "Suppress");
      c.setRequestProperty("Connection", "close");
      if (body != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
          out.write(Json.bytes(body));
        }
      }
      int status = c.getResponseCode();
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Res(status, text.isEmpty() ? null : Json.parse(text));
      } finally {
        c.disconnect();
      }
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  @Test
  void projectsAndTeamsSurviveARestartWithTheSameIds(@TempDir Path dir) {
    String demoId;
    String createdId;
    EmulatorConfig config = EmulatorConfig.builder().dataDir(dir).process("scrum").build();
    try (Emulator first = Emulator.create(config).start()) {
      demoId =
          send(first, "GET", "_apis/projects/Demo?api-version=7.1", null)
              .json()
              .path("id")
              .asText();
      Res r =
          send(
              first,
              "POST",
              "_apis/projects?api-version=7.1",
              CoreApiTest.createBody("Kept", CoreApiTest.AGILE));
      assertThat(r.status()).isEqualTo(202);
      String op = "_apis/operations/" + r.json().path("id").asText() + "?api-version=7.1";
      send(first, "GET", op, null);
      assertThat(send(first, "GET", op, null).json().path("status").asText())
          .isEqualTo("succeeded");
      createdId =
          send(first, "GET", "_apis/projects/Kept?api-version=7.1", null)
              .json()
              .path("id")
              .asText();
    }
    try (Emulator second = Emulator.create(config).start()) {
      JsonNode demo =
          send(second, "GET", "_apis/projects/Demo?includeCapabilities=true&api-version=7.1", null)
              .json();
      assertThat(demo.path("id").asText()).isEqualTo(demoId);
      assertThat(demo.at("/capabilities/processTemplate/templateName").asText()).isEqualTo("Scrum");
      Res kept = send(second, "GET", "_apis/projects/" + createdId + "?api-version=7.1", null);
      assertThat(kept.status()).isEqualTo(200);
      assertThat(kept.json().path("state").asText()).isEqualTo("wellFormed");
      Res team = send(second, "GET", "_apis/projects/Kept/teams/Kept%20Team?api-version=7.1", null);
      assertThat(team.status()).isEqualTo(200);
    }
  }

  @Test
  void theSeededProjectIdIsTheSameOnEveryFreshStart() {
    String a;
    try (Emulator one = Emulator.startDefault()) {
      a = send(one, "GET", "_apis/projects/Demo?api-version=7.1", null).json().path("id").asText();
    }
    try (Emulator two = Emulator.startDefault()) {
      assertThat(
              send(two, "GET", "_apis/projects/Demo?api-version=7.1", null)
                  .json()
                  .path("id")
                  .asText())
          .isEqualTo(a);
    }
  }

  @Test
  void anUnknownProcessFailsTheStartWithAClearMessage() {
    EmulatorConfig config = EmulatorConfig.builder().process("Waterfall").build();
    assertThatThrownBy(() -> Emulator.create(config).start())
        .hasMessageContaining("Waterfall")
        .hasMessageContaining("Agile, Scrum, Basic or CMMI");
  }
}
