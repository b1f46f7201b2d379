package dev.azdo.pipeline;

import dev.azdo.client.AzdoClient;
import dev.azdo.pipeline.endpoint.EndpointPlan;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.report.JournalIdentity;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.writer.WorkItemSink;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Shortcuts that run an {@link ImportJob} as an {@link ImportTask}, and the journal's identity and
 * default file for a job.
 */
public final class Importer {
  private Importer() {}

  /** Runs the job against an organization (see {@link ImportTask}). */
  public static RunSummary run(
      ImportJob job,
      AzdoClient client,
      OutputStream dryRunOut,
      Consumer<ImportPlan> onPlan,
      Consumer<RunSummary> progress) {
    return run(job, client, null, dryRunOut, onPlan, null, progress);
  }

  /** Runs the job against an organization, handing the checked plan of either kind over first. */
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
   * Runs the job against an organization whose journal target is given (null: the organization URL;
   * see {@link ImportTask.Builder#target}).
   */
  public static RunSummary run(
      ImportJob job,
      AzdoClient client,
      String target,
      OutputStream dryRunOut,
      Consumer<ImportPlan> onPlan,
      Consumer<EndpointPlan> onEndpointPlan,
      Consumer<RunSummary> progress) {
    return ImportTask.builder(job, client)
        .target(target)
        .requestsOut(dryRunOut)
        .onWorkItemPlan(onPlan)
        .onEndpointPlan(onEndpointPlan)
        .progress(progress)
        .build()
        .run();
  }

  /** Plans and runs a work item job written to a sink with a known field catalogue. */
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
    return ImportTask.builder(job, catalog, sink)
        .onWorkItemPlan(onPlan)
        .progress(progress)
        .build()
        .run();
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
