package dev.azdo.cli;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.export.EndpointReads;
import dev.azdo.pipeline.export.RowFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `azdo read ENDPOINT`: any read endpoint of the catalogue, with its output columns. */
@Command(
    name = "read",
    footer = {
      "Examples:",
      "  azdo read list-projects --format json",
      "  azdo read list-iterations --project Demo --out iterations.csv",
    },
    mixinStandardHelpOptions = true,
    description =
        "Runs a read endpoint of the catalogue (list-projects, list-teams, list-areas,"
            + " list-iterations, list-comments, list-fields, list-workitem-types, list-processes,"
            + " get-workitems, query-workitems) and prints its output columns"
            + " (azdo endpoints NAME lists them).")
final class ReadCommand implements Callable<Integer>, NeedsConnection {
  // Ids named in the line on ids not found; the rest are counted.
  private static final int SHOWN_IDS = 20;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ENDPOINT", description = "A read endpoint's name.")
  String endpoint;

  @Option(names = "--id", description = "The work item id (list-comments).")
  String id;

  @Option(names = "--ids", description = "Work item ids, comma separated (get-workitems).")
  String ids;

  @Option(names = "--fields", description = "Fields, comma separated (get/query-workitems).")
  String fields;

  @Option(names = "--type", description = "The work item type (list-fields).")
  String type;

  @Option(names = "--depth", description = "Levels below the root (list-areas/iterations).")
  String depth;

  @Option(names = "--query", description = "The WIQL statement (query-workitems).")
  String query;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws Exception {
    RowFormat f = output.rowFormat();
    ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
    Map<String, String> props = new LinkedHashMap<>();
    settings.project().ifPresent(p -> props.put("project", p));
    put(props, "id", id);
    put(props, "ids", ids);
    put(props, "fields", fields);
    put(props, "type", type);
    put(props, "depth", depth);
    put(props, "query", query);
    if (depth != null && !depth.matches("\\d{1,2}")) {
      throw new UsageException("--depth: '" + depth + "' is not a number of levels");
    }
    try (AzdoClient client = ReadSupport.client(settings, new TrafficStats())) {
      EndpointReads reads = new EndpointReads(client, 4);
      long n =
          ReadSupport.write(
              f, output.out, spec.commandLine().getOut(), w -> reads.write(endpoint, props, w));
      output.reportWritten(n, spec.commandLine().getErr());
      List<Integer> missing = reads.notFound();
      if (!missing.isEmpty()) {
        // Like rejected rows: the read finished, but not every id asked for is in the output.
        spec.commandLine()
            .getErr()
            .println(
                "azdo: "
                    + missing.size()
                    + (missing.size() == 1 ? " work item was" : " work items were")
                    + " not found (deleted, never created, or not readable with these"
                    + " credentials): "
                    + missing.stream()
                        .limit(SHOWN_IDS)
                        .map(String::valueOf)
                        .collect(Collectors.joining(", "))
                    + (missing.size() > SHOWN_IDS
                        ? " and " + (missing.size() - SHOWN_IDS) + " more"
                        : ""));
        return Main.REJECTED;
      }
    } catch (AzdoException e) {
      throw ReadSupport.serviceError(e);
    }
    return Main.OK;
  }

  private static void put(Map<String, String> props, String key, String value) {
    if (value != null) {
      props.put(key, value);
    }
  }
}
