package dev.azdo.pipeline.report;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of a run. Every row read ends in exactly one of written, rejected, skipped as
 * unchanged (an earlier run wrote it with the same content), skipped as changed (an earlier run
 * created it and its content changed since, which this endpoint cannot apply) or not attempted (the
 * run stopped first), so they add up to the rows read. Safe for use from several threads.
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
  private final AtomicLong changed = new AtomicLong();
  private final AtomicLong notAttempted = new AtomicLong();
  // Field reference name to the rows whose answer did not hold it as sent, in first-seen order.
  private final java.util.Map<String, Long> notKept = new java.util.LinkedHashMap<>();
  private volatile String stopReason;
  private volatile java.nio.file.Path journal;
  private volatile java.nio.file.Path report;
  private volatile boolean stoppedBySource;

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

  /** Counts a row skipped because an earlier run wrote it with the same content. */
  public void skipped() {
    skipped.incrementAndGet();
  }

  /**
   * Counts a row an earlier run created whose content changed since, skipped because the endpoint
   * cannot apply the change (it is listed in the rejects file with the reason).
   */
  public void skippedChanged() {
    changed.incrementAndGet();
  }

  /** Counts a written row whose answer did not hold a field as sent. */
  public synchronized void notKept(String field) {
    notKept.merge(field, 1L, Long::sum);
  }

  /** Returns, by field reference name, the written rows whose answer did not hold it as sent. */
  public synchronized java.util.Map<String, Long> notKeptCounts() {
    return java.util.Map.copyOf(notKept);
  }

  /**
   * Returns the fields not kept with their row counts, such as {@code fields not kept: ResolvedDate
   * 3 rows, Priority 1 row}, or null when the service kept every field sent.
   */
  public synchronized String notKeptText() {
    if (notKept.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder("fields not kept: ");
    String sep = "";
    for (java.util.Map.Entry<String, Long> e : notKept.entrySet()) {
      b.append(sep).append(shortName(e.getKey())).append(' ').append(e.getValue());
      b.append(e.getValue() == 1 ? " row" : " rows");
      sep = ", ";
    }
    return b.toString();
  }

  // The name without its namespace reads best, unless two fields would then look alike.
  private String shortName(String field) {
    String s = new FieldNotKept(field, "", null).shortName();
    long same =
        notKept.keySet().stream()
            .filter(f -> new FieldNotKept(f, "", null).shortName().equalsIgnoreCase(s))
            .count();
    return same > 1 ? field : s;
  }

  /** Records that the source could not be read on (such as an unclosed quote at a row). */
  public void stoppedBySource(String reason) {
    stopped(reason);
    stoppedBySource = true;
  }

  /** Tells whether the run stopped because the source could not be read on. */
  public boolean stoppedBySource() {
    return stoppedBySource;
  }

  /** Records the journal the run resumed from and wrote to. */
  public void journal(java.nio.file.Path file) {
    this.journal = file;
  }

  /** Records the report listing the fields not kept, when the run wrote one; returns this. */
  public RunSummary report(java.nio.file.Path file) {
    this.report = file;
    return this;
  }

  /** Returns the report listing the fields not kept, or null when the run wrote none. */
  public java.nio.file.Path report() {
    return report;
  }

  /** Returns the journal the run used, or null (a dry run has none). */
  public java.nio.file.Path journal() {
    return journal;
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

  /** Returns the rows skipped as unchanged since an earlier run. */
  public long skippedCount() {
    return skipped.get();
  }

  /** Returns the rows skipped as already created with changed content. */
  public long changedCount() {
    return changed.get();
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
    return writtenCount() + rejectedCount() + skippedCount() + changedCount() + notAttemptedCount()
        == readCount();
  }

  /**
   * Returns 0 when all rows are done, 3 when some were rejected or skipped with changed content, 1
   * when the run stopped early.
   */
  public int exitCode() {
    if (stopReason != null || notAttemptedCount() > 0) {
      return EXIT_FAILED;
    }
    return rejectedCount() > 0 || changedCount() > 0 ? EXIT_REJECTED : EXIT_OK;
  }

  /**
   * Returns the skipped rows split by reason, such as {@code skipped 3 (unchanged 2, created with
   * changed content 1, not attempted 0)}.
   */
  public String skippedText() {
    long all = skippedCount() + changedCount() + notAttemptedCount();
    return "skipped "
        + all
        + " (unchanged "
        + skippedCount()
        + ", created with changed content "
        + changedCount()
        + ", not attempted "
        + notAttemptedCount()
        + ")";
  }

  @Override
  public String toString() {
    return "read "
        + readCount()
        + ", written "
        + writtenCount()
        + ", rejected "
        + rejectedCount()
        + ", "
        + skippedText()
        + (notKeptText() != null ? "; " + notKeptText() : "")
        + (stopReason != null ? "; stopped: " + stopReason : "");
  }
}
