package dev.azdo.pipeline.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.pipeline.mapping.MappingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the acceptance tests share: a client, the emulator's counts and the keys it holds. */
final class Acceptance {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Acceptance() {}

  static AzdoClient client(Emulator emulator) {
    return AzdoClient.create(
        ConnectionConfig.parse(
                Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                Map.of())
            .orThrow());
  }

  /** The number of (not deleted) work items, from the emulator's control API. */
  static int workItemCount(Emulator emulator) {
    return control(emulator, "counts").path("workItems").asInt(-1);
  }

  /**
   * How many of the last 10,000 requests (the emulator's log) were $batch writes that committed but
   * whose answer the emulator dropped.
   */
  static long lostBatchAnswers(Emulator emulator) {
    long lost = 0;
    for (JsonNode r : control(emulator, "requests?top=10000").path("value")) {
      if (r.path("fault").asText().equals("lostResponse")
          && r.path("path").asText().contains("batch")) {
        lost++;
      }
    }
    return lost;
  }

  private static JsonNode control(Emulator emulator, String resource) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/" + resource))
            .header("Authorization", "Bearer " + emulator.config().adminToken())
            .GET()
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "/_emulator/" + resource + " answered " + response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * How many work items carry each import key, read back through WIQL and the work items API (so a
   * key written twice shows up with 2); reads every work item of project Demo.
   */
  static Map<String, Integer> keyCounts(AzdoClient client) {
    List<Integer> ids =
        client
            .queryIds(
                "Demo",
                // Tags CONTAINS matches whole tags only, so read every item's tags instead.
                "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project")
            .ids();
    Map<String, Integer> counts = new TreeMap<>();
    for (int from = 0; from < ids.size(); from += 200) {
      List<Integer> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + 200)));
      for (WorkItem item : client.getWorkItems(chunk, List.of("System.Tags"))) {
        for (String tag : item.field("System.Tags").asText().split(";")) {
          String key = MappingSpec.keyOfTag(tag.strip());
          if (key != null) {
            counts.merge(key, 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  /** The keys the dummy source gives rows 1 to n. */
  static List<String> dummyKeys(int n) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      keys.add(String.format("D-%06d", i));
    }
    return keys;
  }

  /** Starts {@link ImportChild} in a child JVM on this JVM's class path. */
  static Process startChild(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ImportChild.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
