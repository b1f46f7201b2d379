package dev.azdo.cli;

import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** `azdo endpoints [NAME]`: the catalogue of endpoints, or one endpoint in full. */
@Command(
    name = "endpoints",
    footer = {
      "Examples:",
      "  azdo endpoints",
      "  azdo endpoints create-workitem",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Lists every endpoint with what it does; with NAME, its properties and its input and",
      "output columns (map source columns to input columns with --map SRC=COLUMN)."
    })
final class EndpointsCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      description = "An endpoint, such as add-comment.")
  String name;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (name == null) {
      int width = Endpoints.all().stream().mapToInt(e -> e.name().length()).max().orElse(0);
      out.println(pad("ENDPOINT", width) + "  KIND   DESCRIPTION");
      for (EndpointSpec e : Endpoints.all()) {
        out.println(
            pad(e.name(), width) + "  " + (e.write() ? "write" : "read ") + "  " + e.description());
      }
      out.println();
      out.println("Details: azdo endpoints NAME");
      out.flush();
      return Main.OK;
    }
    EndpointSpec e =
        Endpoints.find(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown endpoint '" + name + "'; known: " + Endpoints.names()));
    out.println(e.name() + " (" + (e.write() ? "write" : "read") + "): " + e.description());
    if (!e.properties().isEmpty()) {
      out.println();
      out.println("Properties:");
      int w = e.properties().stream().mapToInt(p -> p.name().length()).max().orElse(0);
      for (EndpointSpec.Property p : e.properties()) {
        out.println("  " + pad(p.name(), w) + "  " + p.meaning());
      }
    }
    if (!e.inputs().isEmpty()) {
      out.println();
      out.println("Input columns:");
      columns(out, e.inputs(), true);
    }
    out.println();
    out.println("Output columns:");
    columns(out, e.outputs(), false);
    out.flush();
    return Main.OK;
  }

  private static void columns(PrintWriter out, List<EndpointSpec.Column> columns, boolean need) {
    int w = columns.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    List<String> needs =
        columns.stream()
            .map(c -> c.required() ? "required" : c.oneOf() != null ? "one of " + c.oneOf() : "")
            .toList();
    int nw = needs.stream().mapToInt(String::length).max().orElse(0);
    for (int i = 0; i < columns.size(); i++) {
      EndpointSpec.Column c = columns.get(i);
      out.println(
          "  "
              + pad(c.name(), w)
              + "  "
              + (need
                  ? pad(needs.get(i).isEmpty() ? "optional" : needs.get(i), Math.max(nw, 8)) + "  "
                  : "")
              + c.meaning());
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
