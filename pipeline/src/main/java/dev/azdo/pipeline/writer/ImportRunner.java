package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.MappedRow;
import dev.azdo.pipeline.mapping.MappingResult;
import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RunLedger;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs an import: reads rows, maps them with the plan, sends them in {@code $batch} calls of up to
 * 200 with bounded concurrency, and accounts for every row as written, rejected, skipped or not
 * attempted. Parents are written before their children; a row whose write fails alone is rejected
 * while the others go on. With a journal, rows already written are skipped, and rows whose response
 * was lost are looked up by key before being created again.
 *
 * <p>Only the calling thread maps rows and touches the journal and rejects file; worker threads
 * only call the sink.
 */
public final class ImportRunner {
  /** The service takes at most 200 requests per {@code $batch} call. */
  public static final int MAX_BATCH_SIZE = dev.azdo.pipeline.config.JobConfig.MAX_BATCH_SIZE;

  private final ImportPlan plan;
  private final WorkItemSink sink;
  private final WriteMode mode;
  private final int batchSize;
  private final int concurrency;
  private final ItemRetry retry;
  private final boolean resume;
  private final WriteFlags flags;
  private final Journal journal;
  private final RejectsWriter rejects;
  private final Consumer<RunSummary> progress;
  private final Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes;

  private ImportRunner(Builder b) {
    this.plan = b.plan;
    this.sink = b.sink;
    this.mode = b.mode;
    this.batchSize = b.batchSize;
    this.concurrency = b.concurrency;
    this.retry = b.retry;
    this.resume = b.resume;
    this.flags = b.flags;
    this.journal = b.sink.isDryRun() ? null : b.journal;
    this.rejects = b.rejects;
    this.progress = b.progress;
    this.outcomes = b.outcomes;
  }

  /** Returns a builder for a plan and a sink; the mode defaults to create. */
  public static Builder builder(ImportPlan plan, WorkItemSink sink) {
    return new Builder(plan, sink);
  }

