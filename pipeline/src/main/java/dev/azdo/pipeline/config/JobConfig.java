package dev.azdo.pipeline.config;

import dev.azdo.pipeline.config.JobKey.Section;
import dev.azdo.pipeline.config.JobKey.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one definition of import settings: every key of a job file and every {@code azdo import} flag
 * derives from it, with its type, default, validator and help. The top-level and {@code options:}
 * keys are here, the {@code source:} ones in {@link SourceKeys}. To add a setting, add one {@link
 * JobKey} to {@link #keys()} and read it with {@code ImportJob.value(KEY)}.
 */
public final class JobConfig {
  /** The service takes at most 200 operations per {@code $batch} call. */
  public static final int MAX_BATCH_SIZE = 200;

  /** Most requests in flight at once. */
  public static final int MAX_CONCURRENCY = 32;

  /** The endpoint to write, such as create-workitem. */
  public static final JobKey ENDPOINT =
      JobKey.of(
              "endpoint", Section.TOP, Type.STRING, "create-workitem", null, "See azdo endpoints.")
          .in(JobKey.Help.WRITING);

  /** The project to write to (on the command line: the connection's --project). */
  public static final JobKey PROJECT =
      new JobKey(
          "project", Section.TOP, Type.STRING, null, null, "The project.", null, "P", List.of());

  /** Endpoint properties such as key-field. */
  public static final JobKey PROPERTIES =
      new JobKey(
              "properties",
              Section.TOP,
              Type.MAP,
              null,
              null,
              "An endpoint property, e.g. key-field=Custom.ExternalId (see azdo endpoints NAME;"
                  + " repeatable).",
              "--property",
              "NAME=VALUE",
              List.of("property"))
          .in(JobKey.Help.WRITING);

  /** The work item type. */
  public static final JobKey TYPE =
      JobKey.of(
              "type",
              Section.TOP,
              Type.STRING,
              null,
              null,
              "Work item type, unless a column maps to System.WorkItemType (not needed to update,"
                  + " upsert existing items or delete).")
          .in(JobKey.Help.WRITING);

  /** Column to field mappings. */
  public static final JobKey MAPPING =
      new JobKey(
          "mapping",
          Section.TOP,
          Type.LIST,
          null,
          null,
          "Column (or {Col} template) to field by reference or display name; FIELD:FORMAT for"
              + " dates (repeatable).",
          "--map",
          "SRC=FIELD",
          List.of("map"));

  /** Constants for every row. */
  public static final JobKey SET =
      new JobKey(
          "set",
          Section.TOP,
          Type.LIST,
          null,
          null,
          "A constant for every row (repeatable).",
          "--set",
          "FIELD=VALUE",
          List.of());

  /** The key column (and field). */
  public static final JobKey KEY =
      new JobKey(
          "key",
          Section.TOP,
          Type.STRING,
          null,
          null,
          "The column that identifies a row; FIELD keeps it on the work item (else a tag marker).",
          "--key",
          "SRC[=FIELD]",
          List.of());

  /** The parent key column. */
  public static final JobKey PARENT_KEY =
      new JobKey(
          "parent-key",
          Section.TOP,
          Type.STRING,
          null,
          null,
          "Column holding the parent's key or an existing work item id.",
          "--parent-key",
          "COLUMN",
          List.of());

  /** Value replacements for a field, before conversion. */
  public static final JobKey VALUE_MAP =
      new JobKey(
          "value-maps",
          Section.TOP,
          Type.LIST,
          null,
          null,
          "Replace a column's value before conversion, for any field, e.g. \"System.State:In"
              + " Progress=Active\" (repeatable; a value with no entry is kept).",
          "--value-map",
          "FIELD:FROM=TO",
          List.of("value-map"));

  /** Value map files by field. */
  public static final JobKey VALUE_MAP_FILE =
      new JobKey(
          "value-map-files",
          Section.TOP,
          Type.MAP,
          null,
          null,
          "A two-column CSV (from, to) of value replacements for a field (repeatable).",
          "--value-map-file",
          "FIELD=FILE.csv",
          List.of("value-map-file"));

  /** Whether value maps match regardless of case. */
  public static final JobKey VALUE_MAP_IGNORE_CASE =
      JobKey.of(
          "value-map-ignore-case",
          Section.TOP,
          Type.BOOLEAN,
          "false",
          null,
          "Value map entries match regardless of case.");

  /** Fields whose unmapped values are rejected. */
  public static final JobKey VALUE_MAP_STRICT =
      new JobKey(
          "value-map-strict",
          Section.TOP,
          Type.LIST,
          null,
          null,
          "Reject a field's values that no value map entry covers, listing the known ones"
              + " (repeatable).",
          "--value-map-strict",
          "FIELD",
          List.of());

  /** Source names or e-mails to Azure DevOps identities. */
  public static final JobKey IDENTITY_MAP =
      JobKey.of(
          "identity-map",
          Section.TOP,
          Type.PATH,
          null,
          null,
          "A two-column CSV: a person's name or e-mail in the source, their Azure DevOps identity;"
              + " for every identity field.");

  /** What happens to an identity the identity map does not know. */
  public static final JobKey UNKNOWN_IDENTITY =
      new JobKey(
          "unknown-identity",
          Section.TOP,
          Type.STRING,
          "reject",
          v ->
              v.toString().strip().matches("(?i)reject|clear|as=.*\\S.*")
                  ? null
                  : "\"" + v + "\" is not reject, clear or as=NAME",
          "An identity not in --identity-map: reject the row, clear the field, or as=NAME.",
          "--unknown-identity",
          "reject|clear|as=NAME",
          List.of());

  /** Column values replaced by values read from Azure DevOps before mapping. */
  public static final JobKey LOOKUP =
      new JobKey(
          "lookups",
          Section.TOP,
          Type.LIST,
          null,
          null,
          "Replace a column's value by one read from Azure DevOps before mapping: the work item"
              + " whose BY_FIELD is the value gives its RESULT_FIELD, e.g."
              + " \"ParentTitle=System.Title:System.Id\" for --parent-key ParentTitle;"
              + " COLUMN=area or COLUMN=iteration turns a name into its path (repeatable; a value"
              + " not found rejects the row).",
          "--lookup",
          "COLUMN=BY_FIELD:RESULT_FIELD",
          List.of("lookup"));

  /** The rejects file. */
  public static final JobKey REJECTS =
      new JobKey(
              "rejects",
              Section.OPTIONS,
              Type.PATH,
              null,
              null,
              "Rejected rows with their reasons (default: named after the source; a dry run's own"
                  + " file ends .dry-run.rejects.csv).",
              "--rejects",
              "FILE",
              List.of())
          .in(JobKey.Help.OUTPUT);

  /** The report of fields the service did not keep. */
  public static final JobKey REPORT =
      new JobKey(
              "report",
              Section.OPTIONS,
              Type.PATH,
              null,
              null,
              "Written rows whose answer did not hold a field as sent (dropped or replaced by the"
                  + " service), one line per row and field; created only when there are some"
                  + " (default: named after the source, NAME.report.csv).",
              "--report",
              "FILE",
              List.of())
          .in(JobKey.Help.OUTPUT);

  /** The journal file. */
  public static final JobKey JOURNAL =
      new JobKey(
              "journal",
              Section.OPTIONS,
              Type.PATH,
              null,
              null,
              "Row key to written id and digest, for resuming (default: named after the source,"
                  + " target, project and endpoint).",
              "--journal",
              "FILE",
              List.of())
          .in(JobKey.Help.OUTPUT);

  /** Whether rows the journal records as done are skipped. */
  public static final JobKey RESUME =
      new JobKey(
              "resume",
              Section.OPTIONS,
              Type.BOOLEAN,
              "true",
              null,
              "Ignore an existing journal for skipping (keys are still looked up before creating).",
              "--no-resume",
              "",
              List.of())
          .in(JobKey.Help.OUTPUT);

  /** Operations per $batch call. */
  public static final JobKey BATCH_SIZE =
      JobKey.of(
          "batch-size",
          Section.OPTIONS,
          Type.INT,
          Integer.toString(MAX_BATCH_SIZE),
          KeyChecks.range(1, MAX_BATCH_SIZE),
          "Operations per $batch request, 1 to " + MAX_BATCH_SIZE + ".");

  /** Requests in flight. */
  public static final JobKey CONCURRENCY =
      JobKey.of(
          "concurrency",
          Section.OPTIONS,
          Type.INT,
          "4",
          KeyChecks.range(1, MAX_CONCURRENCY),
          "Requests in flight, 1 to " + MAX_CONCURRENCY + ".");

  /** Plan and map every row, write nothing. */
  public static final JobKey DRY_RUN =
      JobKey.of(
          "dry-run",
          Section.OPTIONS,
          Type.BOOLEAN,
          "false",
          null,
          "Plan and map every row, write nothing.");

  /** The service checks every row and saves nothing. */
  public static final JobKey VALIDATE_ONLY =
      JobKey.of(
          "validate-only",
          Section.OPTIONS,
          Type.BOOLEAN,
          "false",
          null,
          "Send every row with the service's validateOnly: its rules judge each row, nothing is"
              + " saved.");

  /** Skip work item rules. */
  public static final JobKey BYPASS_RULES =
      JobKey.of(
          "bypass-rules",
          Section.OPTIONS,
          Type.BOOLEAN,
          "false",
          null,
          "Skip work item rules (needs the permission).");

  /** Send no notifications. */
  public static final JobKey SUPPRESS_NOTIFICATIONS =
      JobKey.of(
          "suppress-notifications",
          Section.OPTIONS,
          Type.BOOLEAN,
          "false",
          null,
          "Send no notifications for the writes.");

  /** Date patterns tried for date fields. */
  public static final JobKey DATE_FORMAT =
      new JobKey(
              "date-format",
              Section.OPTIONS,
              Type.LIST,
              null,
              null,
              "Date pattern tried for date fields, e.g. dd/MM/yyyy (repeatable).",
              "--date-format",
              "PATTERN",
              List.of())
          .in(JobKey.Help.MAPPING);

  /** The zone of dates without an offset. */
  public static final JobKey ZONE =
      JobKey.of(
              "zone",
              Section.OPTIONS,
              Type.STRING,
              null,
              KeyChecks::zone,
              "Zone of dates without an offset (default: UTC).")
          .in(JobKey.Help.MAPPING);

  /** The folder add-attachment reads files from. */
  public static final JobKey ATTACHMENTS_DIR =
      new JobKey(
          "attachments-dir",
          Section.OPTIONS,
          Type.PATH,
          null,
          null,
          "The folder add-attachment reads files from; a File outside it (absolute, .. or a link)"
              + " is rejected (default: the source file's folder, else the working directory).",
          "--attachments-dir",
          "DIR",
          List.of());

  private static final List<JobKey> KEYS =
      List.of(
          ENDPOINT,
          PROJECT,
          PROPERTIES,
          TYPE,
          MAPPING,
          SET,
          KEY,
          PARENT_KEY,
          VALUE_MAP,
          VALUE_MAP_FILE,
          VALUE_MAP_IGNORE_CASE,
          VALUE_MAP_STRICT,
          IDENTITY_MAP,
          UNKNOWN_IDENTITY,
          LOOKUP,
          REJECTS,
          REPORT,
          JOURNAL,
          RESUME,
          BATCH_SIZE,
          CONCURRENCY,
          DRY_RUN,
          VALIDATE_ONLY,
          BYPASS_RULES,
          SUPPRESS_NOTIFICATIONS,
          DATE_FORMAT,
          ZONE,
          ATTACHMENTS_DIR,
          SourceKeys.SOURCE_PATH,
          SourceKeys.SOURCE_URL,
          SourceKeys.FORMAT,
          SourceKeys.DELIMITER,
          SourceKeys.ENCODING,
          SourceKeys.SHEET,
          SourceKeys.HEADER_ROW,
          SourceKeys.SKIP_ROWS,
          SourceKeys.LIMIT,
          SourceKeys.QUERY,
          SourceKeys.DB_USER,
          SourceKeys.DB_PASSWORD_ENV,
          SourceKeys.FETCH_SIZE,
          SourceKeys.ROWS,
          SourceKeys.SEED);

  private JobConfig() {}

  /** Returns every setting in help order. */
  public static List<JobKey> keys() {
    return KEYS;
  }

  /** Returns the settings of one job file section. */
  public static List<JobKey> keys(Section section) {
    return KEYS.stream().filter(k -> k.section() == section).toList();
  }

  /** Finds a setting of a section by name or alias, ignoring case. */
  public static Optional<JobKey> key(Section section, String nameOrAlias) {
    String wanted = nameOrAlias.strip().toLowerCase(Locale.ROOT);
    for (JobKey k : KEYS) {
      if (k.section() == section
          && (k.name().equals(wanted)
              || k.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(wanted)))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** Returns the names a section knows, sorted, for an "unknown key" message. */
  public static List<String> names(Section section) {
    return keys(section).stream().map(JobKey::name).sorted().toList();
  }

  /**
   * Converts one text value of a setting to its type (a repeatable one: one element).
   *
   * @throws IllegalArgumentException saying why the text is not of the type, without the key name
   */
  public static Object convert(JobKey key, String text) {
    return switch (key.type()) {
      case INT -> {
        long v = parseWhole(text);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("\"" + text + "\" is too large");
        }
        yield (int) v;
      }
      case LONG -> parseWhole(text);
      case BOOLEAN ->
          switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not true or false");
          };
      case PATH -> Path.of(text.strip());
      case MAP -> {
        int eq = text.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("\"" + text + "\" is not NAME=VALUE");
        }
        yield Map.entry(text.substring(0, eq).strip(), text.substring(eq + 1));
      }
      default -> text;
    };
  }

  /** Returns the default of a setting converted to its type, or null (repeatable: empty). */
  public static Object defaultOf(JobKey key) {
    if (key.type() == Type.LIST) {
      return List.of();
    }
    if (key.type() == Type.MAP) {
      return Map.of();
    }
    return key.defaultValue() == null ? null : convert(key, key.defaultValue());
  }

  /** Collects the values of a repeatable setting into its typed form (a list or a map). */
  @SuppressWarnings("unchecked")
  public static Object add(JobKey key, Object current, Object element) {
    if (key.type() == Type.MAP) {
      Map<String, String> map =
          new LinkedHashMap<>(current == null ? Map.of() : (Map<String, String>) current);
      Map.Entry<String, String> e = (Map.Entry<String, String>) element;
      map.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
      return map;
    }
    List<Object> list = new ArrayList<>(current == null ? List.of() : (List<Object>) current);
    list.add(element);
    return list;
  }

  private static long parseWhole(String text) {
    String t = text.strip();
    if (!t.matches("-?\\d{1,19}")) {
      throw new IllegalArgumentException("\"" + text + "\" is not a whole number");
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large");
    }
  }
}
