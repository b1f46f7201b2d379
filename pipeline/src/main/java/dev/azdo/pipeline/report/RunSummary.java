package dev.azdo.pipeline.report;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of a run. Every row read ends in exactly one of written, rejected, skipped (already
 * written by an earlier run) or not attempted (the run stopped first), so the four add up to the
 * rows read. Safe for use from several threads.
 */
public final class RunSummary {
  /** Exit code when every row is done. */
  public static final int EXIT_OK = 0;

  /** Exit code when the run finished but some rows were rejected. */
  public static final int EXIT_REJECTED = 3;

  /** Exit code when the run stopped before every row was attempted. */
  public static final int EXIT_FAILED = 1;

  private final AtomicLong read = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong notAttempted = new AtomicLong();
  private volatile String stopReason;

  /** Counts a row read from the source. */
  public void read() {
    read.incrementAndGet();
  }

  /** Counts a row written (created, updated or deleted). */
  public void written() {
    written.incrementAndGet();
  }

  /** Counts a rejected row. */
  public void rejected() {
    rejected.incrementAndGet();
  }

  /** Counts a row skipped because an earlier run wrote it. */
  public void skipped() {
    skipped.incrementAndGet();
  }

  /** Counts rows left unattempted because the run stopped. */
  public void notAttempted(long rows) {
    notAttempted.addAndGet(rows);
  }

  /** Records why the run stopped early; the first reason wins. */
  public synchronized void stopped(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
  }

  /** Returns the rows read. */
  public long readCount() {
    return read.get();
  }

  /** Returns the rows written. */
  public long writtenCount() {
    return written.get();
  }

  /** Returns the rows rejected. */
  public long rejectedCount() {
    return rejected.get();
  }

  /** Returns the rows skipped as already done. */
  public long skippedCount() {
    return skipped.get();
  }

  /** Returns the rows not attempted. */
  public long notAttemptedCount() {
    return notAttempted.get();
  }

  /** Returns why the run stopped early, or null. */
  public String stopReason() {
    return stopReason;
  }

  /** Returns true when written + rejected + skipped + not attempted equals read. */
  public boolean isBalanced() {
    return writtenCount() + rejectedCount() + skippedCount() + notAttemptedCount() == readCount();
  }

  /** Returns 0 when all rows are done, 3 when some were rejected, 1 when the run stopped early. */
  public int exitCode() {
    if (stopReason != null || notAttemptedCount() > 0) {
      return EXIT_FAILED;
    }
    return rejectedCount() > 0 ? EXIT_REJECTED : EXIT_OK;
  }

  @Override
  public String toString() {
    return "read "
        + readCount()
        + ", written "
        + writtenCount()
        + ", rejected "
        + rejectedCount()
        + ", skipped (already done) "
        + skippedCount()
        + ", not attempted "
        + notAttemptedCount()
        + (stopReason != null ? "; stopped: " + stopReason : "");
  }
}