  /** Runs the import over a source (which the caller closes) and returns the counts. */
  public RunSummary run(RowSource source) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "azdo-import-writer");
              t.setDaemon(true);
              return t;
            });
    try {
      return new Run(source, pool).execute();
    } finally {
      pool.shutdownNow();
    }
  }

  private final class Run {
    final RowSource source;
    final CompletionService<BatchDone> done;
    final BatchSender sender = new BatchSender(sink, mode, plan.spec().keyField(), flags, retry);
    final RunLedger ledger = new RunLedger(rejects, outcomes);
    final RunSummary summary = ledger.summary();
    // Ids by key, kept only when rows name parents: without --parent-key nothing reads them, and
    // a map entry per row would make memory grow with the input (1M rows: about 60 MB).
    final boolean keepIds = plan.spec().parentKeyColumn() != null;
    final Map<String, Integer> ids = new HashMap<>();
    final Set<String> failedKeys = new HashSet<>();
    final Map<String, List<PendingRow>> waiting = new LinkedHashMap<>();
    final List<PendingRow> ready = new ArrayList<>();
    // Parts of a batch the service refused as a whole, sent before anything else.
    final java.util.ArrayDeque<List<PendingRow>> isolated = new java.util.ArrayDeque<>();
    int inFlight;
    String sourceError;

    Run(RowSource source, ExecutorService pool) {
      this.source = source;
      this.done = new ExecutorCompletionService<>(pool);
    }

    RunSummary execute() {
      try {
        SourceRow row;
        while (!ledger.stopped() && (row = source.next()) != null) {
          summary.read();
          accept(row);
          collect(false);
        }
      } catch (SourceException e) {
        // Rows read before the damage are still good: write them, then report the stop.
        sourceError = e.getMessage();
      }
      while (!ledger.stopped() && (!ready.isEmpty() || !isolated.isEmpty() || inFlight > 0)) {
        if ((!ready.isEmpty() || !isolated.isEmpty()) && inFlight < sink.callsAtOnce(concurrency)) {
          dispatch();
        } else {
          collect(true);
        }
      }
      while (inFlight > 0) {
        collect(true);
      }
      if (!ledger.stopped()) {
        rejectOrphans();
      } else {
        isolated.forEach(this::notAttempted);
        isolated.clear();
        notAttempted(ready);
        ready.clear();
        for (List<PendingRow> children : waiting.values()) {
          notAttempted(children);
        }
        waiting.clear();
      }
      ledger.finish(source, sourceError);
      if (journal != null) {
        journal.sync();
      }
      progress.accept(summary);
      return summary;
    }

    private void accept(SourceRow row) {
      MappingResult result = plan.map(row);
      if (result instanceof Rejection rejection) {
        // Children of this row must learn that their parent will never be written.
        String key = plan.hasKey() ? row.get(plan.spec().keyColumn()) : null;
        key = key == null || key.isBlank() || ledger.hasKey(key.strip()) ? null : key.strip();
        reject(row, rejection, key);
        return;
      }
      MappedRow mapped = (MappedRow) result;
      String key = mapped.key();
      String journalKey = key != null ? key : "row " + mapped.rowNumber();
      if (key != null) {
        Rejection duplicate = ledger.claimKey(key, mapped.rowNumber(), plan.spec().keyColumn());
        if (duplicate != null) {
          reject(row, duplicate, null);
          return;
        }
      }
      PendingRow pending = new PendingRow(row, mapped, journalKey);
      if (journal != null) {
        pending.digest = RowDigest.of(mapped);
        Journal.Done done = journal.done(journalKey);
        Integer id = done == null ? null : done.workItemId();
        if (id != null && keepIds) {
          ids.put(journalKey, id);
        }
        if (id != null && resume) {
          if (mode == WriteMode.DELETE || pending.digest.equals(done.digest())) {
            ledger.unchanged(mapped.rowNumber(), key, done.id());
            return;
          }
          if (mode == WriteMode.CREATE) {
            ledger.changed(
                row,
                new Rejection(
                    mapped.rowNumber(),
                    null,
                    "already created as #"
                        + id
                        + "; its content changed \u2014 use upsert-workitem to apply it"));
            return;
          }
          // update and upsert apply the edited row to the item an earlier run wrote.
          pending.knownId = id;
        } else if (!resume && mode == WriteMode.CREATE && canLookUp()) {
          // --no-resume sends every row again, but never creates a twin of an existing item.
          pending.lookUpFirst = true;
          pending.fromEarlierRun = id != null;
        }
        if (id == null && journal.isPending(journalKey)) {
          if (!canLookUp()) {
            reject(
                row,
                new Rejection(
                    mapped.rowNumber(),
                    null,
                    "an earlier run sent this row but got no answer, and without --key it cannot be"
                        + " looked up; check whether the work item exists, then remove this row's"
                        + " line from the journal to send it again"),
                journalKey);
            return;
          }
          pending.lookUpFirst = true;
          pending.fromEarlierRun = true;
        }
      }
      if (mode == WriteMode.UPDATE || mode == WriteMode.DELETE || mode == WriteMode.UPSERT) {
        if (plan.spec().keyIsWorkItemId()) {
          pending.knownId = Integer.valueOf(key);
        } else if (key == null) {
          reject(
              row,
              new Rejection(
                  mapped.rowNumber(), null, mode.endpoint() + " needs --key to find the work item"),
              journalKey);
          return;
        }
      }
      String parent = mapped.parentKey();
      if (parent != null) {
        if (failedKeys.contains(parent)) {
          reject(row, parentRejected(mapped, parent), journalKey);
          return;
        }
        Integer parentId = ids.get(parent);
        if (parentId == null && journal != null) {
          parentId = journal.writtenId(parent);
        }
        if (parentId == null && !ledger.hasKey(parent) && isWholeNumber(parent)) {
          // Not a key of this input (so far): the value names an existing work item.
          parentId = Integer.valueOf(parent);
        }
        if (parentId == null) {
          waiting.computeIfAbsent(parent, k -> new ArrayList<>()).add(pending);
          return;
        }
        pending.parentId = parentId;
      }
      enqueue(pending);
    }

    private Rejection parentRejected(MappedRow mapped, String parent) {
      return new Rejection(
          mapped.rowNumber(),
          plan.spec().parentKeyColumn(),
          "the parent row with key \"" + parent + "\" was not written, so this row was not either");
    }

    private boolean canLookUp() {
      return plan.hasKey();
    }

    private void enqueue(PendingRow pending) {
      ready.add(pending);
      while (ready.size() >= batchSize && !ledger.stopped()) {
        dispatch();
      }
    }

    private void dispatch() {
      while (inFlight >= sink.callsAtOnce(concurrency)) {
        collect(true);
        if (ledger.stopped()) {
          return;
        }
      }
      List<PendingRow> batch;
      if (!isolated.isEmpty()) {
        batch = isolated.poll();
      } else if (ready.isEmpty()) {
        return;
      } else {
        // The sink may ask for smaller calls: the rate budget must pay for each one.
        int n = Math.min(sink.writesPerCall(batchSize), ready.size());
        batch = new ArrayList<>(ready.subList(0, n));
        ready.subList(0, n).clear();
      }
      if (journal != null) {
        for (PendingRow p : batch) {
          if (!p.lookUpFirst) {
            journal.sent(p.journalKey, p.mapped.rowNumber());
          }
        }
      }
      inFlight++;
      done.submit(() -> sender.send(batch));
    }

    /** Takes finished batches: all that are done, or with {@code block} at least one. */
    private void collect(boolean block) {
      while (inFlight > 0) {
        Future<BatchDone> future;
        try {
          future = block ? done.take() : done.poll();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stop("interrupted");
          return;
        }
        if (future == null) {
          return;
        }
        block = false;
        inFlight--;
        BatchDone result;
        try {
          result = future.get();
        } catch (InterruptedException | ExecutionException e) {
          stop("a writer thread failed: " + e.getMessage());
          continue;
        }
        handle(result);
      }
    }

    private void handle(BatchDone result) {
      if (result.failure() != null && result.failure().isRefused()) {
        isolate(result.batch(), result.failure());
        afterBatch();
        return;
      }
      if (result.failure() != null) {
        SinkException failure = result.failure();
        List<PendingRow> again = new ArrayList<>();
        for (PendingRow p : result.batch()) {
          p.attempts++;
          if (!failure.isFatal() && retry.allows(p.attempts) && !ledger.stopped() && canLookUp()) {
            // The items may have been written before the answer was lost: look them up first.
            p.lookUpFirst = true;
            again.add(p);
          }
        }
        if (again.size() == result.batch().size()) {
          ready.addAll(0, again);
        } else {
          notAttempted(result.batch());
          stop(failure.getMessage());
        }
        afterBatch();
        return;
      }
      for (int i = 0; i < result.batch().size(); i++) {
        PendingRow p = result.batch().get(i);
        WriteOutcome outcome = result.outcomes().get(i);
        if (outcome.isSuccess()) {
          int id = Objects.requireNonNull(outcome.id(), "a successful write names its work item");
          if (keepIds) {
            ids.put(p.journalKey, id);
          }
          if (journal != null) {
            journal.written(p.journalKey, p.mapped.rowNumber(), Integer.toString(id), p.digest);
          }
          if (result.found().get(i) && p.fromEarlierRun) {
            ledger.unchanged(p.mapped.rowNumber(), p.mapped.key(), Integer.toString(id));
          } else {
            ledger.written(
                p.mapped.rowNumber(), p.mapped.key(), Integer.toString(id), outcome.notKept());
          }
          release(p.journalKey, id);
        } else if (outcome.isRetryable() && retry.allows(++p.attempts) && !ledger.stopped()) {
          p.lookUpFirst = canLookUp();
          ready.add(p);
        } else {
          reject(
              p.row,
              new Rejection(
                  p.mapped.rowNumber(),
                  plan.columnFor(outcome.field()),
                  "the service refused it (HTTP " + outcome.status() + "): " + outcome.message()),
              p.journalKey);
        }
      }
      afterBatch();
    }

    /**
     * The service refused a whole batch (400: a body over its limit, one value too long): sends
     * each half on its own, down to single rows, so only the offending row is rejected, with the
     * service's reason.
     */
    private void isolate(List<PendingRow> batch, SinkException refusal) {
      if (batch.size() == 1) {
        PendingRow p = batch.get(0);
        if (journal != null) {
          // An answered refusal wrote nothing: a rerun must send the row, not look it up.
          journal.rejected(p.journalKey, p.mapped.rowNumber());
        }
        reject(
            p.row,
            new Rejection(
                p.mapped.rowNumber(), null, "the service refused it: " + refusal.getMessage()),
            p.journalKey);
        return;
      }
      int half = batch.size() / 2;
      isolated.addFirst(new ArrayList<>(batch.subList(half, batch.size())));
      isolated.addFirst(new ArrayList<>(batch.subList(0, half)));
    }

    private void afterBatch() {
      if (journal != null) {
        journal.sync();
      }
      progress.accept(summary);
    }

    private void release(String key, int id) {
      List<PendingRow> children = waiting.remove(key);
      if (children == null) {
        return;
      }
      for (PendingRow child : children) {
        child.parentId = id;
        enqueue(child);
      }
    }

    private void reject(SourceRow row, Rejection rejection, String journalKey) {
      ledger.reject(row, rejection);
      if (journalKey != null) {
        failedKeys.add(journalKey);
        List<PendingRow> children = waiting.remove(journalKey);
        if (children != null) {
          for (PendingRow child : children) {
            reject(child.row, parentRejected(child.mapped, journalKey), child.journalKey);
          }
        }
      }
    }

    private void rejectOrphans() {
      while (!waiting.isEmpty()) {
        String parent = waiting.keySet().iterator().next();
        List<PendingRow> children = waiting.remove(parent);
        for (PendingRow child : children) {
          reject(
              child.row,
              new Rejection(
                  child.mapped.rowNumber(),
                  plan.spec().parentKeyColumn(),
                  "parent \"" + parent + "\" is neither a key of this input nor a work item id"),
              child.journalKey);
        }
      }
    }

    private void notAttempted(List<PendingRow> rows) {
      for (PendingRow p : rows) {
        ledger.notAttempted(p.mapped.rowNumber());
      }
    }

    private void stop(String reason) {
      ledger.stop(reason);
    }
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

  /** Collects runner settings and checks each at once. */
  public static final class Builder {
    private final ImportPlan plan;
    private final WorkItemSink sink;
    private WriteMode mode = WriteMode.CREATE;
    private int batchSize = MAX_BATCH_SIZE;
    private int concurrency = 4;
    private ItemRetry retry = ItemRetry.DEFAULT;
    private boolean resume = true;
    private WriteFlags flags = WriteFlags.NONE;
    private Journal journal;
    private RejectsWriter rejects;
    private Consumer<RunSummary> progress = s -> {};
    private Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes;

    private Builder(ImportPlan plan, WorkItemSink sink) {
      this.plan = Objects.requireNonNull(plan, "plan");
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Sets create, update, upsert or delete (default create). */
    public Builder mode(WriteMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Sets the writes per {@code $batch} call, 1 to 200 (default 200). */
    public Builder batchSize(int size) {
      if (size < 1 || size > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException(
            "--batch-size must be 1 to " + MAX_BATCH_SIZE + ", was " + size);
      }
      this.batchSize = size;
      return this;
    }

    /** Sets how many batch calls may be in flight at once, 1 to 32 (default 4). */
    public Builder concurrency(int threads) {
      if (threads < 1 || threads > 32) {
        throw new IllegalArgumentException("--concurrency must be 1 to 32, was " + threads);
      }
      this.concurrency = threads;
      return this;
    }

    /**
     * Sets how often and after what waits a row is tried again (default {@link ItemRetry#DEFAULT}).
     */
    public Builder retry(ItemRetry retry) {
      this.retry = java.util.Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Takes the retry settings of the client's connection, so one set of settings governs the
     * client's calls and the task's item retries.
     */
    public Builder retry(dev.azdo.client.ConnectionSettings settings) {
      return retry(ItemRetry.of(settings));
    }

    /**
     * Sets whether rows the journal records as written unchanged are skipped (default true); false
     * sends them again, looking keys up before creating.
     */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** Sets bypassRules and suppressNotifications. */
    public Builder flags(WriteFlags flags) {
      this.flags = Objects.requireNonNull(flags, "flags");
      return this;
    }

    /** Sets the journal for resume; ignored by a dry run. */
    public Builder journal(Journal journal) {
      this.journal = journal;
      return this;
    }

    /** Sets where rejected rows go; without it they are only counted. */
    public Builder rejects(RejectsWriter rejects) {
      this.rejects = rejects;
      return this;
    }

    /** Sets a callback run on the calling thread after each batch, for progress display. */
    public Builder progress(Consumer<RunSummary> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** Sets a listener told each row's outcome on the calling thread (may be null). */
    public Builder outcomes(Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes) {
      this.outcomes = outcomes;
      return this;
    }

    /** Returns the runner. */
    public ImportRunner build() {
      if ((mode == WriteMode.UPDATE || mode == WriteMode.DELETE || mode == WriteMode.UPSERT)
          && !plan.hasKey()) {
        throw new IllegalArgumentException(
            mode.endpoint() + " needs --key SRC=FIELD to find the work items");
      }
      return new ImportRunner(this);
    }
  }
}
