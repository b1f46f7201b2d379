package dev.azdo.cli;

import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.JobException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `azdo import SOURCE ...`: maps rows of a source onto an endpoint and writes them. Its import
 * options come from the pipeline's job configuration definition (see {@link ImportFlags}).
 */
@Command(
    name = "import",
    footer = {
      "Examples:",
      "  azdo import rows.csv --org-url http://127.0.0.1:8080/demo --pat-file pat.txt --project Demo --type Task --key Key --map Title=System.Title --map Priority=Microsoft.VSTS.Common.Priority",
      "  azdo import issues.xlsx --sheet Open --project Demo --type Bug --key Key --map Summary=System.Title --dry-run",
      "  azdo import jdbc:postgresql://db/app --query \"SELECT key, title FROM issues\" --project Demo --type Bug --key key --map title=System.Title",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Imports rows from SOURCE into Azure DevOps: a CSV/TSV, JSON/NDJSON or .xlsx file,",
      "a jdbc: URL with --query, or dummy:N for N generated rows.",
      "Every row ends written (see the journal), rejected (see the rejects file) or reported",
      "as not attempted. Running the same command again resumes and writes nothing twice.",
      "Exit codes: 0 every row done, 3 some rows rejected, 2 usage or configuration error,",
      "1 any other failure."
    })
final class ImportCommand implements Callable<Integer>, NeedsConnection {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE", description = "File, jdbc: URL or dummy:N.")
  String source;

  @Option(
      names = "--embedded-emulator",
      descriptionKey = "writing",
      description =
          "Import into an emulator started inside this process (in memory), for trying a mapping out.")
  boolean embeddedEmulator;

  @Mixin RunOptions run;

  @Override
  public Integer call() {
    return ImportExecution.run(
        spec,
        run,
        embeddedEmulator ? EmulatorConfig.builder().port(0).build() : null,
        Map.of(),
        settings -> job(settings.project().orElse(null)));
  }

  private ImportJob job(String project) {
    try {
      ImportJob.Builder b = ImportJob.builder(source).project(project);
      ImportFlags.apply(spec, b);
      if (embeddedEmulator && !spec.commandLine().getParseResult().hasMatchedOption("--journal")) {
        // An in-memory emulator forgets everything when the run ends, so must its journal.
        Path scratch = Files.createTempFile("azdo-embedded-", ".journal");
        Files.delete(scratch);
        scratch.toFile().deleteOnExit();
        b.journal(scratch);
      }
      return b.build();
    } catch (JobException e) {
      throw new UsageException(String.join("\nazdo: ", e.problems()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
