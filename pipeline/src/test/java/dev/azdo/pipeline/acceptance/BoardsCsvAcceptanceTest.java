package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 8: a CSV as Azure Boards exports and imports it (ID, Work Item Type, Title 1..3,
 * fields by display name, identities as Name &lt;email&gt;) is recognised by its header and
 * imported with no flags beyond the project: the Title N columns become parent links, a row with an
 * ID updates that item, a row without creates one, and a rerun writes nothing twice, also while the
 * emulator loses a quarter of the $batch answers.
 */
class BoardsCsvAcceptanceTest {
  @TempDir Path dir;

  @Test
  void aThreeLevelTreeEndsWithItsParentLinksAndARerunWritesNothingTwice() throws Exception {
    // The emulator loses a quarter of the answers, so creates are looked up before being resent.
    try (Emulator emulator = Emulator.create(EmulatorConfig.builder().build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      int existing =
          client
              .createWorkItem(
                  "Demo",
                  "Epic",
                  new dev.azdo.client.WorkItemPatch().set("System.Title", "Old epic"),
                  dev.azdo.client.WriteOptions.NONE)
              .id();
      Path csv =
          Files.writeString(
              dir.resolve("backlog.csv"),
              "ID,Work Item Type,Title 1,Title 2,Title 3,Assigned To,State,Tags,Changed Date\n"
                  + ",Epic,Checkout,,,Alice Admin <alice@example.com>,New,shop,2024-01-01\n"
                  + ",Feature,,Cart,,,New,,\n"
                  + ",User Story,,,Add item,Bob Builder <bob@example.com>,Active,,\n"
                  + ",Task,,,Remove item,,New,x; y,\n"
                  + ",Feature,,Payment,,,New,,\n"
                  + ",User Story,,,Pay by card,,New,,\n"
                  + ",User Story,,,Pay by card,,New,,\n"
                  + existing
                  + ",Epic,Renamed epic,,,,Active,,\n"
                  + ",Feature,,Under the old epic,,,New,,\n"
                  + ",User Story,,,Deep,,New,,\n");
      ImportJob job =
          ImportJob.builder(SourceOptions.builder(csv.toString()).build()).project("Demo").build();
      List<String> plan = new ArrayList<>();
      List<RowOutcome> outcomes = new ArrayList<>();
      RunSummary first =
          ImportTask.builder(job, client)
              .onPlan(plan::addAll)
              .outcomes(outcomes::add)
              .build()
              .run();

      assertThat(first.writtenCount()).as(first.toString()).isEqualTo(10);
      assertThat(first.rejectedCount()).isZero();
      assertThat(plan)
          .anyMatch(l -> l.startsWith("Azure Boards CSV: Title 1 to Title 3 give the tree"))
          .anyMatch(l -> l.startsWith("column \"Changed Date\": not imported"));
      Map<Long, Integer> idByRow = new HashMap<>();
      outcomes.forEach(o -> idByRow.put(o.row(), Integer.valueOf(o.id())));
      Map<Long, Long> parentRow = Map.of(2L, 1L, 3L, 2L, 4L, 2L, 5L, 1L, 6L, 5L, 7L, 5L, 10L, 9L);
      for (Map.Entry<Long, Long> e : parentRow.entrySet()) {
        assertThat(parentOf(client, idByRow.get(e.getKey())))
            .as("row " + e.getKey())
            .isEqualTo(idByRow.get(e.getValue()));
      }
      assertThat(idByRow.get(8L)).isEqualTo(existing);
      assertThat(parentOf(client, idByRow.get(9L))).isEqualTo(existing);
      assertThat(parentOf(client, idByRow.get(1L))).isZero();
      WorkItem epic = item(client, existing);
      assertThat(epic.field("System.Title").asText()).isEqualTo("Renamed epic");
      assertThat(epic.field("System.State").asText()).isEqualTo("Active");
      WorkItem story = item(client, idByRow.get(3L));
      assertThat(story.field("System.WorkItemType").asText()).isEqualTo("User Story");
      assertThat(story.field("System.Title").asText()).isEqualTo("Add item");
      assertThat(story.field("System.AssignedTo").path("uniqueName").asText())
          .isEqualTo("bob@example.com");
      assertThat(item(client, idByRow.get(4L)).field("System.Tags").asText()).contains("x", "y");
      // Two rows with the same title under one parent are two items.
      assertThat(idByRow.get(6L)).isNotEqualTo(idByRow.get(7L));
      int items = Acceptance.workItemCount(emulator);
      assertThat(items).isEqualTo(10);

      RunSummary again = ImportTask.builder(job, client).build().run();
      assertThat(again.writtenCount()).as(again.toString()).isZero();
      assertThat(again.skippedCount()).isEqualTo(10);
      assertThat(Acceptance.workItemCount(emulator)).isEqualTo(items);
    }
  }

  private static WorkItem item(AzdoClient client, int id) {
    return client.getWorkItem(id);
  }

  private static int parentOf(AzdoClient client, int id) {
    return item(client, id).field("System.Parent").asInt(0);
  }
}
