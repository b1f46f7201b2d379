package dev.azdo.pipeline.writer;

import dev.azdo.client.AzdoException;
import dev.azdo.pipeline.mapping.WorkItemPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The worker side of the import task for work items: for one batch of rows it looks up the keys
 * that need an id (updates, upserts, deletes, creates whose earlier answer was lost), turns each
 * row into its create, update or delete, and sends them in one call. Thread-safe as the sink is.
 */
final class BatchSender {
  private final WorkItemSink sink;
  private final WriteMode mode;
  private final String keyField;
  private final WriteFlags flags;
  private final ItemRetry retry;

  BatchSender(
      WorkItemSink sink, WriteMode mode, String keyField, WriteFlags flags, ItemRetry retry) {
    this.sink = sink;
    this.mode = mode;
    this.keyField = keyField;
    this.flags = flags;
    this.retry = retry;
  }

  /** Looks keys up where needed, then sends one $batch; runs on a worker thread. */
  BatchDone send(List<PendingRow> batch) {
    List<WriteOutcome> outcomes = new ArrayList<>(batch.size());
    List<Boolean> found = new ArrayList<>(batch.size());
    try {
      backOff(batch);
      Map<String, Integer> existing = Map.of();
      List<String> lookup = new ArrayList<>();
      for (PendingRow p : batch) {
        boolean needsId =
            p.knownId == null
                && p.mapped.workItemId() == null
                && (mode != WriteMode.CREATE || p.lookUpFirst);
        if (needsId && p.mapped.key() != null) {
          lookup.add(p.mapped.key());
        }
      }
      if (!lookup.isEmpty()) {
        existing = sink.findByKeys(keyField, lookup);
      }
      List<WorkItemWrite> writes = new ArrayList<>(batch.size());
      List<Integer> writeIndex = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        PendingRow p = batch.get(i);
        // A row may name the item it updates (an Azure Boards CSV's ID).
        Integer id =
            p.knownId != null
                ? p.knownId
                : p.mapped.workItemId() != null
                    ? p.mapped.workItemId()
                    : p.mapped.key() != null ? existing.get(p.mapped.key()) : null;
        outcomes.add(null);
        found.add(false);
        if (mode == WriteMode.CREATE && id != null) {
          // A lost response really did create the item: record it instead of creating a twin.
          outcomes.set(i, WriteOutcome.ok(id));
          found.set(i, true);
          continue;
        }
        if ((mode == WriteMode.UPDATE || mode == WriteMode.DELETE) && id == null) {
          outcomes.set(
              i, WriteOutcome.failed(404, "no work item has key \"" + p.mapped.key() + "\""));
          continue;
        }
        if (id == null && p.mapped.workItemType() == null) {
          outcomes.set(
              i,
              WriteOutcome.failed(
                  404,
                  "no work item has key \""
                      + p.mapped.key()
                      + "\", and without --type (or a column mapped to System.WorkItemType) "
                      + mode.endpoint()
                      + " cannot create one"));
          continue;
        }
        WorkItemPatch patch = p.mapped.patch();
        if (p.parentId != null && mode != WriteMode.DELETE) {
          patch = patch.withRelation(WorkItemPatch.PARENT_LINK, sink.workItemUrl(p.parentId));
        }
        WorkItemWrite write =
            mode == WriteMode.DELETE
                ? new WorkItemWrite(
                    WorkItemWrite.Kind.DELETE,
                    p.mapped.rowNumber(),
                    p.mapped.workItemType(),
                    id,
                    null)
                : id != null
                    ? new WorkItemWrite(
                        WorkItemWrite.Kind.UPDATE, p.mapped.rowNumber(), null, id, patch)
                    : new WorkItemWrite(
                        WorkItemWrite.Kind.CREATE,
                        p.mapped.rowNumber(),
                        p.mapped.workItemType(),
                        null,
                        patch);
        writes.add(write);
        writeIndex.add(i);
      }
      if (!writes.isEmpty()) {
        List<WriteOutcome> results = sink.write(writes, flags);
        if (results.size() != writes.size()) {
          throw new SinkException(
              "the service answered " + results.size() + " of " + writes.size() + " batch items",
              false,
              null);
        }
        for (int j = 0; j < results.size(); j++) {
          outcomes.set(writeIndex.get(j), results.get(j));
        }
      }
      return new BatchDone(batch, outcomes, found, null);
    } catch (SinkException e) {
      return new BatchDone(batch, null, null, e);
    } catch (RuntimeException e) {
      // A lookup's failure: as fatal as the same failure of a write would be.
      boolean fatal = e instanceof AzdoException a && SinkException.isFatal(a);
      return new BatchDone(
          batch, null, null, new SinkException(String.valueOf(e.getMessage()), fatal, e));
    }
  }

  /** Before trying rows again, waits as the retry settings say. */
  private void backOff(List<PendingRow> batch) {
    int attempts = 0;
    for (PendingRow p : batch) {
      attempts = Math.max(attempts, p.attempts);
    }
    retry.pause(attempts);
  }
}
