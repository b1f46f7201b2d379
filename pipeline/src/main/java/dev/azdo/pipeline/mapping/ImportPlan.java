package dev.azdo.pipeline.mapping;

import com.fasterxml.jackson.core.SerializableString;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A mapping checked against the source columns and the work item type's fields before any row is
 * written, then used to turn each row into a {@link MappedRow} or a {@link Rejection}. Converters
 * are built once here, so mapping a row does no lookups by name. Not thread-safe: use one plan per
 * mapping thread.
 */
public final class ImportPlan {
  private static final String TYPE_FIELD = TypeCompiler.TYPE_FIELD;

  private final MappingSpec spec;
  private final FieldCatalog catalog;
  private final SourceSchema schema;
  private final List<FieldMapping> rules;
  private final FieldMapping typeRule;
  private final Template typeTemplate;
  private final Template[] templates;
  private final CompiledType fixedType;
  private final Map<String, CompiledType> types = new HashMap<>();
  private final InputMaps inputs;
  private final ValueMap typeMap;
  private final List<Lookup> lookups;

  private SourceSchema bound;
  private int[] columnIndex;
  // Per rule, every position of a repeated column a list field takes; null for one column.
  private int[][] repeatedIndex;
  // Per rule, the positions a Name[last] pick takes the last non-empty value of; null otherwise.
  private int[][] lastIndex;
  private int[][] templateIndex;
  private int typeIndex;
  private int[] typeTemplateIndex;
  private int keyIndex;
  private int parentIndex;
  private int idIndex;

  private ImportPlan(
      MappingSpec spec,
      FieldCatalog catalog,
      SourceSchema schema,
      List<FieldMapping> rules,
      FieldMapping typeRule,
      Template[] templates,
      CompiledType fixedType,
      InputMaps inputs,
      List<Lookup> lookups) {
    this.spec = spec;
    this.lookups = lookups;
    this.inputs = inputs;
    this.typeMap = inputs.valueMap(InputMaps.TYPE_FIELD);
    this.catalog = catalog;
    this.schema = schema;
    this.rules = rules;
    this.typeRule = typeRule;
    this.typeTemplate =
        typeRule != null && typeRule.kind() == FieldMapping.Kind.TEMPLATE
            ? Template.parse(typeRule.source())
            : null;
    this.templates = templates;
    this.fixedType = fixedType;
    bind(schema);
  }

