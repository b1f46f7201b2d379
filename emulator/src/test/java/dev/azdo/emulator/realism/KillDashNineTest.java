package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills the emulator process with SIGKILL in the middle of writes and restarts it on its data. */
class KillDashNineTest {
  private static final String LISTENING = "Azure DevOps emulator listening on ";

  @TempDir Path tmp;

  /** A running emulator process and its organization URL. */
  record Child(Process process, String url) {}

  private Child start(Path data, String log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.azdo.emulator.EmulatorMain",
            "--port",
            "0",
            "--data",
            data.toString());
    pb.redirectError(tmp.resolve(log).toFile());
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = CompletableFuture.supplyAsync(() -> readLine(out)).get(120, TimeUnit.SECONDS);
    assertThat(first).startsWith(LISTENING).matches(".*http://127\\.0\\.0\\.1:\\d+/demo$");
    return new Child(p, first.substring(LISTENING.length()));
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Http.Res create(Http http, String title) {
    return http.send(
        "POST",
        "Demo/_apis/wit/workitems/$Task?api-version=7.1",
        Json.array()
            .add(
                Json.object()
                    .put("op", "add")
                    .put("path", "/fields/System.Title")
                    .put("value", title)),
        "application/json-patch+json");
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
    Path data = tmp.resolve("data");
    Child first = start(data, "first.log");
    Child second = null;
    try {
      Http http = new Http(first.url(), "emulator-pat");
      Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
      CountDownLatch enough = new CountDownLatch(60);
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        Thread t =
            new Thread(
                () -> {
                  for (int i = 0; running.get(); i++) {
                    String title = "kill test " + writer + "-" + i;
                    try {
                      Http.Res r = create(http, title);
                      if (r.status() == 200) {
                        acknowledged.put(r.json().path("id").asInt(), title);
                        enough.countDown();
                      }
                    } catch (RuntimeException connectionLost) {
                      // The process is gone: this write was never acknowledged.
                      return;
                    }
                  }
                });
        t.start();
        writers.add(t);
      }
      assertThat(enough.await(120, TimeUnit.SECONDS)).as("60 writes acknowledged").isTrue();
      first.process().destroyForcibly();
      assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      running.set(false);
      for (Thread t : writers) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      Map<Integer, String> acked = Map.copyOf(acknowledged);
      assertThat(acked.size()).isGreaterThanOrEqualTo(60);

      second = start(data, "second.log");
      Http after = new Http(second.url(), "emulator-pat");
      for (Map.Entry<Integer, String> e : acked.entrySet()) {
        Http.Res r = after.get("Demo/_apis/wit/workitems/" + e.getKey() + "?api-version=7.1");
        assertThat(r.status()).as("work item %s after restart", e.getKey()).isEqualTo(200);
        assertThat(r.json().at("/fields/System.Title").asText()).isEqualTo(e.getValue());
      }
      // New ids continue after the highest one ever handed out: no id is reused.
      Http.Res next = create(after, "after restart");
      assertThat(next.status()).isEqualTo(200);
      int max = acked.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
      assertThat(next.json().path("id").asInt()).isGreaterThan(max);
      JsonNode counts =
          new Http(second.url(), null)
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              second.url().replaceAll("/demo$", "") + "/_emulator/counts"))
                      .header("Authorization", "Bearer emulator-admin")
                      .build())
              .json();
      assertThat(counts.path("workItems").asInt()).isGreaterThanOrEqualTo(acked.size() + 1);
    } finally {
      first.process().destroyForcibly();
      if (second != null) {
        second.process().destroy();
        second.process().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
