package dev.azdo.cli;

import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `azdo import SOURCE ...`: maps rows of a source onto an endpoint and writes them. */
@Command(
    name = "import",
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
      names = "--endpoint",
      defaultValue = "create-workitem",
      description = "See azdo endpoints (default: ${DEFAULT-VALUE}).")
  String endpoint;

  @Option(
      names = "--property",
      paramLabel = "NAME=VALUE",
      description =
          "An endpoint property, e.g. key-field=Custom.ExternalId (see azdo endpoints NAME;"
              + " repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--type",
      description = "Work item type, unless a column maps to System.WorkItemType.")
  String type;

  @Option(
      names = "--map",
      paramLabel = "SRC=FIELD",
      description =
          "Column (or {Col} template) to field by reference or display name; FIELD:FORMAT for dates (repeatable).")
  List<String> maps = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "FIELD=VALUE",
      description = "A constant for every row (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "SRC[=FIELD]",
      description =
          "The column that identifies a row; FIELD keeps it on the work item (else a tag marker).")
  String key;

  @Option(
      names = "--parent-key",
      paramLabel = "COLUMN",
      description = "Column holding the parent's key or an existing work item id.")
  String parentKey;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "Rejected rows with their reasons (default: SOURCE-NAME.rejects.csv).")
  Path rejects;

  @Option(
      names = "--journal",
      paramLabel = "FILE",
      description = "Row key to work item id, for resuming (default: SOURCE-NAME.journal).")
  Path journal;

  @Option(
      names = "--batch-size",
      defaultValue = "200",
      description = "Operations per $batch request, 1 to 200 (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--concurrency",
      defaultValue = "4",
      description = "Requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--dry-run", description = "Plan and map every row, write nothing.")
  boolean dryRun;

  @Option(
      names = "--validate-only",
      description =
          "Send every row with the service's validateOnly: its rules judge each row, nothing is"
              + " saved.")
  boolean validateOnly;

  @Option(names = "--bypass-rules", description = "Skip work item rules (needs the permission).")
  boolean bypassRules;

  @Option(names = "--suppress-notifications", description = "Send no notifications for the writes.")
  boolean suppressNotifications;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description = "Date pattern tried for date fields, e.g. dd/MM/yyyy (repeatable).")
  List<String> dateFormats = new ArrayList<>();

  @Option(names = "--zone", description = "Zone of dates without an offset (default: UTC).")
  String zone;

  @Option(
      names = "--format",
      description =
          "Source format: csv, tsv, json, ndjson, xlsx, jdbc, dummy (default: from SOURCE).")
  String format;

  @Option(names = "--delimiter", description = "CSV delimiter; tab for TSV.")
  String delimiter;

  @Option(names = "--encoding", description = "Charset of text files (default: UTF-8; a BOM wins).")
  String encoding;

  @Option(names = "--sheet", description = "Excel sheet name or number.")
  String sheet;

  @Option(names = "--query", description = "SQL query of a jdbc: SOURCE.")
  String query;

  @Option(names = "--db-user", description = "Database user of a jdbc: SOURCE.")
  String dbUser;

  @Option(
      names = "--db-password-env",
      paramLabel = "NAME",
      description = "Environment variable holding the database password.")
  String dbPasswordEnv;

  @Option(names = "--rows", description = "Rows of a dummy SOURCE.")
  Long rows;

  @Option(names = "--seed", description = "Seed of a dummy SOURCE.")
  Long seed;

  @Option(
      names = "--embedded-emulator",
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

  private static Charset charset(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--encoding: \"" + name + "\" is not a known charset");
    }
  }

  private ImportJob job(String project) {
    try {
      SourceOptions.Builder src =
          SourceOptions.builder(source)
              .format(format)
              .delimiter(delimiter)
              .sheet(sheet)
              .query(query)
              .credentials(dbUser, dbPasswordEnv == null ? null : System.getenv(dbPasswordEnv));
      if (encoding != null) {
        src.charset(charset(encoding));
      }
      if (rows != null) {
        src.rows(rows);
      }
      if (seed != null) {
        src.seed(seed);
      }
      ImportJob.Builder b =
          ImportJob.builder(src.build())
              .endpoint(endpoint)
              .project(project)
              .type(type)
              .key(key)
              .parentKey(parentKey)
              .batchSize(batchSize)
              .concurrency(concurrency)
              .dryRun(dryRun)
              .validateOnly(validateOnly)
              .bypassRules(bypassRules)
              .suppressNotifications(suppressNotifications);
      properties.forEach(b::property);
      maps.forEach(b::map);
      sets.forEach(b::set);
      dateFormats.forEach(b::dateFormat);
      if (zone != null) {
        b.zone(zone);
      }
      if (rejects != null) {
        b.rejects(rejects);
      }
      if (journal != null) {
        b.journal(journal);
      } else if (embeddedEmulator) {
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
