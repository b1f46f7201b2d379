package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.wit.WitTables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 20,000 result limit (VS402337), with items written straight into the store. */
class WiqlLimitTest {
  static final int FIRST = 100_001;
  static final int COUNT = WiqlEngine.MAX_RESULTS + 1;
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    Table<WorkItem> items = emulator.context().store().table(WitTables.WORK_ITEMS);
    emulator
        .context()
        .store()
        .run(
            tx -> {
              for (int id = FIRST; id < FIRST + COUNT; id++) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("System.Id", id);
                f.put("System.TeamProject", "Demo");
                f.put("System.WorkItemType", "Task");
                f.put("System.Title", "Bulk " + id);
                f.put("System.State", id % 2 == 0 ? "Active" : "New");
                f.put("System.CreatedDate", "2024-05-" + (10 + id % 20) + "T10:00:00.000Z");
                f.put("Microsoft.VSTS.Common.Priority", 1 + id % 4);
                tx.put(
                    items, String.valueOf(id), new WorkItem(id, 1, "Demo", f, List.of(), false, 0));
              }
            });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static Http.Res query(String params, String where) {
    return http.post(
        "Demo/_apis/wit/wiql?api-version=7.1" + params,
        Map.of(
            "query",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND "
                + where
                + " ORDER BY [System.CreatedDate] DESC, [System.Title]"));
  }

  @Test
  void moreThanTwentyThousandMatchesIsVs402337() {
    Http.Res r = query("", "[System.WorkItemType] = 'Task'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "VS402337: The number of work items returned exceeds the size limit of 20000. Change"
                + " the query to return fewer items.");
    assertThat(r.json().path("typeKey").asText())
        .isEqualTo("WorkItemTrackingQueryResultSizeLimitExceededException");
  }

  @Test
  void exactlyTwentyThousandMatchesAreReturned() {
    Http.Res r = query("", "[System.Id] > " + FIRST);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("workItems").size()).isEqualTo(WiqlEngine.MAX_RESULTS);
  }

  @Test
  void topWithinTheLimitReturnsTheFirstRowsInsteadOfTheError() {
    Http.Res r = query("&$top=5", "[System.WorkItemType] = 'Task'");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("workItems").size()).isEqualTo(5);
    // Sorted by created date descending: the 29th of May comes first.
    assertThat(r.json().path("workItems").get(0).path("id").asInt() % 20).isEqualTo(19);
  }

  @Test
  void scanningTwentyThousandItemsTakesWellUnderASecondInTheEngine() {
    WiqlEngine engine = emulator.context().require(WiqlEngine.class);
    WiqlQuery q =
        Wiql.parse(
            "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' AND"
                + " [Microsoft.VSTS.Common.Priority] >= 2 AND [System.CreatedDate] >= '2024-05-15'"
                + " ORDER BY [System.CreatedDate] DESC, [System.Title]");
    WiqlEngine.Options o =
        WiqlEngine.Options.of("Demo", null, java.time.Instant.parse("2024-06-01T00:00:00Z"));
    engine.run(q, o); // warm-up: class loading and JIT
    long start = System.nanoTime();
    WiqlResult result = engine.run(q, o);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(result.workItems()).isNotEmpty().hasSizeLessThan(COUNT);
    // Generous bound: the machine is shared; a scan typically takes tens of milliseconds.
    assertThat(millis).isLessThan(1000);
  }
}
