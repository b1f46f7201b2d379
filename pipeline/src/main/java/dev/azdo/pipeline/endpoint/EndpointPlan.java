package dev.azdo.pipeline.endpoint;

import dev.azdo.pipeline.mapping.FieldMapping;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping of source columns to an endpoint's input columns, checked before any write: {@code
 * --map SRC=COLUMN} maps a column (or a {@code {Template}}), {@code --set COLUMN=VALUE} gives a
 * constant, and a source column named like an input column maps itself.
 */
public final class EndpointPlan {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /** How one input column gets its value. */
  private record Rule(FieldMapping.Kind kind, String source, String option) {}

  private final EndpointSpec endpoint;
  private final Map<String, Rule> rules;
  private final String keyColumn;
  private final List<String> dateFormats;

  private EndpointPlan(
      EndpointSpec endpoint, Map<String, Rule> rules, String keyColumn, List<String> dateFormats) {
    this.endpoint = endpoint;
    this.rules = rules;
    this.keyColumn = keyColumn;
    this.dateFormats = dateFormats;
  }

  /**
   * Checks the mapping against the endpoint's input columns and the source's columns.
   *
   * @throws PlanException listing every problem at once
   */
  public static EndpointPlan create(
      EndpointSpec endpoint, MappingSpec mapping, SourceSchema schema) {
    List<String> problems = new ArrayList<>(mapping.syntaxProblems());
    String columns = " (source columns: " + String.join(", ", schema.columns()) + ")";
    String inputs =
        " (input columns of "
            + endpoint.name()
            + ": "
            + String.join(", ", endpoint.inputs().stream().map(EndpointSpec.Column::name).toList())
            + ")";
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (FieldMapping m : mapping.mappings()) {
      var input = endpoint.input(m.field());
      if (input.isEmpty()) {
        problems.add(
            m.origin()
                + ": "
                + endpoint.name()
                + " has no input column \""
                + m.field()
                + "\""
                + inputs);
        continue;
      }
      List<String> needed = new ArrayList<>();
      if (m.kind() == FieldMapping.Kind.COLUMN) {
        needed.add(m.source());
      } else if (m.kind() == FieldMapping.Kind.TEMPLATE) {
        Matcher x = PLACEHOLDER.matcher(m.source());
        while (x.find()) {
          needed.add(x.group(1).strip());
        }
      }
      for (String c : needed) {
        if (schema.indexOf(c) < 0) {
          problems.add(m.origin() + ": column \"" + c + "\" is not in the source" + columns);
        }
      }
      if (rules.put(input.get().name(), new Rule(m.kind(), m.source(), m.option())) != null) {
        problems.add(m.origin() + ": input column " + input.get().name() + " is mapped twice");
      }
    }
    for (EndpointSpec.Column c : endpoint.inputs()) {
      if (!rules.containsKey(c.name())) {
        int i = indexIgnoringCase(schema, c.name());
        if (i >= 0) {
          rules.put(c.name(), new Rule(FieldMapping.Kind.COLUMN, schema.columns().get(i), null));
        }
      }
    }
    for (EndpointSpec.Column c : endpoint.inputs()) {
      if (c.required() && !rules.containsKey(c.name())) {
        problems.add(
            endpoint.name()
                + " needs input column "
                + c.name()
                + " ("
                + c.meaning()
                + "): name a source column "
                + c.name()
                + " or give --map SRC="
                + c.name()
                + columns);
      }
    }
    for (String group : endpoint.oneOfGroups()) {
      boolean any =
          endpoint.inputs().stream()
              .anyMatch(c -> group.equals(c.oneOf()) && rules.containsKey(c.name()));
      if (!any) {
        problems.add(
            endpoint.name()
                + " needs input column "
                + group
                + ": name source columns so or give --map SRC=COLUMN"
                + columns);
      }
    }
    if (mapping.keyColumn() != null && schema.indexOf(mapping.keyColumn()) < 0) {
      problems.add("--key: column \"" + mapping.keyColumn() + "\" is not in the source" + columns);
    }
    if (mapping.parentKeyColumn() != null) {
      problems.add(
          "--parent-key: only the work item endpoints link parents; for "
              + endpoint.name()
              + " leave it out");
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new EndpointPlan(endpoint, rules, mapping.keyColumn(), mapping.dateFormats());
  }

  private static int indexIgnoringCase(SourceSchema schema, String name) {
    List<String> cols = schema.columns();
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).strip().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the endpoint. */
  public EndpointSpec endpoint() {
    return endpoint;
  }

  /** Returns the column identifying rows in the journal ({@code --key}), or null. */
  public String keyColumn() {
    return keyColumn;
  }

  /** Returns the date patterns tried for date inputs; empty means ISO-8601. */
  public List<String> dateFormats() {
    return dateFormats;
  }

  /** Returns the date pattern a mapping gave an input ({@code --map Start=StartDate:dd.MM.yy}). */
  public String option(String input) {
    Rule r = rules.get(input);
    return r == null ? null : r.option();
  }

  /** Returns true when some source column, template or constant gives this input. */
  public boolean gives(String input) {
    return rules.containsKey(input);
  }

  /** Returns one line per input column saying where its value comes from. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    rules.forEach(
        (input, r) ->
            out.add(
                input
                    + " <- "
                    + switch (r.kind()) {
                      case COLUMN -> "column " + r.source();
                      case TEMPLATE -> "template " + r.source();
                      case CONSTANT -> "\"" + r.source() + "\"";
                    }));
    return out;
  }

  /**
   * Returns the source column an input comes from, for the rejects file; the input's own name for
   * constants and templates.
   */
  public String sourceColumn(String input) {
    Rule r = rules.get(input);
    return r == null || r.kind() != FieldMapping.Kind.COLUMN ? input : r.source();
  }

  /**
   * Turns a row into its input values (blank values become absent), or a rejection when a required
   * input is empty.
   */
  public Object map(SourceRow row) {
    if (row.isMalformed()) {
      return new Rejection(row.rowNumber(), row.errorColumn(), row.error());
    }
    Map<String, String> values = new LinkedHashMap<>();
    rules.forEach(
        (input, r) -> {
          String v =
              switch (r.kind()) {
                case COLUMN -> row.get(r.source());
                case CONSTANT -> r.source();
                case TEMPLATE -> render(r.source(), row);
              };
          if (v != null && !v.isBlank()) {
            values.put(input, v.strip());
          }
        });
    for (EndpointSpec.Column c : endpoint.inputs()) {
      if (c.required() && !values.containsKey(c.name())) {
        return new Rejection(
            row.rowNumber(),
            sourceColumn(c.name()),
            c.name() + " is empty; " + endpoint.name() + " needs " + c.meaning());
      }
    }
    for (String group : endpoint.oneOfGroups()) {
      boolean any =
          endpoint.inputs().stream()
              .anyMatch(c -> group.equals(c.oneOf()) && values.containsKey(c.name()));
      if (!any) {
        return new Rejection(
            row.rowNumber(), null, group + " is empty; " + endpoint.name() + " needs one of them");
      }
    }
    String key = keyColumn == null ? null : row.get(keyColumn);
    return new EndpointRow(
        row.rowNumber(), values, key == null || key.isBlank() ? null : key.strip(), row);
  }

  private static String render(String template, SourceRow row) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    boolean any = false;
    while (m.find()) {
      String v = row.get(m.group(1).strip());
      any |= v != null && !v.isEmpty();
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return any ? out.toString() : null;
  }
}
