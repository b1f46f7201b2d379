package dev.azdo.pipeline.acceptance;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.mapping.AgileProcess;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.DryRunSink;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The import process the acceptance tests start in a child JVM, so it can be killed like a real one
 * or run with a small heap. Prints the run summary as its last line and exits with the run's exit
 * code.
 *
 * <pre>
 * ImportChild import ORG_URL ROWS DIR   # dummy rows into the emulator, journal and rejects in DIR
 * ImportChild dry-run ROWS              # dummy rows through --dry-run, requests discarded
 * </pre>
 */
public final class ImportChild {
  private ImportChild() {}

  /** The job both modes run: generated bugs with most of their columns mapped, keyed by Key. */
  static ImportJob.Builder job(long rows, Path dir) {
    return ImportJob.builder(SourceOptions.builder("dummy:" + rows).seed(7).build())
        .project("Demo")
        .type("Bug")
        .map("Title=System.Title")
        .map("Description=Repro Steps")
        .map("Priority=Priority")
        .map("Severity=Severity")
        .map("Tags=Tags")
        .map("AssignedTo=Assigned To")
        .map("StoryPoints=Story Points")
        .key("Key")
        .rejects(dir.resolve("rejects.csv"))
        .journal(dir.resolve("import.journal"));
  }

  public static void main(String[] args) {
    RunSummary summary;
    switch (args[0]) {
      case "import" -> {
        AzdoClient client =
            AzdoClient.create(
                ConnectionConfig.parse(
                        Map.of("org-url", args[1], "pat", "emulator-pat", "project", "Demo"),
                        Map.of())
                    .orThrow());
        ImportJob job =
            job(Long.parseLong(args[2]), Path.of(args[3])).batchSize(20).concurrency(2).build();
        summary = Importer.run(job, client, null, null, null);
      }
      case "dry-run" -> {
        ImportJob job =
            job(Long.parseLong(args[1]), Path.of(System.getProperty("java.io.tmpdir")))
                .dryRun(true)
                .batchSize(200)
                .build();
        summary =
            Importer.run(
                job,
                AgileProcess.catalog(),
                new DryRunSink(OutputStream.nullOutputStream()),
                null,
                null);
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.out.println(summary);
    System.out.flush();
    System.exit(summary.exitCode());
  }
}
