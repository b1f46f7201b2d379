package dev.azdo.cli;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.export.QueryRows;
import dev.azdo.pipeline.export.RowFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `azdo query "WIQL"`: the selected fields of every item a query returns, past the 20,000 cap. */
@Command(
    name = "query",
    footer = {
      "Examples:",
      "  azdo query \"SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.State] = 'Active'\" --project Demo --format csv --out active.csv",
    },
    mixinStandardHelpOptions = true,
    description =
        "Runs a WIQL query and prints the fields it selects for every item (not just ids); tree"
            + " and one-hop queries give Source, Target and LinkType. Past 20,000 results the"
            + " query is paged transparently, every item once, in the query's order.")
final class QueryCommand implements Callable<Integer>, NeedsConnection {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WIQL", description = "The WIQL statement.")
  String wiql;

  @Option(
      names = "--fields",
      split = ",",
      paramLabel = "FIELD",
      description = "Fields to print instead of the query's SELECT (reference or display names).")
  List<String> fields = List.of();

  @Mixin OutputOptions output;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      description = "Work item reads in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    RowFormat f = output.rowFormat();
    if (concurrency < 1 || concurrency > 32) {
      throw new UsageException("--concurrency: must be between 1 and 32");
    }
    ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
    String project = settings.project().orElse(null);
    try (AzdoClient client = ReadSupport.client(settings, new TrafficStats())) {
      QueryRows rows = new QueryRows(client, concurrency);
      long n =
          ReadSupport.write(
              f,
              output.out,
              spec.commandLine().getOut(),
              w -> rows.write(project, wiql, fields, w));
      output.reportWritten(n, spec.commandLine().getErr());
    } catch (AzdoException e) {
      throw ReadSupport.serviceError(e);
    }
    return Main.OK;
  }
}
