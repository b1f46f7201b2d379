package dev.azdo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.JobConnection;
import dev.azdo.pipeline.JobException;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * The job file's connection settings as strings (see {@link JobConnection#settings}); a bad entry
   * is a usage error.
   */
  static Map<String, String> connection(JsonNode connection, Path base) {
    try {
      return JobConnection.settings(connection, base);
    } catch (JobException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    }
  }
}
