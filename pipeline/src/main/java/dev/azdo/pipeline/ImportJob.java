package dev.azdo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.ImportRunner;
import dev.azdo.pipeline.writer.WriteFlags;
import dev.azdo.pipeline.writer.WriteMode;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything an import needs apart from the connection: source, endpoint, project, mapping and
 * options. Built from {@code azdo import} flags through {@link #builder} or from a job file with
 * {@link #fromYaml}; both check every setting and report all problems at once.
 *
 * <p>Job file shape (keys in kebab-case; relative paths resolve against the job file's folder):
 *
 * <pre>
 * connection: {org-url: ..., pat-file: ...}   # left to the CLI; see {@link #connection()}
 * source: {path: bugs.csv, format: csv, delimiter: ",", encoding: UTF-8, sheet: Bugs,
 *          url: jdbc:h2:./db, query: select ..., user: sa, password-env: DB_PASSWORD,
 *          fetch-size: 1000, rows: 100, seed: 1}
 * endpoint: create-workitem
 * project: Demo
 * type: Bug
 * mapping: ["Title=System.Title", "{First} {Last}=System.AssignedTo", "Due=Due Date:dd/MM/yyyy"]
 * set: ["System.State=New"]
 * key: Key=Custom.ExternalKey
 * parent-key: ParentKey
 * properties: {key-field: Custom.ExternalKey, workitem-journal: bugs.journal, process: Agile}
 * options: {rejects: rejects.csv, journal: bugs.journal, batch-size: 200, concurrency: 4,
 *           dry-run: false, validate-only: false, bypass-rules: false,
 *           suppress-notifications: false,
 *           date-format: [dd/MM/yyyy], zone: UTC}
 * </pre>
 */
public final class ImportJob {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP =
      Set.of(
          "connection",
          "source",
          "endpoint",
          "project",
          "type",
          "mapping",
          "set",
          "key",
          "parent-key",
          "properties",
          "options");
  private static final Set<String> SOURCE =
      Set.of(
          "path",
          "url",
          "format",
          "delimiter",
          "encoding",
          "sheet",
          "query",
          "user",
          "password-env",
          "fetch-size",
          "rows",
          "seed");
  private static final Set<String> OPTIONS =
      Set.of(
          "rejects",
          "journal",
          "batch-size",
          "concurrency",
          "dry-run",
          "validate-only",
          "bypass-rules",
          "suppress-notifications",
          "date-format",
          "zone");

  // Endpoint settings beyond the job's own keys, given under properties: or --property.
  private static final Set<String> EXTRA_PROPERTIES =
      Set.of("key-field", "workitem-journal", "process");

  private final SourceOptions source;
  private final WriteMode mode;
  private final EndpointSpec endpoint;
  private final Map<String, String> properties;
  private final String project;
  private final MappingSpec mapping;
  private final Path rejects;
  private final Path journal;
  private final int batchSize;
  private final int concurrency;
  private final boolean dryRun;
  private final boolean validateOnly;
  private final WriteFlags flags;
  private final JsonNode connection;

  private ImportJob(Builder b, MappingSpec mapping, EndpointSpec endpoint, WriteMode mode) {
    this.source = b.source;
    this.mode = mode;
    this.endpoint = endpoint;
    this.properties = Map.copyOf(b.properties);
    this.project = b.project;
    this.mapping = mapping;
    String base = b.defaultsBase != null ? b.defaultsBase.toString() : baseName(b.source);
    this.rejects = b.rejects != null ? b.rejects : Path.of(base + ".rejects.csv");
    this.journal = b.journal != null ? b.journal : Path.of(base + ".journal");
    this.batchSize = b.batchSize;
    this.concurrency = b.concurrency;
    this.dryRun = b.dryRun;
    this.validateOnly = b.validateOnly;
    this.flags = new WriteFlags(b.bypassRules, b.suppressNotifications);
    this.connection = b.connection;
  }

  // Beside a file source (bugs.csv -> bugs.journal); import.journal here for queries and dummies.
  private static String baseName(SourceOptions source) {
    if (source.format() == SourceOptions.Format.JDBC
        || source.format() == SourceOptions.Format.DUMMY) {
      return "import";
    }
    Path file = Path.of(source.location());
    return file.resolveSibling(withoutExtension(file)).toString();
  }

  private static String withoutExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** Returns a builder for a source. */
  public static Builder builder(SourceOptions source) {
    return new Builder(source);
  }

  /**
   * Reads a job file.
   *
   * @throws JobException listing every unknown key, missing setting and bad value
   */
  public static ImportJob fromYaml(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new JobException(
          List.of(file + ": not a readable YAML job file: " + firstLine(e.getMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new JobException(
          List.of(file + ": expected a YAML mapping with source, endpoint, project and mapping"));
    }
    Path dir = file.toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    unknownKeys(root, TOP, "", problems);
    JsonNode src = root.path("source");
    unknownKeys(src, SOURCE, "source.", problems);
    JsonNode options = root.path("options");
    unknownKeys(options, OPTIONS, "options.", problems);
    String path = text(src, "path");
    String url = text(src, "url");
    if (path == null && url == null) {
      problems.add("source: give source.path (a file or dummy:N) or source.url (a jdbc: URL)");
      throw new JobException(problems);
    }
    String location = url != null ? url : path;
    if (url == null && !location.toLowerCase(Locale.ROOT).startsWith("dummy")) {
      location = dir.resolve(location).normalize().toString();
    }
    SourceOptions.Builder sb = SourceOptions.builder(location);
    try {
      sb.format(text(src, "format"));
      sb.delimiter(text(src, "delimiter"));
    } catch (IllegalArgumentException e) {
      problems.add(
          "source."
              + (e.getMessage().startsWith("format") ? "format" : "delimiter")
              + ": "
              + e.getMessage());
    }
    if (text(src, "encoding") != null) {
      try {
        sb.charset(Charset.forName(text(src, "encoding")));
      } catch (IllegalArgumentException e) {
        problems.add("source.encoding: \"" + text(src, "encoding") + "\" is not a known charset");
      }
    }
    sb.sheet(text(src, "sheet")).query(text(src, "query"));
    String passwordEnv = text(src, "password-env");
    sb.credentials(text(src, "user"), passwordEnv == null ? null : System.getenv(passwordEnv));
    if (src.has("fetch-size")) {
      sb.fetchSize((int) number(src, "fetch-size", "source.", problems));
    }
    if (src.has("rows")) {
      sb.rows(number(src, "rows", "source.", problems));
    }
    if (src.has("seed")) {
      sb.seed(number(src, "seed", "source.", problems));
    }
    Builder job = new Builder(sb.build());
    // A job's journal and rejects default to beside the job file, named after it, so two jobs on
    // one source never share a journal.
    job.defaultsBase = dir.resolve(withoutExtension(file.getFileName()));
    job.endpoint(text(root, "endpoint"));
    job.project(text(root, "project"));
    job.type(text(root, "type"));
    for (JsonNode m : list(root.path("mapping"))) {
      if (m.isTextual()) {
        job.map(m.asText());
      } else if (m.isObject()) {
        String s = text(m, "source");
        String f = text(m, "field");
        if (s == null || f == null) {
          problems.add(
              "mapping: each entry needs source and field, such as {source: Title, field: System.Title}");
        } else {
          job.map(s + "=" + f + (text(m, "format") != null ? ":" + text(m, "format") : ""));
        }
      } else {
        problems.add(
            "mapping: entries are \"SOURCE=FIELD\" strings or {source, field, format} maps");
      }
    }
    if (root.path("set").isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("set").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        job.set(e.getKey() + "=" + e.getValue().asText());
      }
    } else {
      for (JsonNode s : list(root.path("set"))) {
        job.set(s.asText());
      }
    }
    job.key(text(root, "key"));
    job.parentKey(text(root, "parent-key"));
    JsonNode props = root.path("properties");
    if (props.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String value = e.getValue().asText();
        // Files named in properties are relative to the job file, like the other paths.
        job.property(
            e.getKey(),
            e.getKey().endsWith("journal") ? dir.resolve(value).normalize().toString() : value);
      }
    } else if (!props.isMissingNode() && !props.isNull()) {
      problems.add("properties: expected a mapping such as {key-field: Custom.ExternalKey}");
    }
    if (text(options, "rejects") != null) {
      job.rejects(dir.resolve(text(options, "rejects")).normalize());
    }
    if (text(options, "journal") != null) {
      job.journal(dir.resolve(text(options, "journal")).normalize());
    }
    if (options.has("batch-size")) {
      job.batchSize((int) number(options, "batch-size", "options.", problems));
    }
    if (options.has("concurrency")) {
      job.concurrency((int) number(options, "concurrency", "options.", problems));
    }
    job.dryRun(flag(options, "dry-run", problems));
    job.validateOnly(flag(options, "validate-only", problems));
    job.bypassRules(flag(options, "bypass-rules", problems));
    job.suppressNotifications(flag(options, "suppress-notifications", problems));
    for (JsonNode f : list(options.path("date-format"))) {
      job.dateFormat(f.asText());
    }
    job.zone(text(options, "zone"));
    job.connection = root.path("connection");
    job.problems.addAll(0, problems);
    return job.build();
  }

  private static void unknownKeys(
      JsonNode node, Set<String> known, String prefix, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      problems.add(
          prefix.isEmpty()
              ? "expected a mapping"
              : prefix.substring(0, prefix.length() - 1) + ": expected a mapping");
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        problems.add(
            prefix
                + name
                + ": unknown key (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
    } else if (!node.isMissingNode() && !node.isNull()) {
      out.add(node);
    }
    return out;
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.path(key);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static long number(JsonNode node, String key, String prefix, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.canConvertToLong() || (v.isTextual() && v.asText().strip().matches("-?\\d+"))) {
      return v.isTextual() ? Long.parseLong(v.asText().strip()) : v.asLong();
    }
    problems.add(prefix + key + ": \"" + v.asText() + "\" is not a whole number");
    return 0;
  }

  private static boolean flag(JsonNode node, String key, List<String> problems) {
    JsonNode v = node.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    problems.add("options." + key + ": \"" + v.asText() + "\" is not true or false");
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Returns the source options. */
  public SourceOptions source() {
    return source;
  }

  /**
   * Returns what the import does with work items, or null for endpoints that do not write work
   * items field by field (see {@link #endpoint()}).
   */
  public WriteMode mode() {
    return mode;
  }

  /** Returns the endpoint's name, such as {@code create-workitem} or {@code add-comment}. */
  public String endpoint() {
    return endpoint.name();
  }

  /** Returns the endpoint from the catalogue. */
  public EndpointSpec endpointSpec() {
    return endpoint;
  }

  /** Returns an endpoint property (such as {@code key-field}), or null when not given. */
  public String property(String name) {
    return properties.get(name);
  }

  /** Returns the endpoint properties given, such as {@code key-field} and {@code process}. */
  public Map<String, String> properties() {
    return properties;
  }

  /** Returns the project. */
  public String project() {
    return project;
  }

  /** Returns the mapping, to be checked into an ImportPlan against the source and fields. */
  public MappingSpec mapping() {
    return mapping;
  }

  /**
   * Returns the rejects file (default {@code <source name>.rejects.csv} in the working directory).
   */
  public Path rejects() {
    return rejects;
  }

  /**
   * Returns the journal file (default {@code <source name>.journal}); a dry run does not write it.
   */
  public Path journal() {
    return journal;
  }

  /** Returns the writes per $batch call. */
  public int batchSize() {
    return batchSize;
  }

  /** Returns the batch calls in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Returns true when nothing is written to Azure DevOps. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Returns true when the service checks each row (validateOnly) and nothing is saved. */
  public boolean validateOnly() {
    return validateOnly;
  }

  /** Returns bypassRules and suppressNotifications. */
  public WriteFlags flags() {
    return flags;
  }

  /** Returns the job file's connection section as given (missing node when absent), for the CLI. */
  public JsonNode connection() {
    return connection;
  }

  /** Collects import settings as strings, as flags and job files give them. */
  public static final class Builder {
    private final SourceOptions source;
    private final MappingSpec.Builder mapping = MappingSpec.builder();
    private final List<String> problems = new ArrayList<>();
    private String endpoint = WriteMode.CREATE.endpoint();
    private String project;
    private Path rejects;
    private Path journal;
    private Path defaultsBase;
    private int batchSize = ImportRunner.MAX_BATCH_SIZE;
    private int concurrency = 4;
    private boolean dryRun;
    private boolean validateOnly;
    private boolean bypassRules;
    private boolean suppressNotifications;
    private JsonNode connection = MissingNode.getInstance();
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Builder(SourceOptions source) {
      this.source = source;
    }

    /** Sets {@code --endpoint} (default create-workitem). */
    public Builder endpoint(String endpoint) {
      if (endpoint != null) {
        this.endpoint = endpoint;
      }
      return this;
    }

    /**
     * Sets an endpoint property such as {@code key-field}, {@code workitem-journal} or {@code
     * process}.
     */
    public Builder property(String name, String value) {
      properties.put(name.strip().toLowerCase(Locale.ROOT), value);
      return this;
    }

    /** Sets {@code --project}. */
    public Builder project(String project) {
      this.project = project;
      return this;
    }

    /** Sets {@code --type}. */
    public Builder type(String type) {
      mapping.workItemType(type);
      return this;
    }

    /** Adds {@code --map SRC=FIELD[:OPTION]}. */
    public Builder map(String spec) {
      mapping.map(spec);
      return this;
    }

    /** Adds {@code --set FIELD=VALUE}. */
    public Builder set(String spec) {
      mapping.set(spec);
      return this;
    }

    /** Sets {@code --key SRC=FIELD} or {@code --key SRC}; null leaves rows without key. */
    public Builder key(String spec) {
      if (spec != null) {
        mapping.key(spec);
      }
      return this;
    }

    /** Sets {@code --parent-key COLUMN}. */
    public Builder parentKey(String column) {
      mapping.parentKey(column);
      return this;
    }

    /** Adds a date format tried for date fields. */
    public Builder dateFormat(String pattern) {
      mapping.dateFormat(pattern);
      return this;
    }

    /** Sets the zone for dates without an offset. */
    public Builder zone(String zone) {
      if (zone != null) {
        mapping.zone(zone);
      }
      return this;
    }

    /** Sets {@code --rejects FILE}. */
    public Builder rejects(Path file) {
      this.rejects = file;
      return this;
    }

    /** Sets {@code --journal FILE}. */
    public Builder journal(Path file) {
      this.journal = file;
      return this;
    }

    /** Sets {@code --batch-size N} (1 to 200). */
    public Builder batchSize(int size) {
      this.batchSize = size;
      return this;
    }

    /** Sets {@code --concurrency N} (1 to 32). */
    public Builder concurrency(int threads) {
      this.concurrency = threads;
      return this;
    }

    /** Sets {@code --validate-only}: the service checks every row and saves nothing. */
    public Builder validateOnly(boolean validateOnly) {
      this.validateOnly = validateOnly;
      return this;
    }

    /** Sets {@code --dry-run}. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Sets {@code --bypass-rules}. */
    public Builder bypassRules(boolean bypass) {
      this.bypassRules = bypass;
      mapping.bypassRules(bypass);
      return this;
    }

    /** Sets {@code --suppress-notifications}. */
    public Builder suppressNotifications(boolean suppress) {
      this.suppressNotifications = suppress;
      return this;
    }

    /**
     * Returns the job.
     *
     * @throws JobException listing every problem with the settings (the mapping itself is checked
     *     later, against the source and the fields)
     */
    public ImportJob build() {
      List<String> all = new ArrayList<>(problems);
      WriteMode mode = null;
      EndpointSpec spec = Endpoints.find(endpoint).orElse(null);
      if (spec == null) {
        all.add(
            "--endpoint: unknown endpoint '" + endpoint + "'; known: " + Endpoints.writeNames());
      } else if (!spec.write()) {
        all.add(
            "--endpoint: "
                + spec.name()
                + " only reads; import writes with one of: "
                + Endpoints.writeNames());
        spec = null;
      } else if (spec.writesWorkItems()) {
        mode = WriteMode.fromEndpoint(spec.name());
      }
      if (spec != null) {
        for (String name : properties.keySet()) {
          if (!EXTRA_PROPERTIES.contains(name) || spec.property(name).isEmpty()) {
            List<String> known =
                spec.properties().stream()
                    .map(EndpointSpec.Property::name)
                    .filter(EXTRA_PROPERTIES::contains)
                    .toList();
            all.add(
                "properties."
                    + name
                    + ": "
                    + spec.name()
                    + (known.isEmpty()
                        ? " takes no properties"
                        : " takes " + String.join(", ", known)));
          }
        }
      }
      if (validateOnly && spec != null && !spec.writesWorkItems()) {
        all.add(
            "--validate-only: only the work item endpoints can be validated by the service; use"
                + " --dry-run for "
                + spec.name());
      }
      if (validateOnly && dryRun) {
        all.add("--validate-only: choose it or --dry-run, not both");
      }
      // Projects belong to the organization, so the project endpoints need no --project.
      boolean needsProject = spec == null || !spec.name().endsWith("-project");
      if (needsProject && (project == null || project.isBlank())) {
        all.add("--project: the project to write to is missing");
      }
      if (batchSize < 1 || batchSize > ImportRunner.MAX_BATCH_SIZE) {
        all.add("--batch-size: must be 1 to " + ImportRunner.MAX_BATCH_SIZE + ", was " + batchSize);
      }
      if (concurrency < 1 || concurrency > 32) {
        all.add("--concurrency: must be 1 to 32, was " + concurrency);
      }
      if (!all.isEmpty()) {
        throw new JobException(all);
      }
      mapping.checkRequired(mode != null && mode.createsItems());
      return new ImportJob(this, mapping.build(), spec, mode);
    }
  }
}
