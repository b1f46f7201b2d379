package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --validate-only: the service's validateOnly judges every row; nothing is saved or journaled. */
class ValidateOnlyTest {
  @TempDir Path dir;

  @Test
  void theServiceJudgesEachRowAndNothingIsSaved() throws Exception {
    Files.writeString(
        dir.resolve("rows.csv"),
        "Key,Type,Title,ParentKey,Area\n"
            + "E-1,Epic,An epic,,\n"
            + "B-1,Bug,A child of the epic,E-1,Demo\\Team A\n"
            + "B-2,Bug,In an area that does not exist,E-1,Demo\\Nowhere\n"
            + "B-3,Bug,Child of a parent rejected below,B-2,\n");
    try (Emulator emulator = Emulator.startDefault()) {
      AzdoClient client =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", emulator.url(), "pat", "emulator-pat"), Map.of())
                  .orThrow());
      ImportJob job =
          ImportJob.builder(SourceOptions.builder(dir.resolve("rows.csv").toString()).build())
              .project("Demo")
              .map("Type=System.WorkItemType")
              .map("Title=System.Title")
              .map("Area=System.AreaPath")
              .key("Key")
              .parentKey("ParentKey")
              .validateOnly(true)
              .build();
      RunSummary summary = Importer.run(job, client, OutputStream.nullOutputStream(), null, null);

      assertThat(summary)
          .hasToString(
              "read 4, written 2, rejected 2, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
      String rejects = Files.readString(job.rejects());
      assertThat(rejects).contains("B-2").contains("TF401347").contains("Area");
      assertThat(rejects).contains("B-3");
      assertThat(client.queryIds("Demo", "SELECT [System.Id] FROM WorkItems").ids()).isEmpty();
      assertThat(summary.journal()).isNull();
      try (var files = Files.list(dir)) {
        assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".journal"));
      }
    }
  }

  @Test
  void onlyWorkItemEndpointsCanBeValidatedByTheService() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ImportJob.builder(SourceOptions.builder("dummy:1").build())
                    .endpoint("create-team")
                    .project("Demo")
                    .validateOnly(true)
                    .dryRun(true)
                    .build())
        .isInstanceOfSatisfying(
            JobException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("only the work item endpoints"))
                    .anyMatch(p -> p.contains("not both")));
  }
}
