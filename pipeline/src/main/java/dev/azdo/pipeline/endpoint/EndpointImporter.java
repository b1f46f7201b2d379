package dev.azdo.pipeline.endpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.WriteOptions;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.JournalIdentity;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RunLedger;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.Sources;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import dev.azdo.pipeline.writer.ItemRetry;
import dev.azdo.pipeline.writer.RowDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs an import into one of the endpoints that do not write work items field by field (comments,
 * links, attachments, projects, teams, areas, iterations): plans the input columns before any
 * write, then sends one request per row with at most {@code concurrency} in flight, and accounts
 * for every row as written (journaled with its id), rejected, skipped or not attempted.
 *
 * <p>Only the calling thread reads rows and touches the journal and rejects file; worker threads
 * only call the writer. A row whose key the journal records as written is skipped; one the journal
 * records as sent without an answer is looked up (comment text, relation, name or path) before it
 * is written again, so a rerun after a crash creates no duplicates.
 */
public final class EndpointImporter {
  private final ImportJob job;
  private final EndpointPlan plan;
  private final EndpointWriter writer;
  private final int concurrency;
  private final Consumer<RunSummary> progress;
  private final Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes;
  private final ItemRetry retry;

  private EndpointImporter(
      ImportJob job,
      EndpointPlan plan,
      EndpointWriter writer,
      int concurrency,
      Consumer<RunSummary> progress,
      Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes,
      ItemRetry retry) {
    this.job = job;
    this.plan = plan;
    this.writer = writer;
    this.concurrency = concurrency;
    this.progress = progress == null ? s -> {} : progress;
    this.outcomes = outcomes;
    this.retry = retry;
  }

  /**
   * Plans and runs a job whose endpoint is not a work item endpoint.
   *
   * @param dryRunOut receives one JSON line per row a dry run would send, may be null
   * @param onPlan receives the checked plan before the first row is sent, may be null
   * @param outcomes told each row's outcome, may be null
   * @throws PlanException listing every problem with the mapping or the project (exit 2)
   * @throws SourceException when the source cannot be opened (exit 2)
   */
  public static RunSummary run(
      ImportJob job,
      AzdoClient client,
      JournalIdentity identity,
      OutputStream dryRunOut,
      Consumer<EndpointPlan> onPlan,
      Consumer<RunSummary> progress,
      Consumer<dev.azdo.pipeline.report.RowOutcome> outcomes) {
    EndpointSpec endpoint = job.endpointSpec();
    if (endpoint.writesWorkItems() || !endpoint.write()) {
      throw new IllegalArgumentException(endpoint.name() + " is not run by EndpointImporter");
    }
    try (RowSource source = Sources.open(job.source())) {
      List<String> problems = new ArrayList<>();
      EndpointPlan plan = null;
      try {
        plan = EndpointPlan.create(endpoint, job.mapping(), source.schema());
      } catch (PlanException e) {
        problems.addAll(e.problems());
      }
      String journalPath = job.property("workitem-journal");
      if (journalPath != null && !Files.isRegularFile(Path.of(journalPath))) {
        problems.add("properties.workitem-journal: " + journalPath + " does not exist");
      }
      boolean projectScoped = !endpoint.name().endsWith("-project");
      if (projectScoped && client != null) {
        try {
          client.getProject(job.project());
        } catch (AzdoException e) {
          if (e.kind() != AzdoException.Kind.NOT_FOUND) {
            throw e;
          }
          problems.add("--project: project \"" + job.project() + "\" does not exist");
        }
      }
      // Files are read only under one folder, checked before any write.
      AttachmentFolder attachments =
          endpoint.name().equals("add-attachment")
              ? AttachmentFolder.open(job.attachmentsDir(), sourceFolder(job.source()), problems)
              : null;
      String process = job.property("process");
      if (process != null && client != null) {
        List<dev.azdo.client.Process> known = client.listProcesses();
        if (known.stream()
            .noneMatch(
                p -> process.equalsIgnoreCase(p.name()) || process.equalsIgnoreCase(p.id()))) {
          problems.add(
              "properties.process: process \""
                  + process
                  + "\" does not exist (processes: "
                  + String.join(", ", known.stream().map(dev.azdo.client.Process::name).toList())
                  + ")");
        }
      }
      if (!problems.isEmpty()) {
        throw new PlanException(problems);
      }
      if (onPlan != null) {
        onPlan.accept(plan);
      }
      EndpointWriter writer;
      if (job.dryRun()) {
        writer = new DryRunWriter(endpoint.name(), dryRunOut, attachments);
      } else {
        WorkItemRefs refs =
            new WorkItemRefs(
                new AzdoWorkItemSink(client, job.project()),
                job.property("key-field"),
                journalPath == null ? null : Path.of(journalPath));
        writer =
            AzdoWriters.forEndpoint(
                endpoint.name(),
                new AzdoWriters.Context(
                    client,
                    job.project(),
                    new WriteOptions(
                        false, job.flags().bypassRules(), job.flags().suppressNotifications()),
                    refs,
                    attachments,
                    job.property("process"),
                    plan));
      }
      // Areas and iterations go one at a time in input order, so a parent row is created before
      // the rows below it.
      int threads =
          endpoint.name().endsWith("-area") || endpoint.name().endsWith("-iteration")
              ? 1
              : job.concurrency();
      EndpointImporter importer =
          new EndpointImporter(
              job,
              plan,
              writer,
              threads,
              progress,
              outcomes,
              // One set of retry settings, the client's, governs every endpoint's item retries.
              client == null ? ItemRetry.DEFAULT : ItemRetry.of(client.settings()));
      if (job.dryRun()) {
        try (RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
          return importer.run(source, rejects, null);
        }
      }
      // The journal first: a run refused because another holds it must not touch the rejects.
      Path file = dev.azdo.pipeline.Importer.journalFile(job, identity);
      try (Journal journal = Journal.open(file, identity);
          RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
        RunSummary summary = importer.run(source, rejects, journal);
        summary.journal(file);
        return summary;
      }
    }
  }

