package dev.azdo.pipeline.writer;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where an import writes: one {@code $batch} round trip per call, plus a lookup by key for resume
 * and upsert. Implementations must be safe for concurrent calls from several threads.
 */
public interface WorkItemSink {

  /**
   * Sends up to 200 writes in one round trip; each succeeds or fails on its own.
   *
   * @return one outcome per write, in order
   * @throws SinkException when the call as a whole failed and no outcome is known
   */
  List<WriteOutcome> write(List<WorkItemWrite> writes, WriteFlags flags);

  /**
   * Finds existing work items by row key.
   *
   * @param keyField the field holding the key, or null when items carry the tag {@code
   *     import-key:KEY}
   * @return key to work item id for the keys found
   * @throws SinkException when the lookup fails
   */
  Map<String, Integer> findByKeys(String keyField, Collection<String> keys);

  /** Returns the API URL of a work item, used in relations such as the parent link. */
  String workItemUrl(int id);

  /**
   * Most writes one {@link #write} call should carry now, between 1 and max: fewer when the
   * service's rate budget could not pay for a full call.
   */
  default int writesPerCall(int max) {
    return max;
  }

  /** How many {@link #write} calls should be in flight now, between 1 and max. */
  default int callsAtOnce(int max) {
    return max;
  }

  /** Returns true when nothing is really written, so the journal must not record the fake ids. */
  default boolean isDryRun() {
    return false;
  }

  /** Returns the organization the writes go to (see JournalIdentity.targetOf), or null. */
  default String target() {
    return null;
  }
}
