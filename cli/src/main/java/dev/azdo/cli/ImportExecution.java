package dev.azdo.cli;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs an import job for `azdo import` and `azdo run` and reports it. */
final class ImportExecution {
  private ImportExecution() {}

  /** Plans, writes and prints the summary; returns the exit code. */
  static int execute(
      ImportJob job,
      ConnectionSettings settings,
      Path dryRunOut,
      Progress.Mode mode,
      PrintWriter out,
      PrintWriter err) {
    TrafficStats stats = new TrafficStats();
    AzdoClient client =
        AzdoClient.builder(settings)
            .addInterceptor(stats.calls())
            .addNetworkInterceptor(stats.attempts())
            .build();
    RunSummary summary;
    try (OutputStream requests = open(dryRunOut);
        Progress progress = new Progress(mode, err, stats, System::nanoTime)) {
      summary =
          Importer.run(
              job,
              client,
              requests,
              plan -> {
                out.println(
                    (job.dryRun() ? "Dry run (nothing is written): " : "Plan: ")
                        + job.mode().endpoint()
                        + " into project "
                        + job.project());
                plan.describe().forEach(line -> out.println("  " + line));
                out.flush();
              },
              progress::update);
      out.println((job.dryRun() ? "Dry run done: " : "Done: ") + progress.line(summary));
    } catch (SourceException e) {
      throw new UsageException(e.getMessage());
    } catch (PlanException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    } catch (JobException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (summary.rejectedCount() > 0) {
      out.println("Rejected rows, with their reasons: " + job.rejects());
    }
    if (!job.dryRun()) {
      out.println("Journal (row key -> work item id; re-runs resume from it): " + job.journal());
    }
    if (summary.stopReason() != null) {
      err.println(
          "azdo: the run stopped: "
              + summary.stopReason()
              + "; "
              + summary.notAttemptedCount()
              + " rows were not attempted (run the same command again to resume)");
    }
    out.flush();
    return summary.exitCode();
  }

  private static OutputStream open(Path file) throws IOException {
    return file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file);
  }
}