  // The folder of a file source; null for queries and generated rows.
  private static Path sourceFolder(SourceOptions source) {
    if (source.format() == SourceOptions.Format.JDBC
        || source.format() == SourceOptions.Format.DUMMY) {
      return null;
    }
    return Path.of(source.location()).toAbsolutePath().getParent();
  }

  private RunSummary run(RowSource source, RejectsWriter rejects, Journal journal) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "azdo-endpoint-writer");
              t.setDaemon(true);
              return t;
            });
    try {
      return new Run(source, rejects, journal, pool).execute();
    } finally {
      pool.shutdownNow();
    }
  }

  /** What a worker brings back for a row. */
  private record Done(
      Item item, boolean found, String id, RowRejected rejected, RuntimeException failure) {
    EndpointRow row() {
      return item.row();
    }

    String journalKey() {
      return item.journalKey();
    }

    String digest() {
      return item.digest();
    }
  }

  /**
   * A row ready to go; lookUp when an earlier try may have taken effect without an answer; attempts
   * is how often it was tried already.
   */
  private record Item(
      EndpointRow row, String journalKey, String digest, boolean lookUp, int attempts) {}

  private final class Run {
    final RowSource source;
    final Journal journal;
    final CompletionService<List<Done>> done;
    final List<Item> ready = new ArrayList<>();
    final int chunk = Math.max(1, writer.batchSize(job.batchSize()));
    final RunLedger ledger;
    final RunSummary summary;
    int inFlight;

    Run(RowSource source, RejectsWriter rejects, Journal journal, ExecutorService pool) {
      this.source = source;
      this.ledger = new RunLedger(rejects, outcomes);
      this.summary = ledger.summary();
      this.journal = journal;
      this.done = new ExecutorCompletionService<>(pool);
    }

    RunSummary execute() {
      String sourceError = null;
      try {
        SourceRow row;
        while (!ledger.stopped() && (row = source.next()) != null) {
          summary.read();
          accept(row);
          collect(false);
        }
      } catch (SourceException e) {
        // Rows read before the damage are still good: finish them, then report the stop.
        sourceError = e.getMessage();
      }
      while (!ledger.stopped() && (!ready.isEmpty() || inFlight > 0)) {
        if (!ready.isEmpty()) {
          dispatch();
        } else {
          collect(true);
        }
      }
      while (inFlight > 0) {
        collect(true);
      }
      for (Item item : ready) {
        ledger.notAttempted(item.row().rowNumber());
      }
      ready.clear();
      ledger.finish(source, sourceError);
      if (journal != null) {
        journal.sync();
      }
      progress.accept(summary);
      return summary;
    }

    private void accept(SourceRow source) {
      Object mapped = plan.map(source);
      if (mapped instanceof Rejection r) {
        reject(source, r);
        return;
      }
      EndpointRow row = (EndpointRow) mapped;
      String journalKey =
          job.endpoint() + ":" + (row.key() != null ? row.key() : "row " + row.rowNumber());
      if (row.key() != null) {
        Rejection duplicate = ledger.claimKey(row.key(), row.rowNumber(), plan.keyColumn());
        if (duplicate != null) {
          reject(source, duplicate);
          return;
        }
      }
      String digest = journal == null ? null : RowDigest.of(row.values());
      Journal.Done done = journal == null ? null : journal.done(journalKey);
      if (done != null && job.resume()) {
        if (digest.equals(done.digest()) || job.endpoint().startsWith("delete-")) {
          ledger.unchanged(row.rowNumber(), row.key(), done.id());
          return;
        }
        if (!job.endpoint().startsWith("update-")) {
          ledger.changed(
              source,
              new Rejection(
                  row.rowNumber(),
                  null,
                  "already written as "
                      + done.id()
                      + " by an earlier run; its content changed \u2014 "
                      + job.endpoint()
                      + " does not change what it wrote"));
          return;
        }
        // An update endpoint applies the edited row again.
      }
      boolean lookUp =
          journal != null && (journal.isPending(journalKey) || (done != null && !job.resume()));
      ready.add(new Item(row, journalKey, digest, lookUp, 0));
      if (ready.size() >= chunk) {
        dispatch();
      }
    }

    /** Sends the next chunk of ready rows once a worker is free. */
    private void dispatch() {
      while (inFlight >= concurrency) {
        collect(true);
      }
      if (ledger.stopped() || ready.isEmpty()) {
        return;
      }
      int n = Math.min(chunk, ready.size());
      List<Item> items = new ArrayList<>(ready.subList(0, n));
      ready.subList(0, n).clear();
      if (journal != null) {
        for (Item item : items) {
          if (!item.lookUp()) {
            // Journaled before the request leaves, so a crash mid-request leaves a trace.
            journal.sent(item.journalKey(), item.row().rowNumber());
          }
        }
      }
      inFlight++;
      done.submit(() -> send(items));
    }

    /** Runs on a worker thread: looks up rows an earlier run lost, then writes the rest. */
    private List<Done> send(List<Item> items) {
      retry.pause(items.stream().mapToInt(Item::attempts).max().orElse(0));
      List<Done> out = new ArrayList<>(items.size());
      List<Item> toWrite = new ArrayList<>(items.size());
      for (Item item : items) {
        if (!item.lookUp()) {
          toWrite.add(item);
          continue;
        }
        try {
          String id = writer.findDone(item.row());
          if (id != null) {
            out.add(new Done(item, true, id, null, null));
          } else {
            toWrite.add(item);
          }
        } catch (RowRejected e) {
          out.add(new Done(item, false, null, e, null));
        } catch (RuntimeException e) {
          out.add(new Done(item, false, null, null, e));
        }
      }
      if (toWrite.isEmpty()) {
        return out;
      }
      List<Object> results;
      try {
        results = writer.writeAll(toWrite.stream().map(Item::row).toList());
      } catch (RuntimeException e) {
        results = Collections.nCopies(toWrite.size(), e);
      }
      for (int i = 0; i < toWrite.size(); i++) {
        Item item = toWrite.get(i);
        Object r = i < results.size() ? results.get(i) : null;
        if (r instanceof String id) {
          out.add(new Done(item, false, id, null, null));
        } else if (r instanceof RowRejected e) {
          out.add(new Done(item, false, null, e, null));
        } else {
          RuntimeException e =
              r instanceof RuntimeException x
                  ? x
                  : new IllegalStateException("the writer gave no outcome for this row");
          out.add(new Done(item, false, null, null, e));
        }
      }
      return out;
    }

    private void collect(boolean block) {
      while (inFlight > 0) {
        Future<List<Done>> future;
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
        try {
          for (Done d : future.get()) {
            handle(d);
          }
          if (journal != null) {
            // Once per chunk: a forced write per row would cost more than some requests.
            journal.sync();
          }
        } catch (InterruptedException | ExecutionException e) {
          ledger.stop("a writer thread failed: " + e.getMessage());
        }
      }
    }

    private void handle(Done d) {
      if (d.id() != null) {
        if (journal != null) {
          journal.written(d.journalKey(), d.row().rowNumber(), d.id(), d.digest());
        }
        if (d.found()) {
          ledger.unchanged(d.row().rowNumber(), d.row().key(), d.id());
        } else {
          ledger.written(d.row().rowNumber(), d.row().key(), d.id());
        }
      } else if (d.rejected() != null) {
        RowRejected r = d.rejected();
        journalRejected(d);
        reject(
            d.row().source(),
            new Rejection(
                d.row().rowNumber(),
                r.input() == null ? null : plan.sourceColumn(r.input()),
                r.getMessage()));
      } else {
        AzdoException e = azdo(d.failure());
        if (e != null
            && (e.kind() == AzdoException.Kind.INVALID
                || e.kind() == AzdoException.Kind.NOT_FOUND)) {
          // The service refused this row alone; the others go on.
          journalRejected(d);
          reject(
              d.row().source(),
              new Rejection(
                  d.row().rowNumber(), null, "the service refused it: " + e.getMessage()));
        } else if (e != null
            && retryable(e.kind())
            && retry.allows(d.item().attempts() + 1)
            && !ledger.stopped()) {
          // An item the service throttled or failed, or whose answer was lost, is tried again with
          // the same retry settings as the work item endpoints; it may have taken effect, so it is
          // looked up first.
          Item again = d.item();
          ready.add(
              new Item(
                  again.row(), again.journalKey(), again.digest(), true, again.attempts() + 1));
        } else {
          // What outlasts the retries (throttling, outages, bad credentials) stops the run. The
          // journal keeps this row as sent, so a rerun looks it up first.
          ledger.notAttempted(d.row().rowNumber());
          ledger.stop(String.valueOf(d.failure().getMessage()));
        }
      }
      progress.accept(summary);
    }

    private boolean retryable(AzdoException.Kind kind) {
      return kind == AzdoException.Kind.THROTTLED
          || kind == AzdoException.Kind.SERVER
          || kind == AzdoException.Kind.UNREACHABLE;
    }

    private void journalRejected(Done d) {
      if (journal != null) {
        // An answered refusal wrote nothing: a rerun must send the row, not look it up by name.
        journal.rejected(d.journalKey(), d.row().rowNumber());
      }
    }

    private AzdoException azdo(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof AzdoException e) {
          return e;
        }
      }
      return null;
    }

    private void reject(SourceRow row, Rejection rejection) {
      ledger.reject(row, rejection);
    }
  }

  /** Writes what each row would send as one JSON line, and writes nothing to Azure DevOps. */
  private static final class DryRunWriter implements EndpointWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final String endpoint;
    private final JsonGenerator out;
    private final AttachmentFolder attachments;

    DryRunWriter(String endpoint, OutputStream out, AttachmentFolder attachments) {
      this.endpoint = endpoint;
      this.attachments = attachments;
      try {
        this.out =
            out == null
                ? null
                : FACTORY.createGenerator(out).setRootValueSeparator(new SerializedString("\n"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String write(EndpointRow row) {
      if (attachments != null) {
        // A dry run checks each file as a real run does, without reading it.
        attachments.resolve(row.get("File"));
      }
      if (out != null) {
        synchronized (out) {
          try {
            out.writeStartObject();
            out.writeNumberField("row", row.rowNumber());
            out.writeStringField("endpoint", endpoint);
            out.writeObjectFieldStart("input");
            for (Map.Entry<String, String> e : row.values().entrySet()) {
              out.writeStringField(e.getKey(), e.getValue());
            }
            out.writeEndObject();
            out.writeEndObject();
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return "dry-run";
    }
  }
}
