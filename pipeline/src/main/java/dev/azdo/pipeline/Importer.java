package dev.azdo.pipeline;

import dev.azdo.client.AzdoClient;
import dev.azdo.pipeline.endpoint.EndpointImporter;
import dev.azdo.pipeline.endpoint.EndpointPlan;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.JournalIdentity;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.Sources;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import dev.azdo.pipeline.writer.DryRunSink;
import dev.azdo.pipeline.writer.ImportRunner;
import dev.azdo.pipeline.writer.WorkItemSink;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs an {@link ImportJob} end to end: opens the source, plans the mapping against its columns and
 * the project's fields before any write, then writes with the journal and rejects file. The entry
 * point for {@code azdo import} and {@code azdo run}.
 */
public final class Importer {
  private Importer() {}

  /**
   * Runs the job against an organization: the entry point of {@code azdo import} and {@code azdo
   * run} for every write endpoint.
   *
   * @param dryRunOut receives the requests a dry run would send (one JSON line per write)
   */
  public static RunSummary run(
      ImportJob job,
      AzdoClient client,
      OutputStream dryRunOut,
      Consumer<ImportPlan> onPlan,
      Consumer<RunSummary> progress) {
    return run(job, client, dryRunOut, onPlan, null, progress);
  }

  /**
   * Runs the job against an organization, handing the checked plan of either kind to its callback
   * before the first write.
   *
   * @param onPlan receives the plan of a work item endpoint, may be null
   * @param onEndpointPlan receives the plan of any other write endpoint (its {@link
   *     EndpointPlan#describe()} lines say where each input column comes from), may be null
   */
  public static RunSummary run(
      ImportJob job,
      AzdoClient client,
      OutputStream dryRunOut,
      Consumer<ImportPlan> onPlan,
      Consumer<EndpointPlan> onEndpointPlan,
      Consumer<RunSummary> progress) {
    return run(job, client, null, dryRunOut, onPlan, onEndpointPlan, progress);
  }

  /**
   * Runs the job against an organization whose journal target is given: for an emulator embedded in
   * the run, {@link JournalIdentity#emulatorData} of its data folder (its port changes every run);
   * null for the organization URL.
   */
  public static RunSummary run(
      ImportJob job,
      AzdoClient client,
      String target,
      OutputStream dryRunOut,
      Consumer<ImportPlan> onPlan,
      Consumer<EndpointPlan> onEndpointPlan,
      Consumer<RunSummary> progress) {
    String journalTarget =
        target != null ? target : JournalIdentity.targetOf(client.settings().orgUrl());
    if (job.mode() == null) {
      // Comments, links, attachments, projects, teams, areas and iterations.
      return EndpointImporter.run(
          job, client, identity(job, journalTarget), dryRunOut, onEndpointPlan, progress);
    }
    FieldCatalog catalog = AzdoFieldCatalog.of(client, job.project());
    WorkItemSink sink =
        job.dryRun()
            ? new DryRunSink(dryRunOut)
            : job.validateOnly()
                ? AzdoWorkItemSink.validating(client, job.project())
                : new AzdoWorkItemSink(client, job.project());
    return run(job, catalog, sink, identity(job, journalTarget), client, onPlan, progress);
  }

  /** The identity of the job's journal for a target; projects' journals name no project. */
  public static JournalIdentity identity(ImportJob job, String target) {
    return new JournalIdentity(
        target,
        job.endpoint().endsWith("-project") ? null : job.project(),
        job.endpoint(),
        job.source().identity());
  }

  /**
   * Plans and runs the job; with {@link ImportJob#dryRun()} pass a {@link
   * dev.azdo.pipeline.writer.DryRunSink}.
   *
   * @param onPlan receives the checked plan before the first row is sent (to print it), may be null
   * @param progress receives the counts after each batch, on the calling thread
   * @return the counts; {@link RunSummary#exitCode()} is 0, 3 or 1
   * @throws dev.azdo.pipeline.source.SourceException when the source cannot be opened (exit 2)
   * @throws dev.azdo.pipeline.mapping.PlanException listing every mapping problem (exit 2)
   */
  public static RunSummary run(
      ImportJob job,
      FieldCatalog catalog,
      WorkItemSink sink,
      Consumer<ImportPlan> onPlan,
      Consumer<RunSummary> progress) {
    String target = sink.target();
    return run(
        job, catalog, sink, target == null ? null : identity(job, target), null, onPlan, progress);
  }

  private static RunSummary run(
      ImportJob job,
      FieldCatalog catalog,
      WorkItemSink sink,
      JournalIdentity identity,
      AzdoClient client,
      Consumer<ImportPlan> onPlan,
      Consumer<RunSummary> progress) {
    if (job.mode() == null) {
      throw new IllegalArgumentException(
          job.endpoint() + " does not write work items; run it with a client");
    }
    try (RowSource source = Sources.open(job.source())) {
      ImportPlan plan = ImportPlan.create(job.mapping(), source.schema(), catalog);
      if (onPlan != null) {
        onPlan.accept(plan);
      }
      ImportRunner.Builder runner =
          ImportRunner.builder(plan, sink)
              .mode(job.mode())
              .batchSize(job.batchSize())
              .concurrency(job.concurrency())
              .flags(job.flags())
              .resume(job.resume())
              .progress(progress == null ? s -> {} : progress);
      if (client != null) {
        runner.retry(client.settings());
      }
      if (job.dryRun() || sink.isDryRun()) {
        try (RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
          return runner.rejects(rejects).build().run(source);
        }
      }
      // The journal first: a run refused because another holds it must not touch the rejects.
      Path file = journalFile(job, identity);
      try (Journal journal = Journal.open(file, identity);
          RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
        RunSummary summary = runner.journal(journal).rejects(rejects).build().run(source);
        summary.journal(file);
        return summary;
      }
    }
  }

  /**
   * Returns the journal a job uses: {@code --journal} when given, else a file beside the source (or
   * job file) whose name derives from the identity ({@code bugs.create-workitem-1a2b3c4d.journal}),
   * so two sources or two targets never share one by accident.
   */
  public static Path journalFile(ImportJob job, JournalIdentity identity) {
    if (job.journal() != null) {
      return job.journal();
    }
    return Path.of(
        job.defaultsBase() + (identity == null ? "" : "." + identity.fileTag()) + ".journal");
  }
}
