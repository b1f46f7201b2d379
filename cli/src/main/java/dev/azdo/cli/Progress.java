package dev.azdo.cli;

import dev.azdo.client.http.RatePacer;
import dev.azdo.client.http.RetryAfter;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.report.RunSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows an import's progress: a live bar on a terminal, plain lines every few seconds otherwise.
 */
final class Progress implements AutoCloseable {
  /** How progress is shown. */
  enum Mode {
    AUTO,
    BAR,
    PLAIN,
    NONE
  }

  // Plain lines go to logs and CI output: one every few seconds is enough and keeps them short.
  private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
  // A shorter wait is ordinary backoff; a longer one would look like a hang unless it is shown.
  static final Duration SHOWN_WAIT = Duration.ofSeconds(10);

  private final PrintWriter err;
  private final TrafficStats stats;
  private final LongSupplier nanos;
  private final long start;
  private final Mode mode;
  private boolean dryRun;
  private volatile ProgressBar bar;
  private long lastLine;

  Progress(Mode mode, PrintWriter err, TrafficStats stats, LongSupplier nanos) {
    this.mode = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.PLAIN) : mode;
    this.err = err;
    this.stats = stats;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.lastLine = start;
    stats.onWait(this::waitStarted);
  }

  /** Says at once that a long wait has started; called on the thread that waits. */
  private void waitStarted(Duration wait) {
    if (wait.compareTo(SHOWN_WAIT) <= 0) {
      return;
    }
    switch (mode) {
      case BAR -> {
        ProgressBar b = bar;
        if (b != null) {
          b.setExtraMessage(" waiting " + RetryAfter.human(wait) + " before the next request");
        }
      }
      case PLAIN -> {
        err.println(
            "azdo: progress: waiting " + RetryAfter.human(wait) + " before the next request");
        err.flush();
      }
      default -> {}
    }
  }

  /** ", waiting 4 min 10 s" while a wait over 10 s is under way, else nothing. */
  private String waiting() {
    return stats
        .currentWait()
        .filter(w -> w.compareTo(SHOWN_WAIT) > 0)
        .map(w -> ", waiting " + RetryAfter.human(w))
        .orElse("");
  }

  /** Says "would write" instead of "written": a dry run writes nothing. */
  Progress dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Takes the counts after a batch; called on the importing thread. */
  void update(RunSummary s) {
    switch (mode) {
      case BAR -> {
        if (bar == null) {
          bar =
              new ProgressBarBuilder()
                  .setTaskName("Import")
                  .setInitialMax(-1)
                  .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                  .setUpdateIntervalMillis(250)
                  .showSpeed()
                  .setUnit(" rows", 1)
                  .build();
        }
        bar.stepTo(s.readCount());
        bar.setExtraMessage(" " + counts(s) + waiting());
      }
      case PLAIN -> {
        long now = nanos.getAsLong();
        if (now - lastLine >= PLAIN_EVERY_NANOS) {
          lastLine = now;
          err.println("azdo: progress: " + line(s, now));
          err.flush();
        }
      }
      default -> {}
    }
  }

  /** Takes an export's count of items written out of the total; called on the exporting thread. */
  void exported(long written, long total) {
    switch (mode) {
      case BAR -> {
        if (bar == null) {
          bar =
              new ProgressBarBuilder()
                  .setTaskName("Export")
                  .setInitialMax(total)
                  .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                  .setUpdateIntervalMillis(250)
                  .showSpeed()
                  .setUnit(" items", 1)
                  .build();
        }
        bar.stepTo(written);
        bar.setExtraMessage(
            String.format(
                Locale.ROOT,
                " retries %d, throttled %d%s",
                stats.retryCount(),
                stats.throttledCount(),
                waiting()));
      }
      case PLAIN -> {
        long now = nanos.getAsLong();
        if (now - lastLine >= PLAIN_EVERY_NANOS) {
          lastLine = now;
          double seconds = Math.max(1e-9, (now - start) / 1e9);
          err.println(
              String.format(
                  Locale.ROOT,
                  "azdo: progress: exported %d of %d items in %.1f s (%.0f items/s), retries %d,"
                      + " throttled %d%s",
                  written,
                  total,
                  seconds,
                  written / seconds,
                  stats.retryCount(),
                  stats.throttledCount(),
                  waiting()));
          err.flush();
        }
      }
      default -> {}
    }
  }

  /** Seconds since the progress started. */
  double seconds() {
    return (nanos.getAsLong() - start) / 1e9;
  }

  /** The final figures of a run, one line, with the skipped rows split by reason. */
  String line(RunSummary s) {
    long now = nanos.getAsLong();
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    return String.format(
        Locale.ROOT,
        "read %d, %s %d, rejected %d, %s, retries %d, throttled %d%s in %.1f s (%.0f rows/s)",
        s.readCount(),
        dryRun ? "would write" : "written",
        s.writtenCount(),
        s.rejectedCount(),
        s.skippedText(),
        stats.retryCount(),
        stats.throttledCount(),
        pacing(),
        seconds,
        s.readCount() / seconds);
  }

  private String line(RunSummary s, long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    return String.format(
        Locale.ROOT,
        "read %d, %s in %.1f s (%.0f rows/s)%s",
        s.readCount(),
        counts(s),
        seconds,
        s.readCount() / seconds,
        waiting());
  }

  private String counts(RunSummary s) {
    return String.format(
        Locale.ROOT,
        "%s %d, rejected %d, skipped %d, retries %d, throttled %d%s",
        dryRun ? "would write" : "written",
        s.writtenCount(),
        s.rejectedCount(),
        s.skippedCount() + s.changedCount() + s.notAttemptedCount(),
        stats.retryCount(),
        stats.throttledCount(),
        pacing());
  }

  // While the pacer holds calls back to stay in the rate budget: the pace it keeps.
  private String pacing() {
    RatePacer.Pace p = stats.pace();
    if (p == null || !p.paced()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        ", paced at %.0f TSTU/s (budget %.0f TSTU / %.0f s)",
        p.tstuPerSecond(),
        p.limitTstu(),
        p.windowSeconds());
  }

  /** Ends the bar, so the summary that follows starts on a line of its own. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
