package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports into the in-process emulator through the real client: the whole write path. */
class EmulatorImportTest {
  @TempDir Path dir;

  /** A client of the emulator's Demo project with its PAT. */
  static AzdoClient client(Emulator emulator) {
    return AzdoClient.create(
        ConnectionConfig.parse(
                Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                Map.of())
            .orThrow());
  }

  private Path copyExamples() throws IOException {
    return Examples.copyTo(dir);
  }

  private static List<Integer> idsWithTag(AzdoClient client, String tag) {
    return client
        .queryIds(
            "Demo",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] CONTAINS '"
                + tag
                + "'")
        .ids();
  }

  @Test
  void importsTheBugsExampleWithParentsAndARerunCreatesNothingNew() throws IOException {
    Path examples = copyExamples();
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = client(emulator);
      FieldCatalog catalog = AzdoFieldCatalog.of(client, "Demo");
      ImportJob job = ImportJob.fromYaml(examples.resolve("bugs-job.yaml"));
      RunSummary first =
          Importer.run(job, catalog, new AzdoWorkItemSink(client, "Demo"), null, null);
      assertThat(first)
          .hasToString(
              "read 20, written 20, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
      List<Integer> bug1 = idsWithTag(client, "import-key:BUG-1~7");
      List<Integer> feat1 = idsWithTag(client, "import-key:FEAT-1~f");
      assertThat(bug1).hasSize(1);
      WorkItem item = client.getWorkItem(bug1.get(0));
      assertThat(item.field("System.Title").asText()).isEqualTo("Total ignores discount code");
      assertThat(item.field("System.WorkItemType").asText()).isEqualTo("Bug");
      assertThat(item.relations())
          .anySatisfy(
              r -> {
                assertThat(r.path("rel").asText()).isEqualTo("System.LinkTypes.Hierarchy-Reverse");
                assertThat(r.path("url").asText()).endsWith("/" + feat1.get(0));
              });

      RunSummary second =
          Importer.run(job, catalog, new AzdoWorkItemSink(client, "Demo"), null, null);
      assertThat(second)
          .hasToString(
              "read 20, written 0, rejected 0, skipped 20 (unchanged 20, created with changed content 0, not attempted 0)");
      assertThat(idsWithTag(client, "import-key:BUG-1~7")).hasSize(1);
    }
  }

  @Test
  void lostAnswersAndFaultsNeverDuplicateARow() {
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder()
                    .faultRate(0.2)
                    .faultSeed(11)
                    .lostResponseShare(0.5)
                    .build())
            .start()) {
      AzdoClient client = client(emulator);
      ImportJob job =
          ImportJob.builder(SourceOptions.builder("dummy:300").seed(5).build())
              .project("Demo")
              .type("Bug")
              .map("Title=System.Title")
              .map("Priority=Priority")
              .key("Key")
              .batchSize(50)
              .concurrency(3)
              .rejects(dir.resolve("rejects.csv"))
              .journal(dir.resolve("dummy.journal"))
              .build();
      FieldCatalog catalog = AzdoFieldCatalog.of(client, "Demo");
      RunSummary summary =
          Importer.run(job, catalog, new AzdoWorkItemSink(client, "Demo"), null, null);
      assertThat(summary.isBalanced()).isTrue();
      if (summary.exitCode() != 0) {
        // Faults that outlast the retries stop the run; the rerun finishes it from the journal.
        summary = Importer.run(job, catalog, new AzdoWorkItemSink(client, "Demo"), null, null);
      }
      assertThat(summary.rejectedCount()).isZero();
      // Every key tag on exactly one work item: 300 items, 300 distinct keys.
      List<Integer> all =
          client
              .queryIds(
                  "Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.WorkItemType] = 'Bug'")
              .ids();
      List<String> keys = new java.util.ArrayList<>();
      for (int i = 0; i < all.size(); i += 200) {
        for (dev.azdo.client.WorkItem w :
            client.getWorkItems(
                all.subList(i, Math.min(all.size(), i + 200)), List.of("System.Tags"))) {
          for (String tag : w.field("System.Tags").asText("").split(";\\s*")) {
            if (tag.startsWith("import-key:")) {
              keys.add(tag);
            }
          }
        }
      }
      assertThat(all).hasSize(300);
      assertThat(keys).hasSize(300).doesNotHaveDuplicates();
      assertThat(idsWithTag(client, "import-key:D-000001~1")).hasSize(1);
      assertThat(idsWithTag(client, "import-key:D-000300~1")).hasSize(1);
    }
  }

  @Test
  void upsertThenDeleteByKeyFieldThroughTheClient() throws IOException {
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder()
                    .lostResponseShare(0)
                    .customField("Custom.ExternalKey")
                    .build())
            .start()) {
      AzdoClient client = client(emulator);
      FieldCatalog catalog = AzdoFieldCatalog.of(client, "Demo");
      Path first = Files.writeString(dir.resolve("v1.csv"), "Key,Title\nX-1,first\n");
      Path second =
          Files.writeString(dir.resolve("v2.csv"), "Key,Title\nX-1,first renamed\nX-2,second\n");
      ImportJob.Builder upsert =
          ImportJob.builder(SourceOptions.builder(first.toString()).build())
              .endpoint("upsert-workitem")
              .project("Demo")
              .type("Task")
              .map("Title=System.Title")
              .key("Key=Custom.ExternalKey")
              .rejects(dir.resolve("r1.csv"))
              .journal(dir.resolve("j1"));
      assertThat(
              Importer.run(
                      upsert.build(), catalog, new AzdoWorkItemSink(client, "Demo"), null, null)
                  .writtenCount())
          .isEqualTo(1);
      ImportJob again =
          ImportJob.builder(SourceOptions.builder(second.toString()).build())
              .endpoint("upsert-workitem")
              .project("Demo")
              .type("Task")
              .map("Title=System.Title")
              .key("Key=Custom.ExternalKey")
              .rejects(dir.resolve("r2.csv"))
              .journal(dir.resolve("j2"))
              .build();
      RunSummary upserted =
          Importer.run(again, catalog, new AzdoWorkItemSink(client, "Demo"), null, null);
      assertThat(upserted.writtenCount()).isEqualTo(2);
      Map<String, Integer> ids =
          new AzdoWorkItemSink(client, "Demo")
              .findByKeys("Custom.ExternalKey", List.of("X-1", "X-2"));
      assertThat(ids).containsOnlyKeys("X-1", "X-2");
      assertThat(client.getWorkItem(ids.get("X-1")).field("System.Title").asText())
          .isEqualTo("first renamed");

      ImportJob delete =
          ImportJob.builder(SourceOptions.builder(first.toString()).build())
              .endpoint("delete-workitem")
              .project("Demo")
              .type("Task")
              .key("Key=Custom.ExternalKey")
              .rejects(dir.resolve("r3.csv"))
              .journal(dir.resolve("j3"))
              .build();
      RunSummary deleted =
          Importer.run(delete, catalog, new AzdoWorkItemSink(client, "Demo"), null, null);
      assertThat(deleted)
          .hasToString(
              "read 1, written 1, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
      assertThat(
              new AzdoWorkItemSink(client, "Demo")
                  .findByKeys("Custom.ExternalKey", List.of("X-1", "X-2")))
          .containsOnlyKeys("X-2");
    }
  }

  @Test
  void aJournalOfOneOrganizationIsRefusedForAnotherBeforeAnyWrite() throws IOException {
    Files.writeString(dir.resolve("rows.csv"), "Key,Title\nK1,One\nK2,Two\n");
    try (Emulator demo = Emulator.startDefault();
        Emulator acme = Emulator.create(EmulatorConfig.builder().org("acme").build()).start()) {
      ImportJob job =
          ImportJob.builder(SourceOptions.builder(dir.resolve("rows.csv").toString()).build())
              .project("Demo")
              .type("Task")
              .map("Title=System.Title")
              .key("Key")
              .journal(dir.resolve("rows.journal"))
              .build();
      AzdoClient toDemo = client(demo);
      assertThat(Importer.run(job, toDemo, null, null, null).writtenCount()).isEqualTo(2);
      AzdoClient toAcme =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", acme.url(), "pat", "emulator-pat", "project", "Demo"),
                      Map.of())
                  .orThrow());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> Importer.run(job, toAcme, null, null, null))
          .isInstanceOf(dev.azdo.pipeline.report.JournalMismatchException.class)
          .hasMessageContaining("/demo, project Demo")
          .hasMessageContaining("/acme, project Demo");
      assertThat(toAcme.queryIds("Demo", "SELECT [System.Id] FROM WorkItems").ids()).isEmpty();
    }
  }
}
