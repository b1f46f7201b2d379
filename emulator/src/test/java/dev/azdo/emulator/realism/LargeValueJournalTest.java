package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values as large as the service accepts (a 16 MB attachment is a 22-million-character journal
 * line) come back after a crash and after a restart, and the writes after them too.
 */
class LargeValueJournalTest {
  private static final int SIXTEEN_MB = 16 * 1024 * 1024;

  @TempDir Path tmp;

  private static Emulator start(Path data) {
    return Emulator.create(EmulatorConfig.builder().dataDir(data).build()).start();
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String f : new String[] {"snapshot.jsonl", "journal.jsonl"}) {
      if (Files.exists(from.resolve(f))) {
        Files.copy(from.resolve(f), to.resolve(f));
      }
    }
  }

  private static HttpRequest.Builder request(Emulator e, String path) {
    return HttpRequest.newBuilder(URI.create(e.url() + "/" + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(":emulator-pat".getBytes(StandardCharsets.UTF_8)));
  }

  private static String upload(Emulator e, byte[] bytes) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                request(e, "Demo/_apis/wit/attachments?fileName=big.bin&api-version=7.1")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Json.parse(r.body()).path("id").asText();
  }

  private static byte[] download(Emulator e, String id) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                request(e, "_apis/wit/attachments/" + id + "?api-version=7.1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static int createTask(Http http, String title) {
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$Task?api-version=7.1",
            Json.array()
                .add(
                    Json.object()
                        .put("op", "add")
                        .put("path", "/fields/System.Title")
                        .put("value", title)),
            "application/json-patch+json");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("id").asInt();
  }

  private static String title(Http http, int id) {
    return http.get("_apis/wit/workitems/" + id + "?api-version=7.1")
        .json()
        .at("/fields/System.Title")
        .asText(null);
  }

  @Test
  void aSixteenMegabyteAttachmentAndTheWritesAfterItSurviveACrashAndTwoRestarts() throws Exception {
    byte[] big = new byte[SIXTEEN_MB];
    new Random(13).nextBytes(big);
    Path live = tmp.resolve("live");
    Path crashed = tmp.resolve("crashed");
    String attachment;
    int after;
    try (Emulator e = start(live)) {
      attachment = upload(e, big);
      after = createTask(new Http(e), "written after the big attachment");
      // What a kill -9 leaves behind: the journal, never compacted.
      copy(live, crashed);
    }
    try (Emulator e = start(crashed)) {
      assertThat(download(e, attachment)).isEqualTo(big);
      assertThat(title(new Http(e), after)).isEqualTo("written after the big attachment");
    }
    // The first restart compacted everything into the snapshot; the second reads it back.
    try (Emulator e = start(crashed)) {
      assertThat(download(e, attachment)).isEqualTo(big);
      assertThat(title(new Http(e), after)).isEqualTo("written after the big attachment");
    }
  }

  @Test
  void aDamagedLineWithLinesAfterItStopsTheStartAndLeavesTheDataAsItWas() throws Exception {
    Path live = tmp.resolve("live");
    Path crashed = tmp.resolve("crashed");
    int first;
    try (Emulator e = start(live)) {
      first = createTask(new Http(e), "before the damage");
      copy(live, crashed);
    }
    Path journal = crashed.resolve("journal.jsonl");
    String lines = Files.readString(journal);
    Files.writeString(journal, "{\"c\":[{\"t\":\n" + lines, StandardOpenOption.TRUNCATE_EXISTING);
    byte[] snapshot = Files.readAllBytes(crashed.resolve("snapshot.jsonl"));
    byte[] damaged = Files.readAllBytes(journal);

    assertThatThrownBy(() -> start(crashed))
        .hasMessageContaining("line 1 of " + journal)
        .hasMessageContaining("is damaged and later lines follow it");
    assertThat(Files.readAllBytes(journal)).isEqualTo(damaged);
    assertThat(Files.readAllBytes(crashed.resolve("snapshot.jsonl"))).isEqualTo(snapshot);
    assertThat(first).isPositive();
  }
}
