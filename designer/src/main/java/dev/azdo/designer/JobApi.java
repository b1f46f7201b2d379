package dev.azdo.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import dev.azdo.pipeline.config.SourceKeys;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.FieldCatalog;
import dev.azdo.pipeline.mapping.FieldDefinition;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.mapping.WorkItemTypeDefinition;
import dev.azdo.pipeline.report.RowOutcome;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.ExcelSource;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.Sources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Source, Endpoint, Mapping, Preview and Job file steps. The page's job is always written as
 * the job file first and read back with {@link ImportJob#fromYaml}, so what the page checks,
 * previews and runs is exactly what {@code azdo run FILE} does.
 */
final class JobApi implements Designer.Api {
  private static final int PREVIEW_ROWS = 10;
  private static final int PREVIEW_REQUESTS = 20;
  private static final int VALIDATE_ROWS_MAX = 1000;

  private final Workspace ws;
  // Field catalogues by profile and project, until "Refresh metadata" drops them.
  private final Map<String, FieldCatalog> catalogs = new ConcurrentHashMap<>();

  JobApi(Workspace ws) {
    this.ws = ws;
  }

  @Override
  public Exchange.Answer handle(Exchange ex) throws IOException {
    return switch (ex.method() + " " + ex.path()) {
      case "POST source/upload" -> Exchange.Answer.json(upload(ex));
      case "POST source/preview" -> Exchange.Answer.json(sourcePreview(ex.json()));
      case "POST fields" -> Exchange.Answer.json(fields(ex.json()));
      case "POST plan" -> Exchange.Answer.json(plan(ex.json()));
      case "POST preview" -> Exchange.Answer.json(dryRun(ex.json()));
      case "POST validate" -> Exchange.Answer.json(validate(ex.json()));
      case "POST job/save" -> Exchange.Answer.json(save(ex.json()));
      case "GET job/load" -> Exchange.Answer.json(load(ex.query().get("file")));
      case "GET job/files" -> Exchange.Answer.json(files());
      case "GET job/download" -> download(ex.query().get("file"));
      default -> null;
    };
  }

  private ObjectNode upload(Exchange ex) throws IOException {
    String name = ex.query().get("name");
    Path file = ws.file(name == null ? null : Path.of(name).getFileName().toString());
    Files.createDirectories(ws.dir());
    Files.write(file, ex.body());
    return Exchange.JSON
        .createObjectNode()
        .put("path", file.getFileName().toString())
        .put("bytes", ex.body().length);
  }

  /** The first rows and the detected columns of the page's source. */
  private ObjectNode sourcePreview(ObjectNode body) {
    remember(body);
    ObjectNode source = (ObjectNode) body.path("job").path("source");
    ImportJob.Builder b =
        ImportJob.builder(location(source.path("path").asText(null), source))
            .environment(ws::environment);
    for (JobKey k : JobConfig.keys(JobKey.Section.SOURCE)) {
      JsonNode v = source.get(k.name());
      if (v != null && !v.asText().isBlank() && k != SourceKeys.SOURCE_PATH) {
        b.set(
            k, k.type() == JobKey.Type.PATH ? ws.dir().resolve(v.asText()).toString() : v.asText());
      }
    }
    ObjectNode out = Exchange.JSON.createObjectNode();
    SourceOptions options;
    try {
      options = b.project("preview").build().source();
    } catch (JobException e) {
      throw new Exchange.BadRequest(String.join("; ", e.problems()));
    }
    if (options.format() == SourceOptions.Format.XLSX) {
      // The page's sheet picker; a sheet that is not there is refused below, naming them too.
      ArrayNode sheets = out.putArray("sheets");
      try {
        ExcelSource.sheetNames(Path.of(options.location())).forEach(sheets::add);
      } catch (SourceException e) {
        throw new Exchange.BadRequest(Messages.of(e));
      }
    }
    try (RowSource rows = Sources.open(options)) {
      ArrayNode data = out.putArray("rows");
      for (int i = 0; i < PREVIEW_ROWS; i++) {
        SourceRow row = rows.next();
        if (row == null) {
          break;
        }
        ArrayNode values = data.addArray();
        for (int c = 0; c < row.valueCount(); c++) {
          values.add(row.get(c));
        }
      }
      ArrayNode columns = out.putArray("columns");
      rows.schema().columns().forEach(columns::add);
      out.put("numbered", rows.schema().numbered());
      out.put("describe", rows.describe());
    } catch (SourceException e) {
      throw new Exchange.BadRequest(Messages.of(e));
    }
    return out;
  }

  private String location(String path, ObjectNode source) {
    String url = source.path("url").asText("");
    if (!url.isBlank()) {
      return url;
    }
    if (path == null || path.isBlank()) {
      throw new Exchange.BadRequest("source: upload a file or give a path, jdbc: URL or dummy:N");
    }
    if (path.startsWith("jdbc:") || path.toLowerCase(java.util.Locale.ROOT).startsWith("dummy")) {
      return path;
    }
    return ws.dir().resolve(path).normalize().toString();
  }

  /** The project's work item types and the chosen type's writable fields, required first. */
  private ObjectNode fields(ObjectNode body) {
    String project = body.path("project").asText("");
    if (project.isBlank()) {
      throw new Exchange.BadRequest(
          "no project: choose the default project in the Connection step");
    }
    if (body.path("refresh").asBoolean(false)) {
      catalogs.clear();
    }
    FieldCatalog catalog = catalog(project);
    ObjectNode out = Exchange.JSON.createObjectNode();
    ArrayNode types = out.putArray("types");
    List<String> names;
    try {
      names = catalog.workItemTypes();
    } catch (AzdoException e) {
      throw new Exchange.BadRequest(Messages.of(e));
    }
    names.forEach(types::add);
    String type = body.path("type").asText("");
    if (type.isBlank() && !names.isEmpty()) {
      type = names.contains("Bug") ? "Bug" : names.get(0);
    }
    out.put("type", type);
    ArrayNode fields = out.putArray("fields");
    Optional<WorkItemTypeDefinition> def = catalog.workItemType(type);
    def.ifPresent(
        d ->
            d.fields().stream()
                .filter(f -> !f.readOnly())
                .sorted(
                    Comparator.comparing((FieldDefinition f) -> !f.required())
                        .thenComparing(FieldDefinition::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(
                    f -> {
                      ObjectNode n = fields.addObject();
                      n.put("ref", f.referenceName()).put("name", f.name());
                      n.put("required", f.required()).put("type", f.type().name());
                      ArrayNode allowed = n.putArray("allowed");
                      f.allowedValues().forEach(allowed::add);
                    }));
    return out;
  }

  private FieldCatalog catalog(String project) {
    String key = ws.profile() + "\n" + project;
    return catalogs.computeIfAbsent(
        key, k -> AzdoFieldCatalog.of(AzdoClient.create(ws.settings()), project));
  }

  /** Writes the job file and checks the plan against the source and the type's fields. */
  private ObjectNode plan(ObjectNode body) {
    ObjectNode out = Exchange.JSON.createObjectNode();
    ImportJob job = read(body, Map.of(), out);
    if (job == null) {
      return out;
    }
    if (job.mode() == null) {
      out.put("ok", true);
      out.putArray("lines").add(job.endpoint() + ": its plan is checked by Preview and Run");
      return out;
    }
    try (RowSource rows = Sources.open(job.source())) {
      ImportPlan plan = ImportPlan.create(job.mapping(), rows.schema(), catalog(job.project()));
      out.put("ok", true);
      ArrayNode lines = out.putArray("lines");
      plan.describe().forEach(lines::add);
    } catch (PlanException e) {
      problems(out, e.problems());
    } catch (SourceException | AzdoException e) {
      problems(out, List.of(Messages.of(e)));
    }
    return out;
  }

  /**
   * Runs the job as {@code --dry-run --requests-out}: the same bytes, nothing sent; the page shows
   * the first requests.
   */
  private ObjectNode dryRun(ObjectNode body) {
    ObjectNode out = Exchange.JSON.createObjectNode();
    ImportJob job = read(body, Map.of(JobConfig.DRY_RUN, "true"), out);
    if (job == null) {
      return out;
    }
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    try {
      AzdoClient client = Workspace.client(ws.settings(), new TrafficStats());
      RunSummary summary = ImportTask.builder(job, client).requestsOut(requests).build().run();
      out.put("ok", true);
      out.put("summary", "Dry run done: would write " + summary.writtenCount() + "; " + summary);
      String all = requests.toString(StandardCharsets.UTF_8);
      List<String> lines = all.lines().toList();
      out.put("requestCount", lines.size());
      out.put(
          "requests",
          String.join("\n", lines.subList(0, Math.min(PREVIEW_REQUESTS, lines.size())))
              + (lines.isEmpty() ? "" : "\n"));
      out.put("rejects", job.rejects().getFileName().toString());
    } catch (PlanException e) {
      problems(out, e.problems());
    } catch (JobException e) {
      problems(out, e.problems());
    } catch (RuntimeException e) {
      problems(out, List.of(Messages.of(e)));
    }
    return out;
  }

  /**
   * Runs the job's first rows with the service's validateOnly through the one import task: each
   * row's verdict (would be written, or rejected with the reason), nothing saved, no journal; its
   * rejects go to a file of their own so the real run's are left alone.
   */
  private ObjectNode validate(ObjectNode body) {
    ObjectNode out = Exchange.JSON.createObjectNode();
    int rows = body.path("rows").asInt(10);
    if (rows < 1 || rows > VALIDATE_ROWS_MAX) {
      throw new Exchange.BadRequest("rows: give 1 to " + VALIDATE_ROWS_MAX + ", not " + rows);
    }
    String base = fileName(body).replaceAll("\\.yaml$", "");
    ImportJob job =
        read(
            body,
            Map.of(
                JobConfig.VALIDATE_ONLY,
                "true",
                SourceKeys.LIMIT,
                Integer.toString(rows),
                JobConfig.REJECTS,
                ws.dir().resolve(base + ".validate-only.rejects.csv").toString()),
            out);
    if (job == null) {
      return out;
    }
    ArrayNode verdicts = Exchange.JSON.createArrayNode();
    try {
      AzdoClient client = Workspace.client(ws.settings(), new TrafficStats());
      RunSummary summary =
          ImportTask.builder(job, client).outcomes(o -> verdict(verdicts, o)).build().run();
      out.put("ok", true);
      out.put(
          "summary",
          "Validated "
              + summary.readCount()
              + " row(s), nothing saved: "
              + summary.writtenCount()
              + " would be written, "
              + summary.rejectedCount()
              + " rejected");
      out.set("rows", verdicts);
    } catch (PlanException e) {
      problems(out, e.problems());
    } catch (JobException e) {
      problems(out, e.problems());
    } catch (RuntimeException e) {
      problems(out, List.of(Messages.of(e)));
    }
    return out;
  }

  private static synchronized void verdict(ArrayNode verdicts, RowOutcome o) {
    ObjectNode n = verdicts.addObject().put("row", o.row()).put("key", keyOf(o));
    n.put(
        "verdict",
        switch (o.status()) {
          case WRITTEN -> "would be written";
          case REJECTED -> "rejected";
          case UNCHANGED -> "already written, unchanged";
          case CHANGED -> "already written, changed";
          case NOT_ATTEMPTED -> "not attempted";
        });
    n.put("reason", o.reason());
  }

  /**
   * The row's key, or "row N" for a job without a key column: the name the journal gives it, so
   * every verdict and reject names its row.
   */
  static String keyOf(RowOutcome o) {
    return o.key() != null ? o.key() : "row " + o.row();
  }

  /**
   * Keeps the database password the page sent ({@code dbPassword}, sent once and then cleared from
   * the form) under the variable the job reads it from, as {@code azdo run} reads it from the
   * environment; the job file names only the variable.
   */
  private void remember(ObjectNode body) {
    String password = body.path("dbPassword").asText("");
    if (password.isEmpty()) {
      return;
    }
    String variable =
        job(body).path("source").path(SourceKeys.DB_PASSWORD_ENV.name()).asText("").strip();
    if (variable.isEmpty()) {
      throw new Exchange.BadRequest(
          "source.password-env: name the environment variable azdo run reads the database"
              + " password from");
    }
    ws.dbPassword(variable, password);
  }

  /** Writes the page's job to its file and reads it back; problems go into {@code out}. */
  ImportJob read(ObjectNode body, Map<JobKey, String> overrides, ObjectNode out) {
    remember(body);
    Path file = ws.writeJob(job(body), fileName(body));
    try {
      return ImportJob.fromYaml(file, overrides, ws::environment);
    } catch (JobException e) {
      problems(out, e.problems());
      return null;
    }
  }

  static ObjectNode job(ObjectNode body) {
    if (!(body.get("job") instanceof ObjectNode job)) {
      throw new Exchange.BadRequest("no job in the request");
    }
    return job;
  }

  static String fileName(ObjectNode body) {
    String name = body.path("file").asText("job.yaml").strip();
    return name.isEmpty() ? "job.yaml" : name;
  }

  /** Adds the problems, each with the mapping row it belongs to when it names one. */
  static void problems(ObjectNode out, List<String> problems) {
    out.put("ok", false);
    ArrayNode list = out.putArray("problems");
    for (String p : problems) {
      ObjectNode n = list.addObject().put("text", p);
      PlanProblems.locate(p).forEach(n::put);
    }
  }

  private ObjectNode save(ObjectNode body) throws IOException {
    remember(body);
    Path file = ws.writeJob(job(body), fileName(body));
    ObjectNode out = Exchange.JSON.createObjectNode();
    out.put("file", file.getFileName().toString());
    out.put("path", file.toString());
    out.put("yaml", Files.readString(file));
    try {
      ImportJob.fromYaml(file);
      out.put("ok", true);
    } catch (JobException e) {
      problems(out, e.problems());
    }
    return out;
  }

  private ObjectNode load(String name) {
    ObjectNode out = ws.readJob(name);
    out.put("file", name);
    return out;
  }

  private ObjectNode files() {
    ObjectNode out = Exchange.JSON.createObjectNode();
    ArrayNode files = out.putArray("files");
    ws.jobFiles().forEach(files::add);
    return out;
  }

  private Exchange.Answer download(String name) throws IOException {
    Path file = ws.file(name);
    if (!Files.isRegularFile(file)) {
      throw new Exchange.BadRequest(name + " does not exist; save the job first");
    }
    return Exchange.Answer.download(
        file.getFileName().toString(), "application/yaml; charset=utf-8", Files.readAllBytes(file));
  }
}
