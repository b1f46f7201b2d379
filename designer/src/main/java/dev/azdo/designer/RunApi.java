package dev.azdo.designer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.http.RatePacer;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.JournalLockedException;
import dev.azdo.pipeline.report.JournalMismatchException;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Run step: the saved job run by the one {@link ImportTask} in the background, so it goes on
 * when the page is closed and the page reattaches to it when reopened; its live counts (retries,
 * throttled answers and the pacer's pace among them), summary, rejected rows and rejects file.
 */
final class RunApi implements Designer.Api, AutoCloseable {
  // The table shows the first rejected rows; the download has them all.
  private static final int REJECTS_SHOWN = 500;

  private final Workspace ws;
  private final JobApi jobs;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "designer-run");
            t.setDaemon(true);
            return t;
          });
  private volatile Run current;

  RunApi(Workspace ws, JobApi jobs) {
    this.ws = ws;
    this.jobs = jobs;
  }

  @Override
  public Exchange.Answer handle(Exchange ex) throws IOException {
    return switch (ex.method() + " " + ex.path()) {
      case "POST run" -> start(ex.json());
      case "GET run" -> Exchange.Answer.json(status());
      case "GET run/rejects" -> rejects();
      default -> null;
    };
  }

  private synchronized Exchange.Answer start(ObjectNode body) {
    if (current != null && !current.done) {
      return Exchange.Answer.error(409, "a run is going on; wait for it to finish");
    }
    ObjectNode out = Exchange.JSON.createObjectNode();
    ImportJob job = jobs.read(body, Map.of(), out);
    if (job == null) {
      return Exchange.Answer.json(out);
    }
    TrafficStats stats = new TrafficStats();
    AzdoClient client = Workspace.client(ws.settings(), stats);
    Run run = new Run(job, stats, JobApi.fileName(body));
    current = run;
    String target = ws.journalTarget();
    runner.submit(() -> run.execute(client, target));
    out.put("started", true);
    return Exchange.Answer.json(out);
  }

  private ObjectNode status() {
    Run run = current;
    ObjectNode out = Exchange.JSON.createObjectNode();
    if (run == null) {
      return out.put("state", "idle");
    }
    synchronized (run) {
      out.put("state", run.done ? (run.problems.isEmpty() ? "done" : "failed") : "running");
      out.put("file", run.file);
      ObjectNode counts = out.putObject("counts");
      counts.put("read", run.read).put("written", run.written).put("rejected", run.rejected);
      counts.put("skipped", run.skipped);
      counts.put("retries", run.stats.retryCount()).put("throttled", run.stats.throttledCount());
      run.notePace();
      counts.put("paced", run.paced == null ? "no" : pace(run.paced));
      double seconds = Math.max(0.001, (System.nanoTime() - run.started) / 1e9);
      counts.put("seconds", Math.round(seconds * 10) / 10.0);
      counts.put("rowsPerSecond", Math.round(run.read / seconds));
      run.stats.currentWait().ifPresent(w -> out.put("waiting", w.toSeconds() + " s"));
      if (run.summary != null) {
        out.put("summary", "Done: " + run.summary);
        out.put("exitCode", run.summary.exitCode());
        if (run.summary.journal() != null) {
          out.put("journal", run.summary.journal().getFileName().toString());
        }
      }
      out.put("rejectsFile", Files.exists(run.job.rejects()));
      ArrayNode rejects = out.putArray("rejects");
      for (RowOutcome o : run.rejects) {
        rejects
            .addObject()
            .put("row", o.row())
            .put("key", JobApi.keyOf(o))
            .put("reason", o.reason());
      }
      if (!run.problems.isEmpty()) {
        JobApi.problems(out, run.problems);
      }
    }
    return out;
  }

  // As the command line's progress says it: the pace kept and the budget it keeps under.
  private static String pace(RatePacer.Pace p) {
    return String.format(
        Locale.ROOT,
        "at %.0f TSTU/s (budget %.0f TSTU / %.0f s)",
        p.tstuPerSecond(),
        p.limitTstu(),
        p.windowSeconds());
  }

  private Exchange.Answer rejects() throws IOException {
    Run run = current;
    if (run == null || !Files.exists(run.job.rejects())) {
      return Exchange.Answer.error(404, "no rejects file: no rows were rejected");
    }
    Path file = run.job.rejects();
    return Exchange.Answer.download(
        file.getFileName().toString(), "text/csv; charset=utf-8", Files.readAllBytes(file));
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }

  /** One run's state, updated on the run's thread and read by the page's polls. */
  private static final class Run {
    final ImportJob job;
    final TrafficStats stats;
    final String file;
    final long started = System.nanoTime();
    final List<RowOutcome> rejects = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    long read;
    long written;
    long rejected;
    long skipped;
    RunSummary summary;
    boolean done;
    // The latest pace while the pacer held calls back: the run stays "paced" once it has been.
    RatePacer.Pace paced;

    Run(ImportJob job, TrafficStats stats, String file) {
      this.job = job;
      this.stats = stats;
      this.file = file;
    }

    void execute(AzdoClient client, String target) {
      try {
        RunSummary s =
            ImportTask.builder(job, client)
                .target(target)
                .progress(this::counts)
                .outcomes(this::outcome)
                .build()
                .run();
        synchronized (this) {
          counts(s);
          summary = s;
        }
      } catch (PlanException e) {
        fail(e.problems());
      } catch (JobException e) {
        fail(e.problems());
      } catch (SourceException | JournalMismatchException | JournalLockedException e) {
        fail(List.of(Messages.of(e)));
      } catch (RuntimeException e) {
        fail(List.of("the run stopped: " + Messages.of(e)));
      } finally {
        synchronized (this) {
          done = true;
        }
      }
    }

    synchronized void notePace() {
      RatePacer.Pace p = stats.pace();
      if (p != null && p.paced()) {
        paced = p;
      }
    }

    private synchronized void counts(RunSummary s) {
      notePace();
      read = s.readCount();
      written = s.writtenCount();
      rejected = s.rejectedCount();
      skipped = s.skippedCount() + s.changedCount() + s.notAttemptedCount();
    }

    private synchronized void outcome(RowOutcome o) {
      if (o.status() == RowOutcome.Status.REJECTED && rejects.size() < REJECTS_SHOWN) {
        rejects.add(o);
      }
    }

    private synchronized void fail(List<String> reasons) {
      problems.addAll(reasons);
    }
  }
}
