package dev.azdo.pipeline.mapping;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asked for, before it is checked against the source and the fields: the work item
 * type, the mapping rules, the row key, the parent key column and conversion settings. Built from
 * CLI options or a job file; {@link ImportPlan#create} reports every problem at once.
 */
public final class MappingSpec {
  /** The tag prefix that marks a work item with its row key when no key field is given. */
  public static final String KEY_TAG_PREFIX = KeyTag.PREFIX;

  /** Returns the tag that marks a work item with a row key (see {@link KeyTag}). */
  public static String keyTag(String key) {
    return KeyTag.of(key);
  }

  /** Returns the row key a {@link #keyTag} holds, or null when the tag is not a key marker. */
  public static String keyOfTag(String tag) {
    return KeyTag.keyOf(tag);
  }

  private final String workItemType;
  private final List<FieldMapping> mappings;
  private final String keyColumn;
  private final String keyField;
  private final String parentKeyColumn;
  private final List<String> dateFormats;
  private final ZoneId zone;
  private final boolean bypassRules;
  private final boolean checkRequired;
  private final boolean clearEmpty;
  private final boolean typeOptional;
  private final ValueMaps valueMaps;
  private final IdentityMap identityMap;
  private final List<Lookup> lookups;
  private final List<String> syntaxProblems;
  private final String idColumn;
  private final List<String> notes;

  private MappingSpec(Builder b) {
    this.workItemType = b.workItemType;
    this.mappings = List.copyOf(b.mappings);
    this.keyColumn = b.keyColumn;
    this.keyField = b.keyField;
    this.parentKeyColumn = b.parentKeyColumn;
    this.dateFormats = List.copyOf(b.dateFormats);
    this.zone = b.zone;
    this.bypassRules = b.bypassRules;
    this.checkRequired = b.checkRequired;
    this.clearEmpty = b.clearEmpty;
    this.typeOptional = b.typeOptional;
    this.valueMaps = b.valueMaps;
    this.identityMap = b.identityMap;
    this.lookups = List.copyOf(b.lookups);
    this.syntaxProblems = List.copyOf(b.problems);
    this.idColumn = null;
    this.notes = List.of();
  }

  // A copy with other columns and the same options (value maps, identities, dates, rules).
  private MappingSpec(
      MappingSpec o,
      List<FieldMapping> mappings,
      String keyColumn,
      String parentKeyColumn,
      String idColumn,
      List<String> problems,
      List<String> notes) {
    this.workItemType = null;
    this.mappings = List.copyOf(mappings);
    this.keyColumn = keyColumn;
    this.keyField = null;
    this.parentKeyColumn = parentKeyColumn;
    this.dateFormats = o.dateFormats;
    this.zone = o.zone;
    this.bypassRules = o.bypassRules;
    this.checkRequired = true;
    this.clearEmpty = false;
    this.typeOptional = false;
    this.valueMaps = o.valueMaps;
    this.identityMap = o.identityMap;
    this.lookups = o.lookups;
    this.syntaxProblems = List.copyOf(problems);
    this.idColumn = idColumn;
    this.notes = List.copyOf(notes);
  }

  /**
   * Returns a spec for a tree of rows that each name their type (Azure Boards' CSV): these column
   * mappings, a key column (tagged on created items), the parent's key column and a column that
   * holds an existing work item's id (a row with one updates that item, a row without creates one);
   * this spec's options stay, and the plan shows the notes first.
   */
  public MappingSpec forTree(
      List<FieldMapping> mappings,
      String keyColumn,
      String parentKeyColumn,
      String idColumn,
      List<String> problems,
      List<String> notes) {
    return new MappingSpec(this, mappings, keyColumn, parentKeyColumn, idColumn, problems, notes);
  }

  /** Returns what the plan shows before its mappings, such as columns not imported. */
  public List<String> notes() {
    return notes;
  }

  /** Returns the column holding an existing work item's id per row, or null (see forTree). */
  public String idColumn() {
    return idColumn;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the fixed work item type ({@code --type}), or the default for rows with no type; may be
   * null.
   */
  public String workItemType() {
    return workItemType;
  }

  /** Returns the mapping rules in the order given. */
  public List<FieldMapping> mappings() {
    return mappings;
  }

  /** Returns the column holding each row's key, or null when rows have no key. */
  public String keyColumn() {
    return keyColumn;
  }

  /**
   * Returns the field that stores the key in Azure DevOps, or null to mark items with a key tag.
   */
  public String keyField() {
    return keyField;
  }

  /** Returns the column holding the parent's key or existing work item id, or null. */
  public String parentKeyColumn() {
    return parentKeyColumn;
  }

  /**
   * Returns the date formats tried in order for date columns without their own; empty means
   * ISO-8601.
   */
  public List<String> dateFormats() {
    return dateFormats;
  }

  /** Returns the time zone for dates without an offset (default UTC). */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Returns true when rules are bypassed, which also allows setting Created Date/By and Changed
   * Date/By.
   */
  public boolean bypassRules() {
    return bypassRules;
  }

  /** Returns false for updates and deletes, which need not give the fields a create requires. */
  public boolean checkRequired() {
    return checkRequired;
  }

  /**
   * Returns true when an empty value clears its field (a JSON Patch {@code remove}) instead of
   * leaving it as it is: how the JDBC driver's {@code UPDATE ... SET Field = NULL} is written.
   */
  public boolean clearEmpty() {
    return clearEmpty;
  }

  /**
   * Returns true when rows find existing items by key (update, upsert, delete), so a plan needs no
   * work item type.
   */
  public boolean typeOptional() {
    return typeOptional;
  }

  /** Returns true when the key column holds work item ids ({@code --key ID=System.Id}). */
  public boolean keyIsWorkItemId() {
    return keyField != null
        && (keyField.equalsIgnoreCase("System.Id") || keyField.equalsIgnoreCase("ID"));
  }

  /** Returns the value maps applied to columns before conversion. */
  public ValueMaps valueMaps() {
    return valueMaps;
  }

  /** Returns the lookups, in the order given (checked against the project by the plan). */
  public List<Lookup> lookups() {
    return lookups;
  }

  /** Returns the identity map for identity fields and the policy for unknown identities. */
  public IdentityMap identityMap() {
    return identityMap;
  }

  /** Returns the malformed options (such as a --map without =), one line each. */
  public List<String> syntaxProblems() {
    return syntaxProblems;
  }

  /** Collects options; malformed ones are kept as problems and reported with the plan's. */
  public static final class Builder {
    private String workItemType;
    private final List<FieldMapping> mappings = new ArrayList<>();
    private String keyColumn;
    private String keyField;
    private String parentKeyColumn;
    private final List<String> dateFormats = new ArrayList<>();
    private ZoneId zone = ZoneOffset.UTC;
    private boolean bypassRules;
    private boolean checkRequired = true;
    private boolean clearEmpty;
    private boolean typeOptional;
    private ValueMaps valueMaps = ValueMaps.none();
    private IdentityMap identityMap = IdentityMap.none();
    private final List<Lookup> lookups = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private Builder() {}

    /** Sets the work item type of every row, or of rows whose type column is empty. */
    public Builder workItemType(String type) {
      this.workItemType = type == null || type.isBlank() ? null : type.strip();
      return this;
    }

    /**
     * Adds {@code --map SRC=FIELD[:OPTION]}: SRC is a column, or a template when it contains {@code
     * {Column}}; OPTION is a date format ({@code dd/MM/yyyy}) or text/markdown/html.
     */
    public Builder map(String spec) {
      String origin = "--map " + spec;
      int eq = spec.lastIndexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        problems.add(origin + ": expected SOURCE=FIELD, such as Title=System.Title");
        return this;
      }
      String source = spec.substring(0, eq).strip();
      String target = spec.substring(eq + 1).strip();
      String option = null;
      int colon = target.indexOf(':');
      if (colon >= 0) {
        option = target.substring(colon + 1);
        target = target.substring(0, colon).strip();
      }
      return map(source, target, option, origin);
    }

    /** Adds a column or template mapping; {@code origin} is how the user wrote it, for messages. */
    public Builder map(String source, String field, String option, String origin) {
      FieldMapping.Kind kind =
          source.indexOf('{') >= 0 ? FieldMapping.Kind.TEMPLATE : FieldMapping.Kind.COLUMN;
      mappings.add(new FieldMapping(kind, source, field, option, origin));
      return this;
    }

    /** Adds {@code --set FIELD=VALUE}: the same value on every row. */
    public Builder set(String spec) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        problems.add("--set " + spec + ": expected FIELD=VALUE, such as System.State=New");
        return this;
      }
      return set(spec.substring(0, eq).strip(), spec.substring(eq + 1), "--set " + spec);
    }

    /** Adds a constant for a field. */
    public Builder set(String field, String value, String origin) {
      mappings.add(new FieldMapping(FieldMapping.Kind.CONSTANT, value, field, null, origin));
      return this;
    }

    /**
     * Sets {@code --key SRC=FIELD}: column SRC identifies a row; FIELD stores it on the work item
     * so a rerun finds it. {@code --key SRC} alone marks items with the tag {@code
     * import-key:VALUE}.
     */
    public Builder key(String spec) {
      int eq = spec.indexOf('=');
      if (eq == 0 || eq == spec.length() - 1) {
        problems.add("--key " + spec + ": expected SOURCE=FIELD or SOURCE");
        return this;
      }
      this.keyColumn = (eq < 0 ? spec : spec.substring(0, eq)).strip();
      this.keyField = eq < 0 ? null : spec.substring(eq + 1).strip();
      return this;
    }

    /** Sets the column holding the parent row's key, or the id of an existing work item. */
    public Builder parentKey(String column) {
      this.parentKeyColumn = column == null || column.isBlank() ? null : column.strip();
      return this;
    }

    /**
     * Adds a date format tried for date fields without their own (Java pattern, such as
     * dd.MM.yyyy).
     */
    public Builder dateFormat(String pattern) {
      dateFormats.add(pattern);
      return this;
    }

    /** Sets the zone for dates without an offset, such as Europe/Berlin. */
    public Builder zone(String zoneId) {
      try {
        this.zone = ZoneId.of(zoneId);
      } catch (DateTimeException e) {
        problems.add(
            "--zone " + zoneId + ": not a time zone (use an id such as Europe/Berlin or UTC)");
      }
      return this;
    }

    /** Sets whether rules are bypassed. */
    public Builder bypassRules(boolean bypass) {
      this.bypassRules = bypass;
      return this;
    }

    /** Sets whether rows find existing items by key, so no work item type is needed. */
    public Builder typeOptional(boolean optional) {
      this.typeOptional = optional;
      return this;
    }

    /** Sets whether an empty value clears its field (see {@link MappingSpec#clearEmpty()}). */
    public Builder clearEmpty(boolean clear) {
      this.clearEmpty = clear;
      return this;
    }

    /** Sets whether required fields must be mapped (creates). */
    public Builder checkRequired(boolean check) {
      this.checkRequired = check;
      return this;
    }

    /** Sets the value maps; their problems are reported with the plan's. */
    public Builder valueMaps(ValueMaps.Builder maps) {
      ValueMaps built = maps.build();
      problems.addAll(maps.problems());
      this.valueMaps = built;
      return this;
    }

    /** Sets the identity map and the policy for unknown identities. */
    public Builder identityMap(IdentityMap map) {
      this.identityMap = map;
      return this;
    }

    /** Adds {@code --lookup COLUMN=BY_FIELD:RESULT_FIELD} (or COLUMN=area, COLUMN=iteration). */
    public Builder lookup(String spec) {
      try {
        lookups.add(Lookup.parse(spec, "--lookup " + spec));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
      return this;
    }

    /** Returns the spec; problems are reported by {@link ImportPlan#create}. */
    public MappingSpec build() {
      return new MappingSpec(this);
    }
  }
}
