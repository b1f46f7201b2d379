package dev.azdo.cli;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.JournalIdentity;
import dev.azdo.pipeline.report.JournalLockedException;
import dev.azdo.pipeline.report.JournalMismatchException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/** Runs an import job for `azdo import` and `azdo run` and reports it. */
final class ImportExecution {
  private ImportExecution() {}

  /**
   * Starts the embedded emulator when one is asked for, resolves the connection (flags over the
   * given settings), builds the job for it and runs it; returns the exit code.
   */
  static int run(
      CommandSpec spec,
      RunOptions options,
      EmulatorConfig embedded,
      Map<String, String> connection,
      Function<ConnectionSettings, ImportJob> job) {
    Progress.Mode mode = options.progressMode();
    PrintWriter err = spec.commandLine().getErr();
    Emulator emulator = null;
    try {
      Map<String, String> base = new LinkedHashMap<>();
      if (embedded != null) {
        emulator = EmbeddedEmulator.start(embedded, err);
        base.putAll(EmbeddedEmulator.connection(emulator));
      }
      base.putAll(connection);
      ConnectionSettings settings = ConnectionFlags.resolve(spec, err, base);
      // An embedded emulator gets a new port each run but keeps its data: journal by its folder.
      String target =
          embedded != null && embedded.dataDir() != null
              ? JournalIdentity.emulatorData(embedded.dataDir())
              : null;
      return execute(
          job.apply(settings),
          settings,
          target,
          options.requestsOut,
          mode,
          spec.commandLine().getOut(),
          err);
    } finally {
      if (emulator != null) {
        emulator.close();
      }
    }
  }

  /** Plans, writes and prints the summary; returns the exit code. */
  static int execute(
      ImportJob job,
      ConnectionSettings settings,
      String target,
      Path dryRunOut,
      Progress.Mode mode,
      PrintWriter out,
      PrintWriter err) {
    TrafficStats stats = new TrafficStats();
    AzdoClient client = ReadSupport.client(settings, stats);
    RunSummary summary;
    AtomicReference<ImportPlan> workItemPlan = new AtomicReference<>();
    try (client;
        OutputStream requests = open(dryRunOut);
        Progress progress = new Progress(mode, err, stats, System::nanoTime).dryRun(job.dryRun())) {
      summary =
          Importer.run(
              job,
              client,
              target,
              requests,
              plan -> {
                workItemPlan.set(plan);
                List<String> lines = new ArrayList<>(plan.describe());
                if (job.dryRun()) {
                  // Positions tell repeated columns apart (Sprint[1], Sprint[last]).
                  lines.add(0, "source columns: " + plan.schema().numbered());
                }
                printPlan(job, lines, out);
              },
              plan -> printPlan(job, plan.describe(), out),
              progress::update);
      progress.close();
      out.println(
          (job.dryRun() ? "Dry run done: " : job.validateOnly() ? "Validated: " : "Done: ")
              + progress.line(summary)
              + (summary.notKeptText() != null ? "; " + summary.notKeptText() : ""));
    } catch (SourceException e) {
      throw new UsageException(e.getMessage());
    } catch (PlanException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    } catch (JobException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    } catch (JournalMismatchException | JournalLockedException e) {
      throw new UsageException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (workItemPlan.get() != null) {
      // Values no value map covered and unknown identities, once each with their row counts.
      workItemPlan.get().report().forEach(line -> out.println("  " + line));
    }
    if (summary.rejectedCount() > 0) {
      out.println("Rejected rows, with their reasons: " + ShownPath.of(job.rejects()));
    }
    if (summary.report() != null) {
      out.println(
          "Written rows whose fields the service did not keep as sent (dropped or replaced): "
              + ShownPath.of(summary.report()));
    }
    if (summary.changedCount() > 0) {
      out.println(
          "Rows created by an earlier run whose content changed since (listed in the rejects file): "
              + summary.changedCount());
    }
    if (summary.journal() != null) {
      out.println(
          "Journal (row key -> written id and digest; re-runs resume from it): "
              + ShownPath.of(summary.journal()));
    }
    if (summary.stopReason() != null) {
      err.println(
          "azdo: the run stopped: "
              + summary.stopReason()
              + (summary.stoppedBySource()
                  ? "; fix the source there and run the same command again (rows before it are"
                      + " done)"
                  : "; run the same command again to resume"));
    }
    out.flush();
    return summary.exitCode();
  }

  private static void printPlan(ImportJob job, List<String> lines, PrintWriter out) {
    out.println(
        (job.dryRun()
                ? "Dry run (nothing is written): "
                : job.validateOnly() ? "Validation by the service (nothing is saved): " : "Plan: ")
            + job.endpoint()
            + " into project "
            + job.project());
    lines.forEach(line -> out.println("  " + line));
    out.flush();
  }

  private static OutputStream open(Path file) throws IOException {
    return file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file);
  }
}
