package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.wit.WitTables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom fields from the emulator's configuration are bound through the process catalog. */
class WiqlCustomFieldTest {
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator =
        Emulator.create(EmulatorConfig.builder().customField("Custom.Score:integer").build())
            .start();
    http = new Http(emulator);
    Table<WorkItem> items = emulator.context().store().table(WitTables.WORK_ITEMS);
    emulator
        .context()
        .store()
        .run(
            tx -> {
              for (int i = 1; i <= 3; i++) {
                int id = 7000 + i;
                Map<String, Object> f =
                    Map.of(
                        "System.Id",
                        id,
                        "System.TeamProject",
                        "Demo",
                        "System.Title",
                        "Scored " + i,
                        "Custom.Score",
                        i * 10);
                tx.put(
                    items, String.valueOf(id), new WorkItem(id, 1, "Demo", f, List.of(), false, 0));
              }
            });
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void customIntegerFieldsCompareAsNumbers() {
    Http.Res r =
        http.post(
            "Demo/_apis/wit/wiql?api-version=7.1",
            Map.of(
                "query",
                "SELECT [System.Id], [Custom.Score] FROM WorkItems WHERE [Custom.Score] >= 20"
                    + " ORDER BY [Custom.Score] DESC"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("workItems").findValues("id"))
        .extracting(n -> n.asInt())
        .containsExactly(7003, 7002);
    assertThat(r.json().path("columns").get(1).path("referenceName").asText())
        .isEqualTo("Custom.Score");
  }

  @Test
  void aFieldNoCatalogKnowsIsTf51005() {
    Http.Res r =
        http.post(
            "Demo/_apis/wit/wiql?api-version=7.1",
            Map.of("query", "SELECT [Custom.Nope] FROM WorkItems"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51005: The query references a field that does not exist. The error is caused by"
                + " «[Custom.Nope]».");
  }
}
