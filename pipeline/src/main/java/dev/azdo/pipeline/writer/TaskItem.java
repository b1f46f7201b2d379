package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.source.SourceRow;

/**
 * A row on its way through the import task: the connector's planned form of it and what the task
 * has learnt of it so far (its offset in the journal, tries, whether it must be looked up first).
 *
 * @param <R> the connector's planned row, such as a mapped work item row
 */
public final class TaskItem<R> {
  private final SourceRow source;
  private final R row;
  private final long rowNumber;
  private final String key;
  private final String journalKey;
  private final String parentKey;
  String digest;
  String parentId;
  String knownId;
  int attempts;
  boolean lookUp;
  boolean fromEarlierRun;

  /**
   * Creates the item of a planned row.
   *
   * @param key the row's {@code --key} value, or null
   * @param journalKey the row's entry in the journal (its offset)
   * @param parentKey the key of the row that must be written first, or null
   */
  public TaskItem(
      SourceRow source, R row, long rowNumber, String key, String journalKey, String parentKey) {
    this.source = source;
    this.row = row;
    this.rowNumber = rowNumber;
    this.key = key;
    this.journalKey = journalKey;
    this.parentKey = parentKey;
  }

  /** Returns the source row, for the rejects file. */
  public SourceRow source() {
    return source;
  }

  /** Returns the connector's planned row. */
  public R row() {
    return row;
  }

  /** Returns the source row number. */
  public long rowNumber() {
    return rowNumber;
  }

  /** Returns the row's key, or null. */
  public String key() {
    return key;
  }

  /** Returns the row's journal key. */
  public String journalKey() {
    return journalKey;
  }

  /** Returns the key of the row that must be written before this one, or null. */
  public String parentKey() {
    return parentKey;
  }

  /** Returns the id the parent row became, once known. */
  public String parentId() {
    return parentId;
  }

  /** Returns the id this row's write goes to when already known (an earlier run's, an id key). */
  public String knownId() {
    return knownId;
  }

  /** Sets the id this row's write goes to. */
  public void knownId(String id) {
    this.knownId = id;
  }

  /** Returns how often the row was tried already. */
  public int attempts() {
    return attempts;
  }

  /** Returns true when an earlier try may have taken effect unanswered: look it up first. */
  public boolean lookUp() {
    return lookUp;
  }
}
