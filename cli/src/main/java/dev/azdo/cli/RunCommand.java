package dev.azdo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.ConfigKey;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.JobException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `azdo run JOB.yaml`: an import described in a file. */
@Command(
    name = "run",
    footer = {
      "Examples:",
      "  azdo run examples/bugs-job.yaml",
      "  azdo run job.yaml --progress plain",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Runs the import a job file describes: connection, source, endpoint, project, mapping",
      "and options (see examples/bugs-job.yaml). Paths are relative to the job file.",
      "connection: {emulator: true} (or a map with data, process, custom-field, ...) runs it",
      "against an emulator inside this process. Secrets only by reference: pat-file, env:NAME,",
      "file:PATH. Connection flags on the command line override the file's."
    })
final class RunCommand implements Callable<Integer>, NeedsConnection {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "The job file.")
  Path jobFile;

  @Mixin RunOptions run;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(jobFile)) {
      throw new UsageException("job file " + jobFile + " does not exist");
    }
    ImportJob job;
    try {
      job = ImportJob.fromYaml(jobFile);
    } catch (JobException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    }
    Path base = jobFile.toAbsolutePath().getParent();
    JsonNode connection = job.connection();
    Map<String, String> fromJob = connection(connection, base);
    EmulatorConfig embedded =
        connection != null && connection.has("emulator")
            ? EmbeddedEmulator.config(connection.get("emulator"), base)
            : null;
    return ImportExecution.run(spec, run, embedded, fromJob, settings -> job);
  }

  /**
   * The job file's connection settings as strings; relative files resolve against the job's folder,
   * and a secret written into the file itself is refused.
   */
  static Map<String, String> connection(JsonNode connection, Path base) {
    Map<String, String> out = new LinkedHashMap<>();
    if (connection == null || connection.isMissingNode() || connection.isNull()) {
      return out;
    }
    if (!connection.isObject()) {
      throw new UsageException("job file: connection must be a map of settings");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = connection.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("emulator")) {
        continue;
      }
      JsonNode v = e.getValue();
      String value;
      if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(i -> items.add(i.asText()));
        value = String.join(",", items);
      } else {
        value = v.asText();
      }
      ConfigKey key = ConnectionConfig.key(name).orElse(null);
      if (key != null && key.isSecret()) {
        if (value.startsWith("file:")) {
          value = "file:" + base.resolve(value.substring(5));
        } else if (!ConnectionConfig.isSecretReference(value)) {
          // A job file gets copied, shared and committed: it may only point at a secret.
          problems.add(
              "job file: connection."
                  + name
                  + " must reference the secret (env:NAME or file:PATH), not contain it");
          continue;
        }
      } else if (key != null && key.name().endsWith("-file")) {
        value = base.resolve(value).toString();
      }
      out.put(name, value);
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\nazdo: ", problems));
    }
    return out;
  }
}
