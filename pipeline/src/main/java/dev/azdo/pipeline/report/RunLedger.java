package dev.azdo.pipeline.report;

import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The books every runner keeps so that each row ends written, rejected or not attempted: the
 * counts, the rejects file, the first row of each key, the range of rows not attempted and why the
 * run stopped. Used from the runner's own thread.
 */
public final class RunLedger {
  private final RunSummary summary = new RunSummary();
  private final RejectsWriter rejects;
  private final java.util.function.Consumer<RowOutcome> outcomes;
  private final Map<String, Long> firstRowOfKey = new HashMap<>();
  private String stopReason;
  private long firstNotAttempted = Long.MAX_VALUE;
  private long lastNotAttempted;

  /** Starts the books of a run; rejects may be null. */
  public RunLedger(RejectsWriter rejects) {
    this(rejects, null);
  }

  /** Starts the books of a run that tells each row's outcome to a listener (may be null). */
  public RunLedger(RejectsWriter rejects, java.util.function.Consumer<RowOutcome> outcomes) {
    this.rejects = rejects;
    this.outcomes = outcomes;
  }

  private void tell(long row, String key, RowOutcome.Status status, String id, String reason) {
    if (outcomes != null) {
      outcomes.accept(new RowOutcome(row, key, status, id, reason));
    }
  }

  /** Counts a row written by this run (or found written after a lost answer). */
  public void written(long row, String key, String id) {
    written(row, key, id, List.of());
  }

  /**
   * Counts a row written by this run whose answer did not hold some fields as sent: still written,
   * but each such field is counted in the summary and told with the outcome.
   */
  public void written(long row, String key, String id, List<FieldNotKept> notKept) {
    summary.written();
    for (FieldNotKept f : notKept) {
      summary.notKept(f.field());
    }
    if (outcomes != null) {
      outcomes.accept(new RowOutcome(row, key, RowOutcome.Status.WRITTEN, id, null, notKept));
    }
  }

  /** Counts a row an earlier run wrote with the same content. */
  public void unchanged(long row, String key, String id) {
    summary.skipped();
    tell(row, key, RowOutcome.Status.UNCHANGED, id, null);
  }

  /** Returns the run's counts. */
  public RunSummary summary() {
    return summary;
  }

  /** Counts a rejected row and writes it with its reason. */
  public void reject(SourceRow row, Rejection rejection) {
    reject(row, rejection, null);
  }

  /**
   * Counts a rejected row of the given key (null when it has none) and writes it with its reason;
   * the key is told with the outcome, so a plan's rejection names its row as a service's does.
   */
  public void reject(SourceRow row, Rejection rejection, String key) {
    summary.rejected();
    tell(rejection.rowNumber(), key, RowOutcome.Status.REJECTED, null, rejection.reason());
    if (rejects != null) {
      rejects.write(row, rejection);
    }
  }

  /**
   * Counts a row an earlier run created whose content changed since, which this endpoint cannot
   * apply; it is listed in the rejects file with the reason but counted as skipped.
   */
  public void changed(SourceRow row, String key, Rejection reason) {
    summary.skippedChanged();
    tell(reason.rowNumber(), key, RowOutcome.Status.CHANGED, null, reason.reason());
    if (rejects != null) {
      rejects.write(row, reason);
    }
  }

  /**
   * Claims a key for a row: null for its first row, else the rejection of this later row (a second
   * row with the same key would duplicate or clobber the first one's work item).
   */
  public Rejection claimKey(String key, long row, String column) {
    Long first = firstRowOfKey.putIfAbsent(key, row);
    if (first == null) {
      return null;
    }
    return new Rejection(
        row,
        column,
        "duplicate key \""
            + key
            + "\": row "
            + first
            + " has the same key; this row was not written");
  }

  /** Tells whether an earlier row claimed this key. */
  public boolean hasKey(String key) {
    return firstRowOfKey.containsKey(key);
  }

  /** Counts a row the run will not attempt. */
  public void notAttempted(long row) {
    notAttempted(row, null);
  }

  /** Counts a row of the given key (may be null) the run will not attempt. */
  public void notAttempted(long row, String key) {
    firstNotAttempted = Math.min(firstNotAttempted, row);
    lastNotAttempted = Math.max(lastNotAttempted, row);
    summary.notAttempted(1);
    tell(row, key, RowOutcome.Status.NOT_ATTEMPTED, null, stopReason);
  }

  /** Stops the run; the first reason wins. */
  public void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  /** Tells whether the run was stopped. */
  public boolean stopped() {
    return stopReason != null;
  }

  /**
   * Closes the books: a stopped run counts the rows left in the source as not attempted (unless the
   * source itself failed) and records why it stopped with the range of rows not attempted; a run
   * whose source failed records that.
   */
  public void finish(RowSource source, String sourceError) {
    if (stopReason == null) {
      if (sourceError != null) {
        summary.stoppedBySource(sourceError);
      }
      return;
    }
    if (sourceError == null) {
      drainUnread(source);
    }
    summary.stopped(
        stopReason
            + (summary.notAttemptedCount() > 0
                ? "; rows "
                    + firstNotAttempted
                    + " to "
                    + lastNotAttempted
                    + " ("
                    + summary.notAttemptedCount()
                    + " rows) were not attempted"
                : ""));
  }

  private void drainUnread(RowSource source) {
    try {
      SourceRow row;
      while ((row = source.next()) != null) {
        summary.read();
        notAttempted(row.rowNumber());
      }
    } catch (SourceException e) {
      // The run already stopped; the count of unread rows is as far as the source goes.
    }
  }
}
