package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pacer against the emulator's TSTU throttle, over real HTTP and real time. */
class EmulatorPacingIntegrationTest {
  private Emulator emulator;

  @BeforeEach
  void start() {
    // 40 TSTUs per second, each GET costs 1: small enough to be spent within a test.
    emulator =
        Emulator.create(EmulatorConfig.builder().throttle(40, 1).throttleCosts(1, 1).build())
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private AzdoClient client(String share) {
    return AzdoClient.create(
        ConnectionConfig.parse(
                Map.of(
                    ConnectionConfig.ORG_URL,
                    emulator.url(),
                    ConnectionConfig.PAT,
                    "emulator-pat",
                    ConnectionConfig.RATE_SHARE,
                    share),
                Map.of())
            .orThrow());
  }

  private JsonNode throttleState() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/throttle"))
                    .header("Authorization", "Bearer emulator-admin")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body()).path("identities").path(0);
  }

  @Test
  void fourThreadsKeepToHalfTheBudgetInEveryWindowWithoutBeingHeld() throws Exception {
    AzdoClient client = client("0.5");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 80; i++) {
        calls.add(pool.submit(client::listProcesses));
      }
      for (Future<?> f : calls) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode state = throttleState();
    // The 80 calls and nothing else: the emulator has released the configured api-version.
    assertThat(state.path("servedRequests").asLong()).isEqualTo(80);
    assertThat(state.path("blockedRequests").asLong()).isZero();
    assertThat(state.path("delayedRequests").asLong()).isZero();
    // The emulator's own measure: no window held more than half of the 40 TSTUs.
    assertThat(state.path("peakUsed").asDouble()).isLessThanOrEqualTo(20);
    assertThat(client.pacer().pace().paced()).isTrue();
    assertThat(client.pacer().pace().limitTstu()).isEqualTo(40);
  }

  @Test
  void theWholeBudgetIsUsedWithoutDelaysOr429s() throws Exception {
    AzdoClient client = client("1");
    for (int i = 0; i < 100; i++) {
      client.listProcesses();
    }
    JsonNode state = throttleState();
    assertThat(state.path("blockedRequests").asLong()).isZero();
    assertThat(state.path("delayedRequests").asLong()).isZero();
    assertThat(state.path("peakUsed").asDouble()).isLessThanOrEqualTo(40).isGreaterThan(30);
  }
}