  /**
   * Checks the mapping against the source schema and the catalogue and compiles it.
   *
   * @throws PlanException listing every problem found, one line each
   */
  public static ImportPlan create(MappingSpec spec, SourceSchema schema, FieldCatalog catalog) {
    List<String> problems = new ArrayList<>(spec.syntaxProblems());
    InputMaps inputs = new InputMaps(spec);
    List<FieldMapping> rules = new ArrayList<>();
    FieldMapping typeRule = null;
    for (FieldMapping rule : spec.mappings()) {
      String target = rule.field().strip();
      if (target.equalsIgnoreCase(TYPE_FIELD) || target.equalsIgnoreCase("Work Item Type")) {
        typeRule = rule;
      } else {
        rules.add(rule);
      }
    }
    String columns = " (columns: " + String.join(", ", schema.columns()) + ")";
    Template[] templates = new Template[rules.size()];
    List<FieldMapping> sourced = new ArrayList<>(rules);
    if (typeRule != null) {
      sourced.add(typeRule);
    }
    for (int i = 0; i < sourced.size(); i++) {
      FieldMapping rule = sourced.get(i);
      if (rule.kind() == FieldMapping.Kind.COLUMN && schema.indexOf(rule.source()) < 0) {
        problems.add(
            rule.origin() + ": column \"" + rule.source() + "\" is not in the source" + columns);
      } else if (rule.kind() == FieldMapping.Kind.COLUMN
          && schema.ambiguity(rule.source()) != null
          && !takesEveryValue(rule)) {
        problems.add(
            rule.origin()
                + ": "
                + schema.ambiguity(rule.source())
                + " ("
                + rule.field()
                + " holds one value; a list field such as System.Tags takes them all)");
      } else if (rule.kind() == FieldMapping.Kind.TEMPLATE) {
        try {
          Template template = Template.parse(rule.source());
          if (i < templates.length) {
            templates[i] = template;
          }
          for (String column : template.columns()) {
            if (schema.indexOf(column) < 0) {
              problems.add(
                  rule.origin() + ": column \"" + column + "\" is not in the source" + columns);
            } else if (schema.ambiguity(column) != null) {
              problems.add(rule.origin() + ": " + schema.ambiguity(column));
            }
          }
        } catch (IllegalArgumentException e) {
          problems.add(rule.origin() + ": " + e.getMessage());
        }
      }
    }
    problems.addAll(InputMaps.problems(spec, sourced, catalog));
    List<Lookup> lookups = new ArrayList<>();
    for (Lookup lookup : spec.lookups()) {
      lookups.add(lookup.checked(schema, catalog, problems));
    }
    if (spec.keyColumn() != null && schema.indexOf(spec.keyColumn()) < 0) {
      problems.add("--key: column \"" + spec.keyColumn() + "\" is not in the source" + columns);
    }
    if (spec.parentKeyColumn() != null && schema.indexOf(spec.parentKeyColumn()) < 0) {
      problems.add(
          "--parent-key: column \"" + spec.parentKeyColumn() + "\" is not in the source" + columns);
    }
    if (spec.keyColumn() != null && schema.ambiguity(spec.keyColumn()) != null) {
      problems.add("--key: " + schema.ambiguity(spec.keyColumn()));
    }
    if (spec.parentKeyColumn() != null && schema.ambiguity(spec.parentKeyColumn()) != null) {
      problems.add("--parent-key: " + schema.ambiguity(spec.parentKeyColumn()));
    }
    String fixedName = spec.workItemType();
    if (typeRule != null && typeRule.kind() == FieldMapping.Kind.CONSTANT) {
      fixedName = typeRule.source().strip();
      typeRule = null;
    }
    String knownTypes = " (types: " + String.join(", ", catalog.workItemTypes()) + ")";
    CompiledType fixed = null;
    if (typeRule == null) {
      if (fixedName == null && spec.typeOptional()) {
        // Update, delete and upsert of existing items find each item by its key: any type's
        // fields may be mapped, and no field is required.
        fixed = TypeCompiler.compile(spec, rules, TypeCompiler.anyType(catalog), false, inputs);
        problems.addAll(fixed.problems);
      } else if (fixedName == null) {
        problems.add("no work item type: give --type TYPE or map a column to System.WorkItemType");
      } else {
        Optional<WorkItemTypeDefinition> type = catalog.workItemType(fixedName);
        if (type.isEmpty()) {
          problems.add(
              "work item type \"" + fixedName + "\" does not exist in the project" + knownTypes);
        } else {
          fixed = TypeCompiler.compile(spec, rules, type.get(), false, inputs);
          problems.addAll(fixed.problems);
        }
      }
    } else {
      if (fixedName != null && catalog.workItemType(fixedName).isEmpty()) {
        problems.add(
            "--type: work item type \""
                + fixedName
                + "\" does not exist in the project"
                + knownTypes);
      }
      problems.addAll(TypeCompiler.checkAgainstAnyType(spec, rules, catalog));
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new ImportPlan(
        spec, catalog, schema, rules, typeRule, templates, fixed, inputs, List.copyOf(lookups));
  }

  // A list field (System.Tags) mapped from a repeated column takes every occurrence's value.
  private static boolean takesEveryValue(FieldMapping rule) {
    String field = rule.field().strip();
    return field.equalsIgnoreCase(Converters.TAGS) || field.equalsIgnoreCase("Tags");
  }

  private void bind(SourceSchema schema) {
    bound = schema;
    columnIndex = new int[rules.size()];
    repeatedIndex = new int[rules.size()][];
    lastIndex = new int[rules.size()][];
    templateIndex = new int[rules.size()][];
    for (int i = 0; i < rules.size(); i++) {
      FieldMapping rule = rules.get(i);
      if (rule.kind() == FieldMapping.Kind.COLUMN) {
        columnIndex[i] = schema.indexOf(rule.source());
        List<Integer> all = schema.positions(rule.source());
        if (all.size() > 1 && takesEveryValue(rule)) {
          repeatedIndex[i] = all.stream().mapToInt(Integer::intValue).toArray();
        }
        List<Integer> last = schema.lastOf(rule.source());
        if (!last.isEmpty()) {
          lastIndex[i] = last.stream().mapToInt(Integer::intValue).toArray();
        }
      } else if (rule.kind() == FieldMapping.Kind.TEMPLATE) {
        templateIndex[i] = templates[i].bind(schema);
      }
    }
    typeIndex =
        typeRule != null && typeRule.kind() == FieldMapping.Kind.COLUMN
            ? schema.indexOf(typeRule.source())
            : -1;
    typeTemplateIndex = typeTemplate != null ? typeTemplate.bind(schema) : null;
    keyIndex = spec.keyColumn() != null ? schema.indexOf(spec.keyColumn()) : -1;
    parentIndex = spec.parentKeyColumn() != null ? schema.indexOf(spec.parentKeyColumn()) : -1;
    idIndex = spec.idColumn() != null ? schema.indexOf(spec.idColumn()) : -1;
  }

  /** Returns the source columns the plan was checked against. */
  public SourceSchema schema() {
    return schema;
  }

  /** Returns the lookups with their fields' reference names, to resolve before mapping rows. */
  public List<Lookup> lookups() {
    return lookups;
  }

  /** Returns the spec the plan was built from. */
  public MappingSpec spec() {
    return spec;
  }

  /** Returns true when every row carries a key, so the writer can journal and find rows by key. */
  public boolean hasKey() {
    return spec.keyColumn() != null;
  }

  /** Maps one row into a work item patch, or a rejection naming the row, column and reason. */
  public MappingResult map(SourceRow row) {
    long n = row.rowNumber();
    if (row.isMalformed()) {
      return new Rejection(n, row.errorColumn(), row.error());
    }
    if (row.schema() != bound) {
      bind(row.schema());
    }
    CompiledType type = fixedType;
    if (type == null) {
      String name =
          typeTemplate != null ? typeTemplate.render(row, typeTemplateIndex) : row.get(typeIndex);
      if (typeMap != null && name != null && !name.isBlank()) {
        try {
          name = typeMap.apply(name);
        } catch (ConversionException e) {
          return new Rejection(n, typeRule.source(), e.getMessage());
        }
      }
      name = name == null || name.isBlank() ? spec.workItemType() : name.strip();
      if (name == null) {
        return new Rejection(n, typeRule.source(), "the work item type is empty");
      }
      type = types.get(name.toLowerCase(Locale.ROOT));
      if (type == null) {
        Optional<WorkItemTypeDefinition> found = catalog.workItemType(name);
        if (found.isEmpty()) {
          return new Rejection(
              n,
              typeRule.source(),
              "\""
                  + name
                  + "\" is not a work item type of the project (types: "
                  + String.join(", ", catalog.workItemTypes())
                  + ")");
        }
        type = TypeCompiler.compile(spec, rules, found.get(), true, inputs);
        types.put(name.toLowerCase(Locale.ROOT), type);
      }
      if (!type.problems.isEmpty()) {
        return new Rejection(n, null, String.join("; ", type.problems));
      }
    }
    String key = null;
    if (keyIndex >= 0) {
      key = row.get(keyIndex);
      key = key == null ? null : key.strip();
      if (key == null || key.isEmpty()) {
        return new Rejection(
            n, spec.keyColumn(), "the key is empty; every row needs one with --key");
      }
    }
    Integer existing = null;
    if (idIndex >= 0) {
      String id = row.get(idIndex);
      if (id != null && !id.isBlank()) {
        if (!id.strip().matches("\\d{1,9}")) {
          return new Rejection(
              n, spec.idColumn(), "\"" + id.strip() + "\" is not a work item id (a whole number)");
        }
        existing = Integer.valueOf(id.strip());
      }
    }
    int size = type.fields.size() + 1;
    String[] names = new String[size];
    SerializableString[] paths = new SerializableString[size];
    Object[] values = new Object[size];
    int count = 0;
    Rejection first = null;
    StringBuilder more = null;
    int tagsAt = -1;
    for (CompiledField field : type.fields) {
      Object value;
      String text;
      if (field.constant != null) {
        value = field.constant;
      } else {
        int i = field.ruleIndex;
        FieldMapping rule = field.rule;
        text =
            i < 0
                ? key
                : rule.kind() == FieldMapping.Kind.COLUMN
                    ? repeatedIndex[i] != null
                        ? joinNonEmpty(row, repeatedIndex[i])
                        : lastIndex[i] != null
                            ? lastNonEmpty(row, lastIndex[i])
                            : row.get(columnIndex[i])
                    : rule.kind() == FieldMapping.Kind.TEMPLATE
                        ? templates[i].render(row, templateIndex[i])
                        : null;
        if (text == null || text.isBlank()) {
          if (field.definition != null && field.definition.required() && spec.checkRequired()) {
            String reason = "is empty, but " + field.definition.label() + " is required";
            if (first == null) {
              first = new Rejection(n, rule.source(), reason);
            } else {
              more = appendMore(more, rule.source(), reason);
            }
          }
          if (spec.clearEmpty() && field.definition != null) {
            names[count] = field.definition.referenceName();
            paths[count] = field.path;
            values[count] = WorkItemPatch.CLEAR;
            count++;
          }
          continue;
        }
        if (field.definition == null) {
          String reason =
              "has a value, but \""
                  + rule.field()
                  + "\" is not a field of work item type \""
                  + type.name
                  + "\"";
          if (first == null) {
            first = new Rejection(n, rule.source(), reason);
          } else {
            more = appendMore(more, rule.source(), reason);
          }
          continue;
        }
        try {
          text = field.prepare(text);
          if (text == null) {
            // The identity map clears an unknown identity (--unknown-identity clear).
            continue;
          }
          value = field.converter.convert(text);
        } catch (ConversionException e) {
          if (first == null) {
            first = new Rejection(n, rule.source(), e.getMessage());
          } else {
            more = appendMore(more, rule.source(), e.getMessage());
          }
          continue;
        }
      }
      if (field.maxLength > 0 && value instanceof String s && s.length() > field.maxLength) {
        String reason =
            "is "
                + s.length()
                + " characters long; "
                + field.definition.label()
                + " takes at most "
                + field.maxLength
                + " (the service's limit for "
                + field.definition.type().apiName()
                + " fields)";
        String column = field.rule == null ? null : field.rule.source();
        if (first == null) {
          first = new Rejection(n, column, reason);
        } else {
          more = appendMore(more, column, reason);
        }
        continue;
      }
      if (field.isTags) {
        tagsAt = count;
      }
      names[count] = field.definition.referenceName();
      paths[count] = field.path;
      values[count] = value;
      count++;
    }
    if (type.keyField != null && first == null) {
      try {
        names[count] = type.keyField.definition.referenceName();
        paths[count] = type.keyField.path;
        values[count] = type.keyField.converter.convert(key);
        count++;
      } catch (ConversionException e) {
        first = new Rejection(n, spec.keyColumn(), e.getMessage());
      }
    }
    if (first != null) {
      return more == null ? first : new Rejection(n, first.column(), first.reason() + more);
    }
    if (key != null && spec.keyField() == null && spec.checkRequired() && existing == null) {
      // Without a key field the key travels as a tag, so a rerun can find the item by WIQL.
      String marker = MappingSpec.keyTag(key);
      if (tagsAt >= 0) {
        values[tagsAt] =
            values[tagsAt].toString().isEmpty() ? marker : values[tagsAt] + "; " + marker;
      } else {
        names[count] = Converters.TAGS;
        paths[count] = WorkItemPatch.fieldPath(Converters.TAGS);
        values[count] = marker;
        count++;
      }
    }
    String parent = null;
    if (parentIndex >= 0) {
      parent = row.get(parentIndex);
      parent = parent == null || parent.isBlank() ? null : parent.strip();
    }
    return new MappedRow(
        n,
        key,
        type.name,
        parent,
        new WorkItemPatch(names, paths, values, count, List.of()),
        existing);
  }

  // Jira's Labels, Labels, Labels: the non-empty values as one tag list.
  private static String joinNonEmpty(SourceRow row, int[] positions) {
    StringBuilder out = new StringBuilder();
    for (int p : positions) {
      String v = row.get(p);
      if (v != null && !v.isBlank()) {
        out.append(out.length() == 0 ? "" : "; ").append(v.strip());
      }
    }
    return out.toString();
  }

  // Jira's Sprint, Sprint filled from the left: the last one the issue was in.
  private static String lastNonEmpty(SourceRow row, int[] positions) {
    for (int p = positions.length - 1; p >= 0; p--) {
      String v = row.get(positions[p]);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static StringBuilder appendMore(StringBuilder more, String column, String reason) {
    StringBuilder out = more == null ? new StringBuilder() : more;
    return out.append("; also column \"").append(column).append("\": ").append(reason);
  }

  /** Returns one line per mapped field, for a dry run: source, target, type and conversion. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>(spec.notes());
    if (fixedType != null && fixedType.name == null) {
      lines.add("work item type: any (each item is found by its key)");
    } else if (fixedType != null) {
      lines.add("work item type: " + fixedType.name);
    } else {
      lines.add("work item type: from " + typeRule.origin());
    }
    CompiledType shown = fixedType;
    if (shown != null) {
      for (CompiledField field : shown.fields) {
        lines.add(
            field.rule.origin()
                + " -> "
                + field.definition.label()
                + " ["
                + field.definition.type().apiName()
                + (field.rule.option() != null ? ", " + field.rule.option() : "")
                + "]");
      }
      if (shown.keyField != null) {
        lines.add("--key " + spec.keyColumn() + " -> " + shown.keyField.definition.label());
      }
    } else {
      for (FieldMapping rule : rules) {
        lines.add(rule.origin() + " -> " + rule.field());
      }
    }
    if (spec.keyColumn() != null && spec.keyField() == null) {
      lines.add("--key " + spec.keyColumn() + " -> tag " + MappingSpec.KEY_TAG_PREFIX + "KEY");
    }
    if (spec.parentKeyColumn() != null) {
      lines.add("--parent-key " + spec.parentKeyColumn() + " -> parent link");
    }
    lines.addAll(inputs.describe());
    lookups.forEach(l -> lines.add(l.describe()));
    return lines;
  }

  /**
   * Returns, after the rows were mapped, one line per field with values no value map covered and
   * one listing unknown identities with their row counts (empty when there is nothing to say).
   */
  public List<String> report() {
    return inputs.report();
  }

  /**
   * Returns the set of field reference names the plan writes for a fixed type (empty for per-row
   * types).
   */
  public Set<String> fieldReferenceNames() {
    Set<String> names = new HashSet<>();
    if (fixedType != null) {
      for (CompiledField field : fixedType.fields) {
        names.add(field.definition.referenceName());
      }
      if (fixedType.keyField != null) {
        names.add(fixedType.keyField.definition.referenceName());
      }
    }
    return names;
  }

  /**
   * Returns the source column (or template) that fills a field, by reference or display name, so a
   * rejection the service blames on a field can name the column; null when no column fills it.
   */
  public String columnFor(String field) {
    if (field == null) {
      return null;
    }
    List<CompiledType> compiled = new ArrayList<>(types.values());
    if (fixedType != null) {
      compiled.add(0, fixedType);
    }
    for (CompiledType type : compiled) {
      List<CompiledField> fields = new ArrayList<>(type.fields);
      if (type.keyField != null) {
        fields.add(type.keyField);
      }
      for (CompiledField f : fields) {
        if (f.definition != null
            && f.rule != null
            && f.rule.kind() != FieldMapping.Kind.CONSTANT
            && (f.definition.referenceName().equalsIgnoreCase(field)
                || f.definition.name().equalsIgnoreCase(field))) {
          return f.rule.source();
        }
      }
    }
    return null;
  }
}
