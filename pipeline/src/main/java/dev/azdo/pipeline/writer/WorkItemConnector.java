package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.MappedRow;
import dev.azdo.pipeline.mapping.MappingResult;
import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.mapping.WorkItemPatch;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.source.SourceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The work item endpoints' connector: maps rows into work item patches with the plan, groups them
 * into {@code $batch} calls of up to the batch size (fewer when the sink's rate budget asks), looks
 * up the keys that need an id (updates, upserts, deletes, creates whose earlier answer was lost)
 * and turns each row into its create, update or delete. Thread-safe as the sink is.
 */
final class WorkItemConnector implements ImportConnector<MappedRow> {
  private final ImportPlan plan;
  private final WorkItemSink sink;
  private final WriteMode mode;
  private final WriteFlags flags;
  private final int batchSize;
  private final int concurrency;

  WorkItemConnector(
      ImportPlan plan,
      WorkItemSink sink,
      WriteMode mode,
      WriteFlags flags,
      int batchSize,
      int concurrency) {
    this.plan = plan;
    this.sink = sink;
    this.mode = mode;
    this.flags = flags;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
  }

  @Override
  public Planned<MappedRow> plan(SourceRow row) {
    MappingResult result = plan.map(row);
    if (result instanceof Rejection rejection) {
      // Children of this row must learn that their parent will never be written.
      String key = plan.hasKey() ? row.get(plan.spec().keyColumn()) : null;
      return Planned.refused(rejection, key == null || key.isBlank() ? null : key.strip());
    }
    MappedRow mapped = (MappedRow) result;
    String key = mapped.key();
    return Planned.of(
        new TaskItem<>(
            row,
            mapped,
            mapped.rowNumber(),
            key,
            key != null ? key : "row " + mapped.rowNumber(),
            mapped.parentKey()));
  }

  @Override
  public String digest(MappedRow row) {
    return RowDigest.of(row);
  }

  @Override
  public String keyColumn() {
    return plan.spec().keyColumn();
  }

  @Override
  public String refusesChange(TaskItem<MappedRow> item, Journal.Done done) {
    return mode != WriteMode.CREATE
        ? null
        : "already created as #"
            + done.id()
            + "; its content changed \u2014 use upsert-workitem to apply it";
  }

  @Override
  public boolean skipsEveryDone() {
    return mode == WriteMode.DELETE;
  }

  @Override
  public boolean canLookUp() {
    return plan.hasKey();
  }

  @Override
  public boolean looksUpWithoutResume(boolean journaled) {
    return mode == WriteMode.CREATE && canLookUp();
  }

  @Override
  public Rejection admit(TaskItem<MappedRow> item) {
    if (mode == WriteMode.CREATE) {
      return null;
    }
    if (plan.spec().keyIsWorkItemId()) {
      item.knownId(item.key());
    } else if (item.key() == null) {
      return new Rejection(
          item.rowNumber(), null, mode.endpoint() + " needs --key to find the work item");
    }
    return null;
  }

  @Override
  public String parentColumn() {
    return plan.spec().parentKeyColumn();
  }

  @Override
  public String existingParent(String parentKey) {
    // A whole number that is no key of this input names an existing work item.
    return isWholeNumber(parentKey) ? parentKey : null;
  }

  @Override
  public int maxBatchSize() {
    return batchSize;
  }

  @Override
  public int batchSize() {
    return sink.writesPerCall(batchSize);
  }

  @Override
  public int maxConcurrency() {
    return concurrency;
  }

  @Override
  public int concurrency() {
    return sink.callsAtOnce(concurrency);
  }

  /** Looks keys up where needed, then sends one $batch; runs on a worker thread. */
  @Override
  public List<ItemOutcome> send(List<TaskItem<MappedRow>> batch) {
    Map<String, Integer> existing = Map.of();
    List<String> lookup = new ArrayList<>();
    for (TaskItem<MappedRow> p : batch) {
      boolean needsId =
          p.knownId() == null
              && p.row().workItemId() == null
              && (mode != WriteMode.CREATE || p.lookUp());
      if (needsId && p.key() != null) {
        lookup.add(p.key());
      }
    }
    if (!lookup.isEmpty()) {
      existing = sink.findByKeys(plan.spec().keyField(), lookup);
    }
    List<ItemOutcome> outcomes = new ArrayList<>(batch.size());
    List<WorkItemWrite> writes = new ArrayList<>(batch.size());
    List<Integer> writeIndex = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      TaskItem<MappedRow> p = batch.get(i);
      // A row may name the item it updates (an Azure Boards CSV's ID).
      Integer id =
          p.knownId() != null
              ? Integer.valueOf(p.knownId())
              : p.row().workItemId() != null
                  ? p.row().workItemId()
                  : p.key() != null ? existing.get(p.key()) : null;
      outcomes.add(null);
      if (mode == WriteMode.CREATE && id != null) {
        // A lost response really did create the item: record it instead of creating a twin.
        outcomes.set(i, new ItemOutcome.Written(Integer.toString(id), true));
        continue;
      }
      WriteOutcome missing = missing(p, id);
      if (missing != null) {
        outcomes.set(i, outcome(missing));
        continue;
      }
      writes.add(write(p, id));
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
        outcomes.set(writeIndex.get(j), outcome(results.get(j)));
      }
    }
    return outcomes;
  }

  /** Returns why a row that needs an existing item cannot be written without one, or null. */
  private WriteOutcome missing(TaskItem<MappedRow> p, Integer id) {
    if (id != null) {
      return null;
    }
    if (mode == WriteMode.UPDATE || mode == WriteMode.DELETE) {
      return WriteOutcome.failed(404, "no work item has key \"" + p.key() + "\"");
    }
    if (p.row().workItemType() == null) {
      return WriteOutcome.failed(
          404,
          "no work item has key \""
              + p.key()
              + "\", and without --type (or a column mapped to System.WorkItemType) "
              + mode.endpoint()
              + " cannot create one");
    }
    return null;
  }

  private WorkItemWrite write(TaskItem<MappedRow> p, Integer id) {
    MappedRow mapped = p.row();
    if (mode == WriteMode.DELETE) {
      return new WorkItemWrite(
          WorkItemWrite.Kind.DELETE, mapped.rowNumber(), mapped.workItemType(), id, null);
    }
    WorkItemPatch patch = mapped.patch();
    if (p.parentId() != null) {
      patch =
          patch.withRelation(
              WorkItemPatch.PARENT_LINK, sink.workItemUrl(Integer.parseInt(p.parentId())));
    }
    return id != null
        ? new WorkItemWrite(WorkItemWrite.Kind.UPDATE, mapped.rowNumber(), null, id, patch)
        : new WorkItemWrite(
            WorkItemWrite.Kind.CREATE, mapped.rowNumber(), mapped.workItemType(), null, patch);
  }

  private ItemOutcome outcome(WriteOutcome o) {
    if (o.isSuccess()) {
      if (o.id() == null) {
        throw new NullPointerException("a successful write names its work item");
      }
      return new ItemOutcome.Written(Integer.toString(o.id()), false, o.notKept());
    }
    String column = plan.columnFor(o.field());
    String reason = "the service refused it (HTTP " + o.status() + "): " + o.message();
    return o.isRetryable()
        ? new ItemOutcome.Again(column, reason, false)
        : new ItemOutcome.Refused(column, reason, false);
  }

  private static boolean isWholeNumber(String text) {
    if (text.isEmpty() || text.length() > 9) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
