package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --lookup} against the emulator over HTTP: parents found by title and areas by name, in
 * bulk (one WIQL per 200 distinct values), with misses and ambiguous values rejected naming the
 * value.
 */
class LookupImportTest {
  @TempDir Path dir;

  private Path csv(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private ImportJob.Builder job(Path csv, String type) {
    return ImportJob.builder(SourceOptions.builder(csv.toString()).build())
        .project("Demo")
        .type(type)
        .map("Title=System.Title")
        .key("Key")
        .rejects(dir.resolve(type + ".rejects.csv"))
        .journal(dir.resolve(type + ".journal"));
  }

  // The WIQL texts the emulator answered since the log was last cleared.
  private static List<String> wiqlSeen(Emulator emulator) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode e : EmulatorRequests.seen(emulator)) {
      if (!e.path("wiql").isNull() && !e.path("wiql").asText().isEmpty()) {
        out.add(e.path("wiql").asText());
      }
    }
    return out;
  }

  @Test
  void parentsByTitleAndAreasByNameAreLookedUpInBulkAndMissesAreRejectedWithTheValue()
      throws Exception {
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = EmulatorImportTest.client(emulator);
      // 250 features with distinct titles, two more that share one.
      StringBuilder features = new StringBuilder("Key,Title\n");
      for (int i = 1; i <= 250; i++) {
        features.append("F-").append(i).append(",Feature ").append(i).append('\n');
      }
      features.append("F-251,Twin\nF-252,Twin\n");
      RunSummary parents =
          Importer.run(
              job(csv("features.csv", features.toString()), "Feature").build(),
              client,
              null,
              null,
              null);
      assertThat(parents.writtenCount()).isEqualTo(252);
      client.createNode("Demo", ClassificationNode.Group.AREAS, null, "Web", null);
      client.createNode("Demo", ClassificationNode.Group.AREAS, "Web", "Backend", null);
      client.createNode("Demo", ClassificationNode.Group.AREAS, null, "Mobile", null);
      client.createNode("Demo", ClassificationNode.Group.AREAS, "Mobile", "Backend", null);

      // 500 tasks naming their parents by title (case ignored), 250 distinct: hits, then misses.
      StringBuilder tasks = new StringBuilder("Key,Title,ParentTitle,Team\n");
      for (int i = 1; i <= 500; i++) {
        int parent = (i - 1) % 250 + 1;
        String title = i % 2 == 0 ? "feature " + parent : "Feature " + parent;
        tasks
            .append("T-")
            .append(i)
            .append(",Task ")
            .append(i)
            .append(',')
            .append(title)
            .append(",Web\n");
      }
      tasks.append("T-501,Orphan,No Such Feature,Web\n");
      tasks.append("T-502,Ambiguous,Twin,Web\n");
      tasks.append("T-503,Bad area,Feature 1,Bakend\n");
      tasks.append("T-504,Two backends,Feature 2,Backend\n");
      tasks.append("T-505,Area by path,Feature 3,Mobile\\Backend\n");
      ImportJob job =
          job(csv("tasks.csv", tasks.toString()), "Task")
              .set(JobConfig.LOOKUP, "ParentTitle=System.Title:System.Id")
              .set(JobConfig.LOOKUP, "Team=area")
              .parentKey("ParentTitle")
              .map("Team=System.AreaPath")
              .build();
      EmulatorRequests.clear(emulator);
      List<String> plan = new ArrayList<>();
      RunSummary run =
          Importer.run(job, client, null, (ImportPlan p) -> plan.addAll(p.describe()), null);

      assertThat(plan)
          .contains(
              "--lookup ParentTitle=System.Title:System.Id: ParentTitle = the work item whose"
                  + " System.Title is the value -> its System.Id (read in bulk, cached for the"
                  + " run; a value not found rejects the row)",
              "--lookup Team=area: Team = the area of that name -> its path (read in bulk, cached"
                  + " for the run; a value not found rejects the row)");
      assertThat(run.writtenCount()).isEqualTo(501);
      assertThat(run.rejectedCount()).isEqualTo(4);
      // 252 distinct titles (250 hits, the miss, the twin; case folded): two queries of <= 200.
      List<String> lookups =
          wiqlSeen(emulator).stream().filter(w -> w.contains("[System.Title] IN (")).toList();
      assertThat(lookups).hasSize(2);

      Map<String, CSVRecord> rejected = new java.util.HashMap<>();
      try (var parser =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(Files.newBufferedReader(dir.resolve("Task.rejects.csv")))) {
        parser.forEach(r -> rejected.put(r.get("Key"), r));
      }
      assertThat(rejected).containsOnlyKeys("T-501", "T-502", "T-503", "T-504");
      assertThat(rejected.get("T-501").get("rejected_column")).isEqualTo("ParentTitle");
      assertThat(rejected.get("T-501").get("rejected_reason"))
          .isEqualTo("no work item of project Demo has System.Title \"No Such Feature\"");
      assertThat(rejected.get("T-502").get("rejected_reason"))
          .startsWith("2 work items have System.Title \"Twin\" (#")
          .endsWith("); the lookup needs one");
      assertThat(rejected.get("T-503").get("rejected_column")).isEqualTo("Team");
      // The rejects file holds the row as read (its parent's title, not the id found for it), so
      // it can be fixed and imported again.
      assertThat(rejected.get("T-503").get("ParentTitle")).isEqualTo("Feature 1");
      assertThat(rejected.get("T-503").get("Team")).isEqualTo("Bakend");
      assertThat(rejected.get("T-503").get("rejected_reason"))
          .isEqualTo(
              "no area of project Demo is named \"Bakend\" (did you mean Demo\\Mobile\\Backend,"
                  + " Demo\\Web\\Backend?)");
      assertThat(rejected.get("T-504").get("rejected_reason"))
          .isEqualTo(
              "\"Backend\" names 2 areas (Demo\\Mobile\\Backend, Demo\\Web\\Backend); give the path");

      // A hit: the task's parent is the feature of that title, its area the path of its name.
      int feature7 = idOf(client, "Feature", "Feature 7");
      int task7 = idOf(client, "Task", "Task 7");
      WorkItem t = client.getWorkItem(task7);
      assertThat(t.field("System.AreaPath").asText()).isEqualTo("Demo\\Web");
      assertThat(t.relations())
          .anySatisfy(
              r -> {
                assertThat(r.path("rel").asText()).isEqualTo("System.LinkTypes.Hierarchy-Reverse");
                assertThat(r.path("url").asText()).endsWith("/" + feature7);
              });
      assertThat(
              client
                  .getWorkItem(idOf(client, "Task", "Area by path"))
                  .field("System.AreaPath")
                  .asText())
          .isEqualTo("Demo\\Mobile\\Backend");
    }
  }

  @Test
  void aLookupOfAnUnknownColumnOrFieldFailsThePlanBeforeAnyWrite() throws Exception {
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = EmulatorImportTest.client(emulator);
      ImportJob job =
          job(csv("t.csv", "Key,Title,Parent\nA,One,X\n"), "Task")
              .set(JobConfig.LOOKUP, "Parnt=System.Title:System.Id")
              .set(JobConfig.LOOKUP, "Parent=Titel:System.Id")
              .set(JobConfig.LOOKUP, "Parent=System.CreatedDate:System.Id")
              .build();
      assertThatThrownBy(() -> Importer.run(job, client, null, null, null))
          .isInstanceOf(PlanException.class)
          .hasMessageContaining(
              "--lookup Parnt=System.Title:System.Id: column \"Parnt\" is not in the source"
                  + " (columns: Key, Title, Parent)")
          .hasMessageContaining(
              "--lookup Parent=Titel:System.Id: \"Titel\" is not a field of the project's work"
                  + " item types")
          .hasMessageContaining(
              "--lookup Parent=System.CreatedDate:System.Id: System.CreatedDate is a dateTime"
                  + " field; a lookup matches a text, number, identity or path field");
      assertThat(
              client
                  .queryIds(
                      "Demo",
                      "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Task'")
                  .ids())
          .isEmpty();
    }
  }

  private static int idOf(AzdoClient client, String type, String title) {
    List<Integer> ids =
        client
            .queryIds(
                "Demo",
                "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = '"
                    + type
                    + "' AND [System.Title] = '"
                    + title
                    + "'")
            .ids();
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }
}
