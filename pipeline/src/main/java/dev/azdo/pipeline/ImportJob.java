package dev.azdo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import dev.azdo.pipeline.config.SourceKeys;
import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.WriteFlags;
import dev.azdo.pipeline.writer.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything an import needs apart from the connection: source, endpoint, project, mapping and
 * options, each a setting of {@link JobConfig}. Built from {@code azdo import} flags through {@link
 * #builder} or from a job file with {@link #fromYaml} (see {@link JobFile} for its shape); both
 * check every setting and report all problems at once, one line per bad key.
 */
public final class ImportJob {
  // Endpoint settings beyond the job's own keys, given under properties: or --property.
  private static final Set<String> EXTRA_PROPERTIES =
      Set.of("key-field", "workitem-journal", "process");

  private final Map<JobKey, Object> values;
  private final SourceOptions source;
  private final WriteMode mode;
  private final EndpointSpec endpoint;
  private final MappingSpec mapping;
  private final Path defaultsBase;
  private final JsonNode connection;

  private ImportJob(Builder b, SourceOptions source, MappingSpec mapping, EndpointSpec endpoint) {
    this.values = Map.copyOf(b.values);
    this.source = source;
    this.endpoint = endpoint;
    this.mode = endpoint.writesWorkItems() ? WriteMode.fromEndpoint(endpoint.name()) : null;
    this.mapping = mapping;
    this.defaultsBase = b.defaultsBase != null ? b.defaultsBase : baseName(source);
    this.connection = b.connection;
  }

  // Beside a file source (bugs.csv -> bugs); "import" here for queries and dummies.
  private static Path baseName(SourceOptions source) {
    if (source.format() == SourceOptions.Format.JDBC
        || source.format() == SourceOptions.Format.DUMMY) {
      return Path.of("import");
    }
    Path file = Path.of(source.location());
    return file.resolveSibling(withoutExtension(file));
  }

  static String withoutExtension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** Returns a builder for a source given as options. */
  public static Builder builder(SourceOptions source) {
    return new Builder(source, null);
  }

  /**
   * Returns a builder for a source location (a file, {@code jdbc:} URL or {@code dummy:N}) whose
   * options come as settings ({@link SourceKeys#FORMAT}, {@link SourceKeys#QUERY}, ...).
   */
  public static Builder builder(String location) {
    return new Builder(null, location);
  }

  /**
   * Reads a job file.
   *
   * @throws JobException listing every unknown key, missing setting and bad value
   */
  public static ImportJob fromYaml(Path file) {
    return JobFile.read(file, Map.of(), System::getenv);
  }

  /**
   * Reads a job file with some settings replaced (the designer's Preview reads the saved job with
   * {@code options.dry-run: true}); a repeatable setting given here is added to the file's.
   *
   * @throws JobException listing every unknown key, missing setting and bad value
   */
  public static ImportJob fromYaml(Path file, Map<JobKey, String> overrides) {
    return JobFile.read(file, overrides, System::getenv);
  }

  /**
   * Reads a job file as above, looking up {@code source.password-env} in {@code environment}
   * instead of the process's (the designer's: a password typed into the page, never written).
   */
  public static ImportJob fromYaml(
      Path file, Map<JobKey, String> overrides, Function<String, String> environment) {
    return JobFile.read(file, overrides, environment);
  }

  /** Returns a setting's value converted to its type, or its default (null when none). */
  public Object value(JobKey key) {
    Object v = values.get(key);
    return v != null ? v : JobConfig.defaultOf(key);
  }

  private boolean flag(JobKey key) {
    return Boolean.TRUE.equals(value(key));
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
    return properties().get(name);
  }

  /** Returns the endpoint properties given, such as {@code key-field} and {@code process}. */
  @SuppressWarnings("unchecked")
  public Map<String, String> properties() {
    return (Map<String, String>) value(JobConfig.PROPERTIES);
  }

  /** Returns the project. */
  public String project() {
    return (String) value(JobConfig.PROJECT);
  }

  /** Returns the mapping, to be checked into an ImportPlan against the source and fields. */
  public MappingSpec mapping() {
    return mapping;
  }

  /**
   * Returns the rejects file: as given, else named after the source ({@code bugs.rejects.csv}); a
   * dry run's default is its own file ({@code bugs.dry-run.rejects.csv}), so it never overwrites a
   * real run's rejects.
   */
  public Path rejects() {
    Path given = (Path) value(JobConfig.REJECTS);
    if (given != null) {
      return given;
    }
    return Path.of(defaultsBase + (dryRun() ? ".dry-run.rejects.csv" : ".rejects.csv"));
  }

  /**
   * Returns the report of fields the service did not keep: as given, else named after the source
   * ({@code bugs.report.csv}); a validation's default is its own file ({@code
   * bugs.validate-only.report.csv}).
   */
  public Path report() {
    Path given = (Path) value(JobConfig.REPORT);
    if (given != null) {
      return given;
    }
    return Path.of(defaultsBase + (validateOnly() ? ".validate-only.report.csv" : ".report.csv"));
  }

  /**
   * Returns the journal file given with {@code --journal}, or null for the default one, whose name
   * derives from the journal's identity (see {@code Importer.journalFile}).
   */
  public Path journal() {
    return (Path) value(JobConfig.JOURNAL);
  }

  /**
   * Returns the folder and name stem that default files derive from: the source file without its
   * extension, {@code import} in the working directory for queries and dummies, or the job file.
   */
  public Path defaultsBase() {
    return defaultsBase;
  }

  /** Returns false when rows the journal records as done are sent again ({@code --no-resume}). */
  public boolean resume() {
    return flag(JobConfig.RESUME);
  }

  /** Returns the writes per $batch call. */
  public int batchSize() {
    return (Integer) value(JobConfig.BATCH_SIZE);
  }

  /** Returns the batch calls in flight at once. */
  public int concurrency() {
    return (Integer) value(JobConfig.CONCURRENCY);
  }

  /** Returns the folder given with {@code --attachments-dir}, or null for the default. */
  public Path attachmentsDir() {
    return (Path) value(JobConfig.ATTACHMENTS_DIR);
  }

  /** Returns true when nothing is written to Azure DevOps. */
  public boolean dryRun() {
    return flag(JobConfig.DRY_RUN);
  }

  /** Returns true when the service checks each row (validateOnly) and nothing is saved. */
  public boolean validateOnly() {
    return flag(JobConfig.VALIDATE_ONLY);
  }

  /** Returns bypassRules and suppressNotifications. */
  public WriteFlags flags() {
    return new WriteFlags(flag(JobConfig.BYPASS_RULES), flag(JobConfig.SUPPRESS_NOTIFICATIONS));
  }

  /** Returns the job file's connection section as given (missing node when absent), for the CLI. */
  public JsonNode connection() {
    return connection;
  }

  /**
   * Collects import settings: typed through the named methods, or as text through {@link
   * #set(JobKey, String)} as flags and job files give them (converted and checked by {@link
   * JobConfig}, one message per bad value).
   */
  public static final class Builder {
    private final SourceOptions source;
    private final String location;
    private final Map<JobKey, Object> values = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    Path defaultsBase;
    JsonNode connection = MissingNode.getInstance();
    // Not a job setting: only the JDBC driver's UPDATE ... SET x = NULL asks for it.
    private boolean clearEmpty;
    // How messages name a setting: its flag (--batch-size) or job file key (options.batch-size).
    private Function<JobKey, String> origin = k -> k.flag() != null ? k.flag() : k.yamlName();
    private Function<String, String> environment = System::getenv;

    private Builder(SourceOptions source, String location) {
      this.source = source;
      this.location = location;
    }

    /** Names settings in messages by their job file keys ({@code options.batch-size}). */
    Builder namedAsInJobFile() {
      this.origin = JobKey::yamlName;
      return this;
    }

    /** Sets where --db-password-env is looked up (default: the process environment). */
    public Builder environment(Function<String, String> environment) {
      this.environment = environment;
      return this;
    }

    /**
     * Sets a setting from text (a repeatable one: adds one value); a value that does not convert is
     * reported when the job is built.
     */
    public Builder set(JobKey key, String text) {
      if (text == null) {
        return this;
      }
      try {
        put(key, JobConfig.convert(key, text));
      } catch (IllegalArgumentException e) {
        problems.add(origin.apply(key) + ": " + e.getMessage());
      }
      return this;
    }

    /** Sets a setting to a typed value (a repeatable one: adds one element). */
    public Builder put(JobKey key, Object value) {
      if (value == null) {
        return this;
      }
      values.put(key, key.repeatable() ? JobConfig.add(key, values.get(key), value) : value);
      return this;
    }

    /** Sets {@code --endpoint} (default create-workitem). */
    public Builder endpoint(String endpoint) {
      return put(JobConfig.ENDPOINT, endpoint);
    }

    /**
     * Sets an endpoint property such as {@code key-field}, {@code workitem-journal} or {@code
     * process}.
     */
    public Builder property(String name, String value) {
      return put(JobConfig.PROPERTIES, Map.entry(name.strip(), value));
    }

    /** Sets {@code --project}. */
    public Builder project(String project) {
      return put(JobConfig.PROJECT, project);
    }

    /** Sets {@code --type}. */
    public Builder type(String type) {
      return put(JobConfig.TYPE, type);
    }

    /** Adds {@code --map SRC=FIELD[:OPTION]}. */
    public Builder map(String spec) {
      return put(JobConfig.MAPPING, spec);
    }

    /** Adds {@code --set FIELD=VALUE}. */
    public Builder set(String spec) {
      return put(JobConfig.SET, spec);
    }

    /** Sets {@code --key SRC=FIELD} or {@code --key SRC}; null leaves rows without key. */
    public Builder key(String spec) {
      return put(JobConfig.KEY, spec);
    }

    /** Sets {@code --parent-key COLUMN}. */
    public Builder parentKey(String column) {
      return put(JobConfig.PARENT_KEY, column);
    }

    /** Adds a date format tried for date fields. */
    public Builder dateFormat(String pattern) {
      return put(JobConfig.DATE_FORMAT, pattern);
    }

    /** Sets the zone for dates without an offset. */
    public Builder zone(String zone) {
      return put(JobConfig.ZONE, zone);
    }

    /** Sets {@code --rejects FILE}. */
    public Builder rejects(Path file) {
      return put(JobConfig.REJECTS, file);
    }

    /** Sets {@code --journal FILE}. */
    public Builder journal(Path file) {
      return put(JobConfig.JOURNAL, file);
    }

    /** Sets {@code --no-resume} (false): journaled rows are sent again, after a key lookup. */
    public Builder resume(boolean resume) {
      return put(JobConfig.RESUME, resume);
    }

    /** Sets {@code --batch-size N} (1 to 200). */
    public Builder batchSize(int size) {
      return put(JobConfig.BATCH_SIZE, size);
    }

    /** Sets {@code --concurrency N} (1 to 32). */
    public Builder concurrency(int threads) {
      return put(JobConfig.CONCURRENCY, threads);
    }

    /** Sets {@code --validate-only}: the service checks every row and saves nothing. */
    public Builder validateOnly(boolean validateOnly) {
      return put(JobConfig.VALIDATE_ONLY, validateOnly);
    }

    /** Sets {@code --dry-run}. */
    public Builder dryRun(boolean dryRun) {
      return put(JobConfig.DRY_RUN, dryRun);
    }

    /** Sets {@code --bypass-rules}. */
    public Builder bypassRules(boolean bypass) {
      return put(JobConfig.BYPASS_RULES, bypass);
    }

    /** Sets {@code --suppress-notifications}. */
    public Builder suppressNotifications(boolean suppress) {
      return put(JobConfig.SUPPRESS_NOTIFICATIONS, suppress);
    }

    /**
     * Makes an empty value clear its field on update (a JSON Patch {@code remove}) instead of
     * leaving the field as it is.
     */
    public Builder clearEmpty(boolean clear) {
      this.clearEmpty = clear;
      return this;
    }

    private Object get(JobKey key) {
      Object v = values.get(key);
      return v != null ? v : JobConfig.defaultOf(key);
    }

    /**
     * Returns the job.
     *
     * @throws JobException listing every problem with the settings (the mapping itself is checked
     *     later, against the source and the fields)
     */
    public ImportJob build() {
      List<String> all = new ArrayList<>(problems);
      for (Map.Entry<JobKey, Object> e : values.entrySet()) {
        JobKey k = e.getKey();
        String problem = k.validator() == null ? null : k.validator().check(e.getValue());
        if (problem != null) {
          all.add(origin.apply(k) + ": " + problem);
        }
      }
      JobParts parts = new JobParts(this::get, origin, environment, values.keySet(), clearEmpty);
      SourceOptions src = source != null ? source : parts.sourceOptions(location, all);
      String endpointName = (String) get(JobConfig.ENDPOINT);
      EndpointSpec spec = Endpoints.find(endpointName).orElse(null);
      String endpointKey = origin.apply(JobConfig.ENDPOINT);
      if (spec == null) {
        all.add(
            endpointKey
                + ": unknown endpoint '"
                + endpointName
                + "'; known: "
                + Endpoints.writeNames());
      } else if (!spec.write()) {
        all.add(
            endpointKey
                + ": "
                + spec.name()
                + " only reads; import writes with one of: "
                + Endpoints.writeNames());
        spec = null;
      }
      @SuppressWarnings("unchecked")
      Map<String, String> properties = (Map<String, String>) get(JobConfig.PROPERTIES);
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
      boolean validateOnly = Boolean.TRUE.equals(get(JobConfig.VALIDATE_ONLY));
      String validateKey = origin.apply(JobConfig.VALIDATE_ONLY);
      if (validateOnly && spec != null && !spec.writesWorkItems()) {
        all.add(
            validateKey
                + ": only the work item endpoints can be validated by the service; use"
                + " --dry-run for "
                + spec.name());
      }
      if (validateOnly && Boolean.TRUE.equals(get(JobConfig.DRY_RUN))) {
        all.add(validateKey + ": choose it or --dry-run, not both");
      }
      // Projects belong to the organization, so the project endpoints need no --project.
      boolean needsProject = spec == null || !spec.name().endsWith("-project");
      String project = (String) get(JobConfig.PROJECT);
      if (needsProject && (project == null || project.isBlank())) {
        all.add("--project: the project to write to is missing");
      }
      WriteMode mode =
          spec != null && spec.writesWorkItems() ? WriteMode.fromEndpoint(spec.name()) : null;
      if (mode == null && spec != null && !((List<?>) get(JobConfig.LOOKUP)).isEmpty()) {
        all.add(
            origin.apply(JobConfig.LOOKUP)
                + ": lookups apply to the work item endpoints, not to "
                + spec.name());
      }
      // Value map and identity map files are read here, so their problems come with the rest.
      MappingSpec mapping = parts.mapping(mode, all);
      if (!all.isEmpty()) {
        throw new JobException(all);
      }
      return new ImportJob(this, src, mapping, spec);
    }
  }
}
