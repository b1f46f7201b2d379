package dev.azdo.pipeline;

import dev.azdo.client.AzdoClient;
import dev.azdo.pipeline.endpoint.EndpointImporter;
import dev.azdo.pipeline.endpoint.EndpointPlan;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.report.RejectsWriter;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.Sources;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import dev.azdo.pipeline.writer.DryRunSink;
import dev.azdo.pipeline.writer.ImportRunner;
import dev.azdo.pipeline.writer.WorkItemSink;
import java.io.OutputStream;
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
    if (job.mode() == null) {
      // Comments, links, attachments, projects, teams, areas and iterations.
      return EndpointImporter.run(job, client, dryRunOut, onEndpointPlan, progress);
    }
    FieldCatalog catalog = AzdoFieldCatalog.of(client, job.project());
    WorkItemSink sink =
        job.dryRun()
            ? new DryRunSink(dryRunOut)
            : job.validateOnly()
                ? AzdoWorkItemSink.validating(client, job.project())
                : new AzdoWorkItemSink(client, job.project());
    return run(job, catalog, sink, onPlan, progress);
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
              .progress(progress == null ? s -> {} : progress);
      try (RejectsWriter rejects = RejectsWriter.open(job.rejects(), source.schema())) {
        runner.rejects(rejects);
        if (job.dryRun() || sink.isDryRun()) {
          return runner.build().run(source);
        }
        try (Journal journal = Journal.open(job.journal(), sink.target())) {
          return runner.journal(journal).build().run(source);
        }
      }
    }
  }
}
