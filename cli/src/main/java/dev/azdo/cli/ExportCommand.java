package dev.azdo.cli;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.export.ExportJob;
import dev.azdo.pipeline.export.ExportListener;
import dev.azdo.pipeline.export.ExportOptions;
import dev.azdo.pipeline.export.ExportSummary;
import dev.azdo.pipeline.export.RowFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `azdo export --project P --out FILE`: whole projects, streaming, incremental, resumable. */
@Command(
    name = "export",
    footer = {
      "Examples:",
      "  azdo export --project Demo --all-fields --include relations,comments --out demo.ndjson",
      "  azdo export --project Demo --state-file demo.state --out changes.csv",
    },
    mixinStandardHelpOptions = true,
    description =
        "Exports a project's work items to a file: streaming (memory stays flat), parallel reads"
            + " of 200 items, every item once in the query's order. A killed export resumes when"
            + " run again; --since or --state-file export only items changed since.")
final class ExportCommand implements Callable<Integer>, NeedsConnection {
  @Spec CommandSpec spec;

  @Option(names = "--wiql", description = "WIQL choosing the items (default: every item).")
  String wiql;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this type (repeatable).")
  List<String> types = List.of();

  @Option(
      names = "--fields",
      split = ",",
      paramLabel = "FIELD",
      description = "Fields to write (default: " + "Id, Type, Title, State, Assigned To, ...).")
  List<String> fields = List.of();

  @Option(names = "--all-fields", description = "Every field of the project.")
  boolean allFields;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "csv, json, ndjson, xlsx or boards-csv (default: from --out, else csv).")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The output file.")
  Path out;

  @Option(
      names = "--include",
      split = ",",
      paramLabel = "WHAT",
      description =
          "relations (Parent column, NAME.links.csv), comments (NAME.comments.csv),"
              + " history (NAME.history.ndjson, from the reporting API).")
  List<String> include = List.of();

  @Option(names = "--since", paramLabel = "DATE", description = "Only items changed after DATE.")
  String since;

  @Option(
      names = "--state-file",
      paramLabel = "FILE",
      description = "Remembers the last successful run: the next run exports only what changed.")
  Path stateFile;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      description = "Reads of 200 items in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description = "auto, bar, plain or none (default: ${DEFAULT-VALUE}).")
  String progress;

  @Override
  public Integer call() throws Exception {
    List<RowFormat> allowed =
        List.of(
            RowFormat.CSV, RowFormat.JSON, RowFormat.NDJSON, RowFormat.XLSX, RowFormat.BOARDS_CSV);
    RowFormat f = ReadSupport.format(format, out, allowed, RowFormat.CSV);
    boolean relations = false;
    boolean comments = false;
    boolean history = false;
    for (String i : include) {
      switch (i.strip().toLowerCase(Locale.ROOT)) {
        case "relations" -> relations = true;
        case "comments" -> comments = true;
        case "history" -> history = true;
        default ->
            throw new UsageException(
                "--include: '" + i + "' is not one of relations, comments, history");
      }
    }
    Progress.Mode mode;
    try {
      mode = Progress.Mode.valueOf(progress.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--progress: '" + progress + "' is not one of auto, bar, plain, none");
    }
    PrintWriter err = spec.commandLine().getErr();
    ConnectionSettings settings = ConnectionFlags.resolve(spec, err);
    String project =
        settings
            .project()
            .orElseThrow(() -> new UsageException("--project: the project to export is missing"));
    ExportOptions options =
        new ExportOptions(
            project,
            wiql,
            types,
            fields,
            allFields,
            f,
            out,
            relations,
            comments,
            history,
            since,
            stateFile,
            concurrency);
    TrafficStats stats = new TrafficStats();
    ExportSummary s;
    try (Progress p = new Progress(mode, err, stats, System::nanoTime)) {
      long[] total = {0};
      ExportListener listener =
          new ExportListener() {
            @Override
            public void planned(int items, long alreadyWritten) {
              total[0] = items;
              if (alreadyWritten > 0) {
                err.println(
                    "azdo: resuming: "
                        + alreadyWritten
                        + " of "
                        + items
                        + " items already written");
              }
            }

            @Override
            public void written(long count) {
              p.exported(count, total[0]);
            }
          };
      try (AzdoClient client = ReadSupport.client(settings, stats)) {
        s = new ExportJob(client, options, listener).run();
      } catch (AzdoException e) {
        throw ReadSupport.serviceError(e);
      }
      p.close();
      spec.commandLine()
          .getOut()
          .println(
              String.format(
                  Locale.ROOT,
                  "Exported %d work item%s%s to %s in %.2f s%s (watermark %s)",
                  s.items(),
                  s.items() == 1 ? "" : "s",
                  s.resumedItems() > 0
                      ? " (" + s.resumedItems() + " from the interrupted run)"
                      : "",
                  String.join(", ", s.files().stream().map(Path::toString).toList()),
                  p.seconds(),
                  history
                      ? ", " + s.revisions() + (s.revisions() == 1 ? " revision" : " revisions")
                      : "",
                  s.watermark()));
    }
    return Main.OK;
  }
}
