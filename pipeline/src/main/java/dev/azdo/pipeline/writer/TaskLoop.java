package dev.azdo.pipeline.writer;

import dev.azdo.client.AzdoException;
import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunLedger;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The one import task every endpoint runs on: reads rows, has the connector plan them, skips or
 * re-applies what the journal records as written (by key and digest), holds children until their
 * parent is written, sends batches with bounded concurrency, tries rows again as the client's retry
 * settings say, splits a batch the service refuses as a whole down to the offending row, and
 * accounts for every row as written, rejected, skipped or not attempted.
 *
 * <p>Only the calling thread plans rows and touches the journal and rejects file; worker threads
 * only call {@link ImportConnector#send}.
 *
 * @param <R> the connector's planned row
 */
public final class TaskLoop<R> {
  private final ImportConnector<R> connector;
  private final Journal journal;
  private final RejectsWriter rejects;
  private final boolean resume;
  private final ItemRetry retry;
  private final Consumer<RunSummary> progress;
  private final Consumer<RowOutcome> outcomes;

  /**
   * Creates the task.
   *
   * @param journal the journal for resume, or null (a dry run)
   * @param rejects where rejected rows go, or null
   * @param resume whether rows the journal records as written unchanged are skipped
   * @param outcomes told each row's outcome, may be null
   */
  public TaskLoop(
      ImportConnector<R> connector,
      Journal journal,
      RejectsWriter rejects,
      boolean resume,
      ItemRetry retry,
      Consumer<RunSummary> progress,
      Consumer<RowOutcome> outcomes) {
    this.connector = connector;
    this.journal = journal;
    this.rejects = rejects;
    this.resume = resume;
    this.retry = retry;
    this.progress = progress == null ? s -> {} : progress;
    this.outcomes = outcomes;
  }

  /** Runs the import over a source (which the caller closes) and returns the counts. */
  public RunSummary run(RowSource source) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            connector.maxConcurrency(),
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

  /** What a worker brings back: one outcome per item, or the failure of the whole call. */
  private record Done<R>(
      List<TaskItem<R>> batch, List<ItemOutcome> outcomes, SinkException failure) {}

  private final class Run {
    final RowSource source;
    final CompletionService<Done<R>> done;
    final RunLedger ledger = new RunLedger(rejects, outcomes);
    final RunSummary summary = ledger.summary();
    // Ids by key, kept only when rows name parents: without them nothing reads these, and an
    // entry per row would make memory grow with the input (1M rows: about 60 MB).
    final boolean keepIds = connector.parentColumn() != null;
    final Map<String, String> ids = new HashMap<>();
    final Set<String> failedKeys = new HashSet<>();
    final Map<String, List<TaskItem<R>>> waiting = new LinkedHashMap<>();
    final List<TaskItem<R>> ready = new ArrayList<>();
    // Parts of a batch the service refused as a whole, sent before anything else.
    final ArrayDeque<List<TaskItem<R>>> isolated = new ArrayDeque<>();
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
        if (e.isServiceFailure()) {
          // A lookup's query failed after the client's retries: stop as for a failed write.
          ledger.stop(e.getMessage());
        } else {
          // Rows read before the damage are still good: write them, then report the stop.
          sourceError = e.getMessage();
        }
      }
      while (!ledger.stopped() && (!ready.isEmpty() || !isolated.isEmpty() || inFlight > 0)) {
        if ((!ready.isEmpty() || !isolated.isEmpty()) && inFlight < connector.concurrency()) {
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
        waiting.values().forEach(this::notAttempted);
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
      ImportConnector.Planned<R> planned = connector.plan(row);
      if (planned.rejection() != null) {
        String key = planned.rejectedKey();
        reject(row, planned.rejection(), key, key == null || ledger.hasKey(key) ? null : key);
        return;
      }
      TaskItem<R> item = planned.item();
      String jk = item.journalKey();
      if (item.key() != null) {
        Rejection duplicate = ledger.claimKey(item.key(), item.rowNumber(), connector.keyColumn());
        if (duplicate != null) {
          reject(row, duplicate, item.key(), null);
          return;
        }
      }
      if (journal != null && !resumed(item)) {
        return;
      }
      Rejection refused = connector.admit(item);
      if (refused != null) {
        reject(row, refused, item.key(), jk);
        return;
      }
      String parent = item.parentKey();
      if (parent != null) {
        if (failedKeys.contains(parent)) {
          reject(row, parentRejected(item, parent), item.key(), jk);
          return;
        }
        String parentId = ids.get(parent);
        if (parentId == null && journal != null) {
          parentId = journal.writtenRef(parent);
        }
        if (parentId == null && !ledger.hasKey(parent)) {
          // Not a key of this input (so far): the value may name an existing item.
          parentId = connector.existingParent(parent);
        }
        if (parentId == null) {
          waiting.computeIfAbsent(parent, k -> new ArrayList<>()).add(item);
          return;
        }
        item.parentId = parentId;
      }
      enqueue(item);
    }

    /**
     * Reads what the journal knows of a row: false when it is settled (skipped unchanged, or
     * changed where the endpoint cannot apply it, or not to be guessed at); else marks it to be
     * looked up or applied to the id an earlier run wrote.
     */
    private boolean resumed(TaskItem<R> item) {
      String jk = item.journalKey();
      item.digest = connector.digest(item.row());
      Journal.Done earlier = journal.done(jk);
      if (earlier != null && keepIds) {
        ids.put(jk, earlier.id());
      }
      if (earlier != null && resume) {
        if (connector.skipsEveryDone() || item.digest.equals(earlier.digest())) {
          ledger.unchanged(item.rowNumber(), item.key(), earlier.id());
          return false;
        }
        String refusal = connector.refusesChange(item, earlier);
        if (refusal != null) {
          ledger.changed(item.source(), item.key(), new Rejection(item.rowNumber(), null, refusal));
          return false;
        }
        // The edited row is applied to what the earlier run wrote.
        item.knownId = earlier.id();
      } else if (!resume && connector.looksUpWithoutResume(earlier != null)) {
        // Every row is sent again, but never creates a twin of what exists.
        item.lookUp = true;
        item.fromEarlierRun = earlier != null;
      }
      if (journal.isPending(jk)) {
        if (!connector.canLookUp()) {
          if (earlier == null) {
            reject(
                item.source(),
                new Rejection(
                    item.rowNumber(),
                    null,
                    "an earlier run sent this row but got no answer, and without --key it cannot be"
                        + " looked up; check whether the work item exists, then remove this row's"
                        + " line from the journal to send it again"),
                item.key(),
                jk);
            return false;
          }
        } else {
          item.lookUp = true;
          item.fromEarlierRun = true;
        }
      }
      return true;
    }

    private Rejection parentRejected(TaskItem<R> item, String parent) {
      return new Rejection(
          item.rowNumber(),
          connector.parentColumn(),
          "the parent row with key \"" + parent + "\" was not written, so this row was not either");
    }

    private void enqueue(TaskItem<R> item) {
      ready.add(item);
      while (ready.size() >= connector.maxBatchSize() && !ledger.stopped()) {
        dispatch();
      }
    }

    /** Sends the next batch once a worker is free: isolated parts first. */
    private void dispatch() {
      while (inFlight >= connector.concurrency()) {
        collect(true);
        if (ledger.stopped()) {
          return;
        }
      }
      List<TaskItem<R>> batch;
      if (!isolated.isEmpty()) {
        batch = isolated.poll();
      } else if (ready.isEmpty()) {
        return;
      } else {
        // The connector may ask for smaller calls: the rate budget must pay for each one.
        int n = Math.max(1, Math.min(connector.batchSize(), ready.size()));
        batch = new ArrayList<>(ready.subList(0, n));
        ready.subList(0, n).clear();
      }
      if (journal != null) {
        for (TaskItem<R> item : batch) {
          if (!item.lookUp) {
            // Journaled before the request leaves, so a crash mid-request leaves a trace.
            journal.sent(item.journalKey(), item.rowNumber());
          }
        }
      }
      inFlight++;
      done.submit(() -> send(batch));
    }

    /** Runs on a worker thread. */
    private Done<R> send(List<TaskItem<R>> batch) {
      try {
        // Before trying rows again, waits as the retry settings say.
        retry.pause(batch.stream().mapToInt(TaskItem::attempts).max().orElse(0));
        List<ItemOutcome> results = connector.send(batch);
        if (results.size() != batch.size()) {
          throw new SinkException(
              "the service answered " + results.size() + " of " + batch.size() + " batch items",
              false,
              null);
        }
        return new Done<>(batch, results, null);
      } catch (SinkException e) {
        return new Done<>(batch, null, e);
      } catch (RuntimeException e) {
        // A lookup's failure: as fatal as the same failure of a write would be.
        boolean fatal = e instanceof AzdoException a && SinkException.isFatal(a);
        return new Done<>(batch, null, new SinkException(String.valueOf(e.getMessage()), fatal, e));
      }
    }

    /** Takes finished batches: all that are done, or with {@code block} at least one. */
    private void collect(boolean block) {
      while (inFlight > 0) {
        Future<Done<R>> future;
        try {
          future = block ? done.take() : done.poll();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          ledger.stop("interrupted");
          return;
        }
        if (future == null) {
          return;
        }
        block = false;
        inFlight--;
        Done<R> result;
        try {
          result = future.get();
        } catch (InterruptedException | ExecutionException e) {
          ledger.stop("a writer thread failed: " + e.getMessage());
          continue;
        }
        handle(result);
        if (journal != null) {
          // Once per batch: a forced write per row would cost more than some requests.
          journal.sync();
        }
        progress.accept(summary);
      }
    }

    private void handle(Done<R> result) {
      SinkException failure = result.failure();
      if (failure != null && failure.isRefused()) {
        isolate(result.batch(), failure);
      } else if (failure != null) {
        List<TaskItem<R>> again = new ArrayList<>();
        for (TaskItem<R> item : result.batch()) {
          item.attempts++;
          if (!failure.isFatal()
              && retry.allows(item.attempts)
              && !ledger.stopped()
              && connector.canLookUp()) {
            // The rows may have been written before the answer was lost: look them up first.
            item.lookUp = true;
            again.add(item);
          }
        }
        if (again.size() == result.batch().size()) {
          ready.addAll(0, again);
        } else {
          notAttempted(result.batch());
          ledger.stop(failure.getMessage());
        }
      } else {
        for (int i = 0; i < result.batch().size(); i++) {
          settle(result.batch().get(i), result.outcomes().get(i));
        }
      }
    }

    private void settle(TaskItem<R> item, ItemOutcome outcome) {
      if (outcome instanceof ItemOutcome.Written w) {
        if (keepIds) {
          ids.put(item.journalKey(), w.id());
        }
        if (journal != null) {
          journal.written(item.journalKey(), item.rowNumber(), w.id(), item.digest);
        }
        if (w.found() && item.fromEarlierRun) {
          ledger.unchanged(item.rowNumber(), item.key(), w.id());
        } else {
          ledger.written(item.rowNumber(), item.key(), w.id(), w.notKept());
        }
        release(item.journalKey(), w.id());
      } else if (outcome instanceof ItemOutcome.Refused r) {
        if (r.answered() && journal != null) {
          // An answered refusal wrote nothing: a rerun must send the row, not look it up.
          journal.rejected(item.journalKey(), item.rowNumber());
        }
        reject(item, r.column(), r.reason());
      } else if (outcome instanceof ItemOutcome.Again a) {
        if (retry.allows(++item.attempts) && !ledger.stopped()) {
          // It may have taken effect unanswered, so it is looked up first where it can be.
          item.lookUp = connector.canLookUp();
          ready.add(item);
        } else if (a.stopsWhenExhausted()) {
          // The journal keeps this row as sent, so a rerun looks it up first.
          ledger.notAttempted(item.rowNumber(), item.key());
          ledger.stop(a.reason());
        } else {
          reject(item, a.column(), a.reason());
        }
      } else {
        ledger.notAttempted(item.rowNumber(), item.key());
        ledger.stop(((ItemOutcome.Stop) outcome).reason());
      }
    }

    /**
     * The service refused a whole batch (400: a body over its limit, one value too long): sends
     * each half on its own, down to single rows, so only the offending row is rejected, with the
     * service's reason.
     */
    private void isolate(List<TaskItem<R>> batch, SinkException refusal) {
      if (batch.size() == 1) {
        settle(
            batch.get(0),
            new ItemOutcome.Refused(null, "the service refused it: " + refusal.getMessage(), true));
        return;
      }
      int half = batch.size() / 2;
      isolated.addFirst(new ArrayList<>(batch.subList(half, batch.size())));
      isolated.addFirst(new ArrayList<>(batch.subList(0, half)));
    }

    private void release(String key, String id) {
      List<TaskItem<R>> children = waiting.remove(key);
      if (children == null) {
        return;
      }
      for (TaskItem<R> child : children) {
        child.parentId = id;
        enqueue(child);
      }
    }

    private void reject(TaskItem<R> item, String column, String reason) {
      reject(
          item.source(),
          new Rejection(item.rowNumber(), column, reason),
          item.key(),
          item.journalKey());
    }

    private void reject(SourceRow row, Rejection rejection, String key, String journalKey) {
      ledger.reject(row, rejection, key);
      if (journalKey != null) {
        failedKeys.add(journalKey);
        List<TaskItem<R>> children = waiting.remove(journalKey);
        if (children != null) {
          for (TaskItem<R> child : children) {
            reject(
                child.source(), parentRejected(child, journalKey), child.key(), child.journalKey());
          }
        }
      }
    }

    private void rejectOrphans() {
      while (!waiting.isEmpty()) {
        String parent = waiting.keySet().iterator().next();
        for (TaskItem<R> child : waiting.remove(parent)) {
          reject(
              child.source(),
              new Rejection(
                  child.rowNumber(),
                  connector.parentColumn(),
                  "parent \"" + parent + "\" is neither a key of this input nor a work item id"),
              child.key(),
              child.journalKey());
        }
      }
    }

    private void notAttempted(List<TaskItem<R>> items) {
      for (TaskItem<R> item : items) {
        ledger.notAttempted(item.rowNumber(), item.key());
      }
    }
  }
}
