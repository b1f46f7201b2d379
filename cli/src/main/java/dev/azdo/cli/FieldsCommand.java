package dev.azdo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.WorkItemField;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `azdo fields --project P --type T`: the fields a mapping can target. */
@Command(
    name = "fields",
    footer = {
      "Examples:",
      "  azdo fields --org-url http://127.0.0.1:8080/demo --pat-file pat.txt --project Demo --type Bug",
    },
    mixinStandardHelpOptions = true,
    description =
        "Lists the fields of a work item type: reference name, name, type, required, read-only,"
            + " allowed values.")
final class FieldsCommand implements Callable<Integer>, NeedsConnection {
  @Spec CommandSpec spec;

  @Option(names = "--type", required = true, description = "Work item type, e.g. Bug.")
  String type;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw new UsageException("--format: '" + format + "' is not one of table, json");
    }
    ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
    String project =
        settings
            .project()
            .orElseThrow(() -> new UsageException("--project: the project is missing"));
    List<WorkItemField> fields;
    try (AzdoClient client = AzdoClient.create(settings)) {
      fields = client.listFields(project, type);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields));
      return Main.OK;
    }
    int width = "REFERENCE NAME".length();
    int nameWidth = "NAME".length();
    for (WorkItemField f : fields) {
      width = Math.max(width, f.referenceName().length());
      nameWidth = Math.max(nameWidth, f.name().length());
    }
    String row = "%-" + width + "s  %-" + nameWidth + "s  %-10s  %-8s  %-9s  %s%n";
    out.printf(row, "REFERENCE NAME", "NAME", "TYPE", "REQUIRED", "READ-ONLY", "ALLOWED VALUES");
    for (WorkItemField f : fields) {
      out.printf(
          row,
          f.referenceName(),
          f.name(),
          f.type() == null ? "" : f.type(),
          f.required() ? "yes" : "",
          f.readOnly() ? "yes" : "",
          String.join(", ", f.allowedValues()));
    }
    return Main.OK;
  }
}
