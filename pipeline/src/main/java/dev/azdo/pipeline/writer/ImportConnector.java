package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.source.SourceRow;
import java.util.List;

/**
 * One endpoint family's side of an import, as a Kafka Connect connector is to its task: how a
 * source row becomes a planned row, what resuming means for it, and how a batch of rows becomes
 * requests and outcomes. The {@link TaskLoop} owns everything else: reading, batching, concurrency,
 * retries, the journal, rejects and the summary.
 *
 * <p>{@link #send} runs on worker threads; every other method on the task's thread.
 *
 * @param <R> the planned row
 */
public interface ImportConnector<R> {

  /**
   * A planned row, or why it cannot be: the rejection and the key it would have had (its children
   * learn their parent will never be written), or null.
   */
  record Planned<R>(TaskItem<R> item, Rejection rejection, String rejectedKey) {
    /** A row ready to go. */
    public static <R> Planned<R> of(TaskItem<R> item) {
      return new Planned<>(item, null, null);
    }

    /** A row refused by the plan. */
    public static <R> Planned<R> refused(Rejection rejection, String key) {
      return new Planned<>(null, rejection, key);
    }
  }

  /** Plans a source row. */
  Planned<R> plan(SourceRow row);

  /** Returns the digest of what a row sends, journaled with its id to tell edits apart. */
  String digest(R row);

  /** Returns the source column of the key, for duplicate-key rejections. */
  String keyColumn();

  /**
   * Returns null when an edited row an earlier run wrote is applied again (update, upsert), else
   * why it is not (the row is counted as skipped with changed content).
   */
  String refusesChange(TaskItem<R> item, Journal.Done done);

  /** Returns true when a row an earlier run wrote is skipped whatever its content (deletes). */
  boolean skipsEveryDone();

  /** Returns true when a row whose earlier answer was lost can be looked up before it is resent. */
  boolean canLookUp();

  /**
   * Returns true when a run ignoring the journal's skips looks a row up before sending it, given
   * whether the journal records it written.
   */
  boolean looksUpWithoutResume(boolean journaled);

  /** Checks a row once the journal has been read: null, or why it cannot be sent. */
  default Rejection admit(TaskItem<R> item) {
    return null;
  }

  /** Returns the source column naming parent rows, or null when rows have no parents. */
  default String parentColumn() {
    return null;
  }

  /** Returns the id of an existing item a parent value names when it is no key of the input. */
  default String existingParent(String parentKey) {
    return null;
  }

  /** Returns the most rows a full call carries. */
  int maxBatchSize();

  /** Returns the most rows the next call should carry (the service's budget may ask fewer). */
  default int batchSize() {
    return maxBatchSize();
  }

  /** Returns the most calls in flight at once over the run. */
  int maxConcurrency();

  /** Returns how many calls should be in flight now, 1 to {@link #maxConcurrency}. */
  default int concurrency() {
    return maxConcurrency();
  }

  /**
   * Sends a batch: looks up rows an earlier try may have written, then writes the rest.
   *
   * @return one outcome per item, in order
   * @throws SinkException when the call as a whole failed and no row's outcome is known
   */
  List<ItemOutcome> send(List<TaskItem<R>> batch);
}
