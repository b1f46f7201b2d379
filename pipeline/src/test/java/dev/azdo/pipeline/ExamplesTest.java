package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.pipeline.mapping.AgileProcess;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.writer.DryRunSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped examples import cleanly in a dry run against the stock Agile fields. */
class ExamplesTest {
  @TempDir Path dir;

  private Path copyExamples() throws IOException {
    return Examples.copyTo(dir);
  }

  @Test
  void bugsJobWritesEveryRowWithParentsLinked() throws IOException {
    Path examples = copyExamples();
    ImportJob job = ImportJob.fromYaml(examples.resolve("bugs-job.yaml"));
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    RunSummary summary =
        Importer.run(job, AgileProcess.catalog(), new DryRunSink(requests), null, null);
    assertThat(summary)
        .hasToString(
            "read 20, written 20, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    String sent = requests.toString(StandardCharsets.UTF_8);
    assertThat(sent.lines()).hasSize(20);
    assertThat(sent.lines().filter(l -> l.contains("Hierarchy-Reverse"))).hasSize(19);
    assertThat(sent).contains("Steps:<br>1. Add two items<br>2. Apply code SAVE10");
    assertThat(sent).contains("\"value\":\"payments; validation; import-key:BUG-3~7\"");
  }

  @Test
  void tasksJobReadsNestedNdjsonAndMarkdown() throws IOException {
    Path examples = copyExamples();
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    RunSummary summary =
        Importer.run(
            ImportJob.fromYaml(examples.resolve("tasks-job.yaml")),
            AgileProcess.catalog(),
            new DryRunSink(requests),
            null,
            null);
    assertThat(summary.writtenCount()).isEqualTo(5);
    assertThat(summary.rejectedCount()).isZero();
    String sent = requests.toString(StandardCharsets.UTF_8);
    assertThat(sent)
        .contains(
            "\"path\":\"/fields/System.AssignedTo\",\"value\":\"Alice Admin <alice@example.com>\"");
    assertThat(sent).contains("<strong>February</strong>");
    assertThat(sent)
        .contains("\"path\":\"/fields/Microsoft.VSTS.Scheduling.OriginalEstimate\",\"value\":4.0");
  }
}
