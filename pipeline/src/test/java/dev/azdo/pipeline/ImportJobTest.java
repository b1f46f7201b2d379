package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.SourceKeys;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportJobTest {
  @TempDir Path dir;

  @Test
  void readsAJobFileResolvingPathsAgainstItsFolder() throws IOException {
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            """
            connection: {org-url: "http://127.0.0.1:1/demo"}
            source: {path: data/in.tsv, encoding: ISO-8859-1}
            endpoint: upsert-workitem
            project: Demo
            type: Bug
            mapping:
              - Title=System.Title
              - {source: Due, field: Due Date, format: dd/MM/yyyy}
            set: {System.State: New}
            key: Key=Custom.ExternalKey
            parent-key: Parent
            options: {rejects: out/rejects.csv, batch-size: 50, concurrency: 2, bypass-rules: true, suppress-notifications: true}
            """);
    ImportJob parsed = ImportJob.fromYaml(job);
    assertThat(parsed.source().format()).isEqualTo(SourceOptions.Format.TSV);
    assertThat(parsed.source().delimiter()).isEqualTo('\t');
    assertThat(Path.of(parsed.source().location()))
        .isEqualTo(dir.toAbsolutePath().resolve("data/in.tsv"));
    assertThat(parsed.mode()).isEqualTo(WriteMode.UPSERT);
    assertThat(parsed.project()).isEqualTo("Demo");
    assertThat(parsed.mapping().mappings())
        .extracting(m -> m.origin())
        .containsExactly(
            "--map Title=System.Title", "--map Due=Due Date:dd/MM/yyyy", "--set System.State=New");
    assertThat(parsed.mapping().keyField()).isEqualTo("Custom.ExternalKey");
    assertThat(parsed.mapping().parentKeyColumn()).isEqualTo("Parent");
    assertThat(parsed.rejects()).isEqualTo(dir.toAbsolutePath().resolve("out/rejects.csv"));
    // Defaults sit beside the job file, named after it.
    assertThat(parsed.journal()).isNull();
    assertThat(parsed.defaultsBase()).isEqualTo(dir.toAbsolutePath().resolve("job"));
    assertThat(parsed.batchSize()).isEqualTo(50);
    assertThat(parsed.flags().bypassRules()).isTrue();
    assertThat(parsed.mapping().bypassRules()).isTrue();
    assertThat(parsed.connection().path("org-url").asText()).isEqualTo("http://127.0.0.1:1/demo");
  }

  @Test
  void reportsEveryBadKeyOfAJobFileAtOnce() throws IOException {
    Path job =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            source: {path: in.csv, colour: red}
            endpoint: create-bug
            mappings: [Title=System.Title]
            options: {batch-size: lots, dry-run: maybe}
            """);
    JobException e = catchThrowableOfType(JobException.class, () -> ImportJob.fromYaml(job));
    assertThat(e.problems())
        .containsExactly(
            "mappings: unknown key (known: connection, endpoint, identity-map, key, lookups, mapping,"
                + " options, parent-key, project, properties, set, source, type, unknown-identity,"
                + " value-map-files, value-map-ignore-case, value-map-strict, value-maps)",
            "source.colour: unknown key (known: delimiter, encoding, fetch-size, format, header-row, limit, password-env, path, query, rows, seed, sheet, skip-rows, url, user)",
            "options.batch-size: \"lots\" is not a whole number",
            "options.dry-run: \"maybe\" is not true or false",
            "endpoint: unknown endpoint 'create-bug'; known: "
                + dev.azdo.pipeline.endpoint.Endpoints.writeNames(),
            "--project: the project to write to is missing");
  }

  @Test
  void aJdbcJobsPasswordComesFromTheVariableItNamesInTheEnvironmentGiven() throws IOException {
    Path job =
        Files.writeString(
            dir.resolve("db.yaml"),
            """
            source: {url: "jdbc:h2:mem:jobs", query: "SELECT 1", user: app, password-env: DB_PASSWORD}
            project: Demo
            mapping: [Title=System.Title]
            """);
    ImportJob given =
        ImportJob.fromYaml(job, java.util.Map.of(), java.util.Map.of("DB_PASSWORD", "pw-1")::get);
    assertThat(given.source().user()).isEqualTo("app");
    assertThat(given.source().password()).isEqualTo("pw-1");
    assertThat(
            ImportJob.fromYaml(job, java.util.Map.of(), java.util.Map.<String, String>of()::get)
                .source()
                .password())
        .isNull();
  }

  @Test
  void flagsBuildTheSameJobWithDefaultsForRejectsAndJournal() {
    ImportJob job =
        ImportJob.builder(SourceOptions.builder("examples/bugs.csv").build())
            .project("Demo")
            .type("Bug")
            .map("Title=System.Title")
            .key("Key")
            .dryRun(true)
            .build();
    assertThat(job.mode()).isEqualTo(WriteMode.CREATE);
    // Defaults sit beside the source file; a dry run's rejects never overwrite a real run's.
    assertThat(job.rejects()).isEqualTo(Path.of("examples/bugs.dry-run.rejects.csv"));
    // The default journal's name adds the identity's tag (see Importer.journalFile).
    assertThat(job.journal()).isNull();
    assertThat(job.defaultsBase()).isEqualTo(Path.of("examples/bugs"));
    assertThat(job.mapping().checkRequired()).isTrue();
    assertThat(job.dryRun()).isTrue();
  }

  @Test
  void aSettingGivenAsTextIsCheckedByTheOneDefinitionWithOneMessagePerBadKey() {
    JobException e =
        catchThrowableOfType(
            JobException.class,
            () ->
                ImportJob.builder("in.csv")
                    .project("Demo")
                    .set(JobConfig.BATCH_SIZE, "500")
                    .set(JobConfig.CONCURRENCY, "many")
                    .set(JobConfig.RESUME, "false")
                    .set(SourceKeys.ENCODING, "klingon")
                    .build());
    assertThat(e.problems())
        .containsExactly(
            "--concurrency: \"many\" is not a whole number",
            "--batch-size: must be 1 to 200, was 500",
            "--encoding: \"klingon\" is not a known charset");
  }

  @Test
  void aJobFileReadsEveryOptionOfTheDefinitionIncludingResume() throws IOException {
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            """
            source: {path: in.csv}
            project: Demo
            type: Bug
            mapping: [Title=System.Title]
            options: {resume: false, concurrency: 2, date-format: [dd/MM/yyyy]}
            """);
    ImportJob parsed = ImportJob.fromYaml(job);
    assertThat(parsed.resume()).isFalse();
    assertThat(parsed.concurrency()).isEqualTo(2);
    assertThat(parsed.value(JobConfig.DATE_FORMAT)).isEqualTo(java.util.List.of("dd/MM/yyyy"));
    assertThat(parsed.mapping().dateFormats()).containsExactly("dd/MM/yyyy");
  }

  @Test
  void readsValueMapsValueMapFilesAndTheIdentityMapOfAJobFileRelativeToIt() throws IOException {
    Files.writeString(dir.resolve("in.csv"), "Title,Status,Priority,Who\nA,In Progress,High,zed\n");
    Files.writeString(dir.resolve("priorities.csv"), "from,to\nHigh,1\nLow,4\n");
    Files.writeString(dir.resolve("people.csv"), "zed,zed@example.com\n");
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            """
            source: {path: in.csv}
            project: Demo
            type: Bug
            mapping: [Title=System.Title, Status=System.State, Priority=Priority, Who=Assigned To]
            value-maps: {System.State: {"In Progress": Active, Done: Closed}}
            value-map-files: {Priority: priorities.csv}
            value-map-strict: [System.State]
            identity-map: people.csv
            unknown-identity: as=triage@example.com
            """);
    ImportJob parsed = ImportJob.fromYaml(job);
    dev.azdo.pipeline.mapping.ImportPlan plan =
        dev.azdo.pipeline.mapping.ImportPlan.create(
            parsed.mapping(),
            dev.azdo.pipeline.source.SourceSchema.of("Title", "Status", "Priority", "Who"),
            dev.azdo.pipeline.mapping.AgileProcess.catalog());
    assertThat(plan.describe())
        .contains(
            "value map System.State: \"In Progress\" -> \"Active\", \"Done\" -> \"Closed\""
                + " (strict: other values are rejected)",
            "value map priority: \"High\" -> \"1\", \"Low\" -> \"4\"",
            "identity map people.csv: 1 person for every identity field; unknown identities:"
                + " written as triage@example.com");

    Path bad =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            source: {path: in.csv}
            project: Demo
            type: Bug
            value-maps: {System.State: Active}
            value-map-files: {Priority: missing.csv}
            unknown-identity: maybe
            """);
    JobException e = catchThrowableOfType(JobException.class, () -> ImportJob.fromYaml(bad));
    assertThat(e.problems())
        .anyMatch(p -> p.startsWith("value-maps.System.State: expected a mapping of values"))
        .anyMatch(p -> p.startsWith("value-map-files priority=") && p.contains("cannot be read"))
        .anyMatch(p -> p.equals("unknown-identity: \"maybe\" is not reject, clear or as=NAME"));
  }

  @Test
  void readsLookupsOfAJobFileAsAListOrAMappingAndRefusesABadOne() throws IOException {
    Files.writeString(dir.resolve("in.csv"), "Title,Parent,Team\nA,Login,Web\n");
    Path job =
        Files.writeString(
            dir.resolve("job.yaml"),
            """
            source: {path: in.csv}
            project: Demo
            type: Task
            mapping: [Title=System.Title, Team=Area Path]
            parent-key: Parent
            lookups: {Parent: "Title:ID", Team: area}
            """);
    ImportJob parsed = ImportJob.fromYaml(job);
    assertThat(parsed.mapping().lookups())
        .extracting(l -> l.origin())
        .containsExactly("--lookup Parent=Title:ID", "--lookup Team=area");
    dev.azdo.pipeline.mapping.ImportPlan plan =
        dev.azdo.pipeline.mapping.ImportPlan.create(
            parsed.mapping(),
            dev.azdo.pipeline.source.SourceSchema.of("Title", "Parent", "Team"),
            dev.azdo.pipeline.mapping.AgileProcess.catalog());
    // Display names become reference names; the plan shows each lookup.
    assertThat(plan.lookups())
        .extracting(l -> l.byField() + ">" + l.resultField())
        .containsExactly("System.Title>System.Id", "null>null");
    assertThat(plan.describe())
        .contains(
            "--lookup Parent=Title:ID: Parent = the work item whose System.Title is the value ->"
                + " its System.Id (read in bulk, cached for the run; a value not found rejects"
                + " the row)");

    Path list =
        Files.writeString(
            dir.resolve("list.yaml"),
            """
            source: {path: in.csv}
            project: Demo
            type: Task
            mapping: [Title=System.Title]
            lookups: ["Parent=System.Title:System.Id", "Team=Title"]
            """);
    ImportJob listed = ImportJob.fromYaml(list);
    dev.azdo.pipeline.mapping.PlanException e =
        catchThrowableOfType(
            dev.azdo.pipeline.mapping.PlanException.class,
            () ->
                dev.azdo.pipeline.mapping.ImportPlan.create(
                    listed.mapping(),
                    dev.azdo.pipeline.source.SourceSchema.of("Title", "Parent", "Team"),
                    dev.azdo.pipeline.mapping.AgileProcess.catalog()));
    assertThat(e.problems())
        .containsExactly(
            "--lookup Team=Title: \"Title\" is not BY_FIELD:RESULT_FIELD (the field to match the"
                + " column's value against, then the field to take), area or iteration");
  }
}
