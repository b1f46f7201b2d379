package dev.azdo.pipeline;

import dev.azdo.client.AzdoClient;
import dev.azdo.pipeline.endpoint.EndpointImporter;
import dev.azdo.pipeline.endpoint.EndpointPlan;
import dev.azdo.pipeline.endpoint.EndpointRow;
import dev.azdo.pipeline.lookup.AzdoLookups;
import dev.azdo.pipeline.lookup.LookupSource;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.BoardsCsvMapping;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.JournalIdentity;
import dev.azdo.pipeline.report.NotKeptReport;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.BoardsCsvSource;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.Sources;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import dev.azdo.pipeline.writer.ImportConnector;
import dev.azdo.pipeline.writer.ImportRunner;
import dev.azdo.pipeline.writer.ItemRetry;
import dev.azdo.pipeline.writer.TaskLoop;
import dev.azdo.pipeline.writer.WorkItemSink;
import dev.azdo.pipeline.writer.WriteMode;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One import of a job into one endpoint, usable without the CLI (the JDBC driver's DML and the
 * designer's Run call it): the endpoint's plan is checked before any write, then the rows are read,
 * batched, sent with bounded concurrency, retried as the client's retry settings say, journaled and
 * accounted for; each row's {@link RowOutcome} goes to a listener and the counts come back as a
 * {@link RunSummary}.
 *
 * <pre>
 * RunSummary s = ImportTask.builder(job, client)
 *     .onPlan(lines -> ...)            // the checked plan, one line per mapped field
 *     .outcomes(o -> ...)              // written #12, rejected with a reason, unchanged, ...
 *     .build()
 *     .run();
 * </pre>
 */
public final class ImportTask {
  private final ImportJob job;
  private final AzdoClient client;
  private final FieldCatalog catalog;
  private final WorkItemSink sink;
  private final String target;
  private final OutputStream requestsOut;
  private final Consumer<List<String>> onPlan;
  private final Consumer<ImportPlan> onWorkItemPlan;
  private final Consumer<EndpointPlan> onEndpointPlan;
  private final Consumer<RunSummary> progress;
  private final Consumer<RowOutcome> outcomes;

  private ImportTask(Builder b) {
    this.job = b.job;
    this.client = b.client;
    this.catalog = b.catalog;
    this.sink = b.sink;
    this.target = b.target;
    this.requestsOut = b.requestsOut;
    this.onPlan = b.onPlan;
    this.onWorkItemPlan = b.onWorkItemPlan;
    this.onEndpointPlan = b.onEndpointPlan;
    this.progress = b.progress == null ? s -> {} : b.progress;
    this.outcomes = b.outcomes;
  }

  /** Returns a builder for a job written through a client. */
  public static Builder builder(ImportJob job, AzdoClient client) {
    return new Builder(job, Objects.requireNonNull(client, "client"), null, null);
  }

  /**
   * Returns a builder for a work item job written to a sink with a known field catalogue (a dry run
   * offline, a test service); its journal has no target unless the sink names one.
   */
  public static Builder builder(ImportJob job, FieldCatalog catalog, WorkItemSink sink) {
    return new Builder(job, null, Objects.requireNonNull(catalog), Objects.requireNonNull(sink));
  }

  /** Returns the identity of the task's journal (null when the target is unknown). */
  public JournalIdentity identity() {
    String t =
        target != null
            ? target
            : client != null ? JournalIdentity.targetOf(client.settings().orgUrl()) : sink.target();
    return t == null ? null : Importer.identity(job, t);
  }

  /**
   * Plans and runs the import.
   *
   * @return the counts; {@link RunSummary#exitCode()} is 0, 3 or 1
   * @throws dev.azdo.pipeline.source.SourceException when the source cannot be opened (exit 2)
   * @throws dev.azdo.pipeline.mapping.PlanException listing every mapping problem (exit 2)
   * @throws dev.azdo.pipeline.report.JournalMismatchException when the journal belongs to another
   *     target, project, endpoint or source (exit 2)
   * @throws dev.azdo.pipeline.report.JournalLockedException when another run holds the journal
   *     (exit 2)
   */
  public RunSummary run() {
    JournalIdentity identity = identity();
    // One set of retry settings governs the client's calls and the task's item retries.
    ItemRetry retry = client == null ? ItemRetry.DEFAULT : ItemRetry.of(client.settings());
    if (job.mode() == null) {
      // Comments, links, attachments, projects, teams, areas and iterations.
      try (RowSource source = Sources.open(job.source())) {
        ImportConnector<EndpointRow> connector =
            EndpointImporter.connect(job, client, source.schema(), requestsOut, this::planned);
        return withBooks(
            source,
            job.dryRun(),
            identity,
            (journal, rejects) ->
                new TaskLoop<>(connector, journal, rejects, job.resume(), retry, progress, outcomes)
                    .run(source));
      }
    }
    FieldCatalog fields =
        catalog != null
            ? catalog
            : AzdoFieldCatalog.of(client, job.project(), job.mapping().workItemType());
    WorkItemSink out = sink != null ? sink : clientSink();
    try (RowSource opened = Sources.open(job.source())) {
      RowSource read = opened;
      MappingSpec mapping = job.mapping();
      WriteMode mode = job.mode();
      if (isBoardsCsv(opened)) {
        // Azure Boards' own CSV brings its mapping: a row with an ID updates, one without creates.
        read = BoardsCsvSource.of(opened);
        mapping = BoardsCsvMapping.of(mapping, read.schema(), fields).spec();
        mode = WriteMode.UPSERT;
      }
      ImportPlan plan = ImportPlan.create(mapping, read.schema(), fields);
      RowSource source = withLookups(read, plan);
      if (onPlan != null) {
        onPlan.accept(plan.describe());
      }
      if (onWorkItemPlan != null) {
        onWorkItemPlan.accept(plan);
      }
      ImportRunner.Builder runner =
          ImportRunner.builder(plan, out)
              .mode(mode)
              .batchSize(job.batchSize())
              .concurrency(job.concurrency())
              .flags(job.flags())
              .resume(job.resume())
              .retry(retry)
              .progress(progress);
      if (job.dryRun()) {
        return withBooks(
            source,
            true,
            identity,
            (journal, rejects) -> runner.outcomes(outcomes).rejects(rejects).build().run(source));
      }
      // A validation's answers hold what the service would keep: report what it would not.
      return withBooks(
          source,
          out.isDryRun(),
          identity,
          (journal, rejects) -> {
            try (NotKeptReport report = NotKeptReport.open(job.report(), plan::columnFor)) {
              RunSummary summary =
                  runner
                      .outcomes(alsoTo(report))
                      .journal(journal)
                      .rejects(rejects)
                      .build()
                      .run(source);
              return summary.report(report.lines() > 0 ? report.file() : null);
            }
          });
    }
  }

  private void planned(EndpointPlan plan) {
    if (onPlan != null) {
      onPlan.accept(plan.describe());
    }
    if (onEndpointPlan != null) {
      onEndpointPlan.accept(plan);
    }
  }

  /**
   * Opens the books of a run and runs it: the journal first (a run refused because another holds it
   * must not touch the rejects), then the rejects file; a dry run keeps no journal.
   */
  private RunSummary withBooks(
      RowSource source,
      boolean dryRun,
      JournalIdentity identity,
      BiFunction<Journal, RejectsWriter, RunSummary> run) {
    if (dryRun) {
      try (RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
        return run.apply(null, rejects);
      }
    }
    Path file = Importer.journalFile(job, identity);
    try (Journal journal = Journal.open(file, identity);
        RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
      RunSummary summary = run.apply(journal, rejects);
      summary.journal(file);
      return summary;
    }
  }

  // Read as Azure Boards' CSV when its header says so and the job maps nothing itself.
  private boolean isBoardsCsv(RowSource source) {
    MappingSpec m = job.mapping();
    return (job.mode() == WriteMode.CREATE || job.mode() == WriteMode.UPSERT)
        && m.mappings().isEmpty()
        && m.keyColumn() == null
        && m.parentKeyColumn() == null
        && BoardsCsvSource.recognises(source.schema());
  }

  // Fields a written row's answer did not hold go to the report, and every outcome on.
  private Consumer<RowOutcome> alsoTo(NotKeptReport report) {
    return o -> {
      if (!o.notKept().isEmpty()) {
        report.accept(o);
      }
      if (outcomes != null) {
        outcomes.accept(o);
      }
    };
  }

  // Lookup columns are resolved against the service in bulk as the rows are read.
  private RowSource withLookups(RowSource source, ImportPlan plan) {
    if (plan.lookups().isEmpty()) {
      return source;
    }
    if (client == null) {
      throw new PlanException(
          List.of(
              plan.lookups().get(0).origin()
                  + ": lookups read from Azure DevOps, and this run has no connection"));
    }
    return new LookupSource(source, new AzdoLookups(client, job.project()), plan.lookups());
  }

  private WorkItemSink clientSink() {
    return job.dryRun()
        ? AzdoWorkItemSink.dryRun(client, job.project(), requestsOut)
        : job.validateOnly()
            ? AzdoWorkItemSink.validating(client, job.project())
            : new AzdoWorkItemSink(client, job.project());
  }

  /** Collects what a task reports to and where a dry run's requests go. */
  public static final class Builder {
    private final ImportJob job;
    private final AzdoClient client;
    private final FieldCatalog catalog;
    private final WorkItemSink sink;
    private String target;
    private OutputStream requestsOut;
    private Consumer<List<String>> onPlan;
    private Consumer<ImportPlan> onWorkItemPlan;
    private Consumer<EndpointPlan> onEndpointPlan;
    private Consumer<RunSummary> progress;
    private Consumer<RowOutcome> outcomes;

    private Builder(ImportJob job, AzdoClient client, FieldCatalog catalog, WorkItemSink sink) {
      this.job = Objects.requireNonNull(job, "job");
      this.client = client;
      this.catalog = catalog;
      this.sink = sink;
    }

    /**
     * Sets the journal's target instead of the organization URL: for an emulator embedded in the
     * run, {@link JournalIdentity#emulatorData} of its data folder (its port changes every run).
     */
    public Builder target(String target) {
      this.target = target;
      return this;
    }

    /** Sets where a dry run writes the requests it would send, one JSON line each. */
    public Builder requestsOut(OutputStream out) {
      this.requestsOut = out;
      return this;
    }

    /** Sets a listener for the checked plan's lines, called before the first write. */
    public Builder onPlan(Consumer<List<String>> onPlan) {
      this.onPlan = onPlan;
      return this;
    }

    /** Sets a listener for a work item endpoint's checked plan. */
    public Builder onWorkItemPlan(Consumer<ImportPlan> onPlan) {
      this.onWorkItemPlan = onPlan;
      return this;
    }

    /** Sets a listener for another endpoint's checked plan. */
    public Builder onEndpointPlan(Consumer<EndpointPlan> onPlan) {
      this.onEndpointPlan = onPlan;
      return this;
    }

    /** Sets a listener for the counts, called on the task's thread after each batch. */
    public Builder progress(Consumer<RunSummary> progress) {
      this.progress = progress;
      return this;
    }

    /** Sets a listener for each row's outcome, called on the task's thread. */
    public Builder outcomes(Consumer<RowOutcome> outcomes) {
      this.outcomes = outcomes;
      return this;
    }

    /** Returns the task. */
    public ImportTask build() {
      return new ImportTask(this);
    }
  }
}
