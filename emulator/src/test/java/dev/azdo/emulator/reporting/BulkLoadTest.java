package dev.azdo.emulator.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk seeding with a chosen number of Active items, read back through WIQL over HTTP. */
class BulkLoadTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  Emulator emulator;
  Http http;

  @BeforeEach
  void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private List<Integer> ids(String where) {
    Http.Res r =
        http.post(
            "Demo/_apis/wit/wiql?api-version=7.1",
            Map.of(
                "query",
                "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project" + where));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Integer> out = new ArrayList<>();
    for (JsonNode w : r.json().path("workItems")) {
      out.add(w.path("id").asInt());
    }
    return out;
  }

  @Test
  void exactlyTheActiveItemsAskedForAreActiveEvenlyApart() {
    List<Integer> seeded = BulkLoad.seed(emulator, "Demo", 20_000, START, 0, 1_000);

    List<Integer> active = ids(" AND [System.State] = 'Active'");
    assertThat(active).hasSize(1_000);
    for (int k = 1; k < active.size(); k++) {
      assertThat(active.get(k) - active.get(k - 1)).isEqualTo(20);
    }
    // 20,000 is the service's limit for one flat query, so all of them still come in one.
    assertThat(ids("")).hasSize(20_000).containsExactlyInAnyOrderElementsOf(seeded);
    assertThat(ids(" AND [System.State] IN ('New', 'Closed')")).hasSize(19_000);
  }

  @Test
  void withoutACountOneInThreeIsActiveAndTooManyIsRefused() {
    BulkLoad.seed(emulator, "Demo", 300, START, 0);
    assertThat(ids(" AND [System.State] = 'Active'")).hasSize(100);
    assertThatThrownBy(() -> BulkLoad.seed(emulator, "Demo", 10, START, 0, 11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("active items: 11 is more than the 10 items seeded");
  }
}
