package dev.azdo.pipeline.endpoint;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.WriteOptions;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.SourceSchema;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import dev.azdo.pipeline.writer.ImportConnector;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an import into one of the endpoints that do not write work items field by field (comments,
 * links, attachments, projects, teams, areas, iterations): plans the input columns and checks the
 * project, process and attachment folder before any write, then runs the {@link TaskLoop} with the
 * endpoint's {@link EndpointConnector}, as the work item endpoints run it with theirs.
 */
public final class EndpointImporter {
  private EndpointImporter() {}

  /**
   * Plans a job whose endpoint is not a work item endpoint and returns its connector, for the
   * import task to run.
   *
   * @param schema the source's columns
   * @param dryRunOut receives one JSON line per row a dry run would send, may be null
   * @param onPlan receives the checked plan before the first row is sent, may be null
   * @throws PlanException listing every problem with the mapping or the project (exit 2)
   */
  public static ImportConnector<EndpointRow> connect(
      ImportJob job,
      AzdoClient client,
      SourceSchema schema,
      OutputStream dryRunOut,
      Consumer<EndpointPlan> onPlan) {
    EndpointSpec endpoint = job.endpointSpec();
    if (endpoint.writesWorkItems() || !endpoint.write()) {
      throw new IllegalArgumentException(endpoint.name() + " is not run by EndpointImporter");
    }
    List<String> problems = new ArrayList<>();
    EndpointPlan plan = null;
    try {
      plan = EndpointPlan.create(endpoint, job.mapping(), schema);
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
          .noneMatch(p -> process.equalsIgnoreCase(p.name()) || process.equalsIgnoreCase(p.id()))) {
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
    return new EndpointConnector(endpoint.name(), plan, writer, job.batchSize(), threads);
  }

  // The folder of a file source; null for queries and generated rows.
  private static Path sourceFolder(SourceOptions source) {
    if (source.format() == SourceOptions.Format.JDBC
        || source.format() == SourceOptions.Format.DUMMY) {
      return null;
    }
    return Path.of(source.location()).toAbsolutePath().getParent();
  }
}
