package dev.azdo.pipeline.mapping;

import dev.azdo.pipeline.source.SourceSchema;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code --lookup}: a column whose values are replaced, before mapping, by a value read from
 * Azure DevOps. {@code COLUMN=BY_FIELD:RESULT_FIELD} finds the work item of the project whose
 * BY_FIELD equals the column's value and takes its RESULT_FIELD (the issue's {@code
 * ParentTitle=System.Title:System.Id} turns a parent's title into its id for {@code --parent-key});
 * {@code COLUMN=area} and {@code COLUMN=iteration} turn a node's name into its path.
 *
 * @param column the source column
 * @param kind what is looked up
 * @param byField the field matched against the column's value (work item lookups; as given, then as
 *     the reference name once checked)
 * @param byType the type of byField once checked (numbers are matched without quotes), or null
 * @param resultField the field whose value replaces it (work item lookups)
 * @param origin how the user wrote it, for messages
 */
public record Lookup(
    String column, Kind kind, String byField, FieldType byType, String resultField, String origin) {

  /** What a lookup reads. */
  public enum Kind {
    /** A work item of the project, found by a field's value. */
    WORK_ITEM,
    /** An area of the project, found by its name (or path). */
    AREA,
    /** An iteration of the project, found by its name (or path). */
    ITERATION
  }

  private static final Set<FieldType> MATCHABLE =
      EnumSet.of(
          FieldType.STRING,
          FieldType.PICKLIST_STRING,
          FieldType.INTEGER,
          FieldType.PICKLIST_INTEGER,
          FieldType.IDENTITY,
          FieldType.TREE_PATH,
          FieldType.GUID);

  /** The form of a lookup, for messages. */
  public static final String FORM = "COLUMN=BY_FIELD:RESULT_FIELD, COLUMN=area or COLUMN=iteration";

  /**
   * Parses {@code COLUMN=BY_FIELD:RESULT_FIELD}, {@code COLUMN=area} or {@code COLUMN=iteration}.
   *
   * @throws IllegalArgumentException naming the option and the expected form
   */
  public static Lookup parse(String spec, String origin) {
    int eq = spec.indexOf('=');
    String column = eq <= 0 ? "" : spec.substring(0, eq).strip();
    String rest = eq <= 0 ? "" : spec.substring(eq + 1).strip();
    if (column.isEmpty() || rest.isEmpty()) {
      throw new IllegalArgumentException(
          origin + ": expected " + FORM + ", such as \"ParentTitle=System.Title:System.Id\"");
    }
    switch (rest.toLowerCase(Locale.ROOT)) {
      case "area" -> {
        return new Lookup(column, Kind.AREA, null, null, null, origin);
      }
      case "iteration" -> {
        return new Lookup(column, Kind.ITERATION, null, null, null, origin);
      }
      default -> {
        int colon = rest.indexOf(':');
        String by = colon <= 0 ? "" : rest.substring(0, colon).strip();
        String result = colon <= 0 ? "" : rest.substring(colon + 1).strip();
        if (by.isEmpty() || result.isEmpty()) {
          throw new IllegalArgumentException(
              origin
                  + ": \""
                  + rest
                  + "\" is not BY_FIELD:RESULT_FIELD (the field to match the column's value"
                  + " against, then the field to take), area or iteration");
        }
        return new Lookup(column, Kind.WORK_ITEM, by, null, result, origin);
      }
    }
  }

  /**
   * Checks the lookup against the source columns and the project's fields and returns it with
   * reference names, adding one line per problem.
   */
  Lookup checked(SourceSchema schema, FieldCatalog catalog, List<String> problems) {
    if (schema.indexOf(column) < 0) {
      problems.add(
          origin
              + ": column \""
              + column
              + "\" is not in the source (columns: "
              + String.join(", ", schema.columns())
              + ")");
    }
    if (kind != Kind.WORK_ITEM) {
      return this;
    }
    Optional<FieldDefinition> by = field(byField, catalog);
    Optional<FieldDefinition> result = field(resultField, catalog);
    if (by.isEmpty()) {
      problems.add(
          origin + ": \"" + byField + "\" is not a field of the project's work item types");
    }
    if (result.isEmpty()) {
      problems.add(
          origin + ": \"" + resultField + "\" is not a field of the project's work item types");
    }
    if (by.isEmpty() || result.isEmpty()) {
      return this;
    }
    if (!MATCHABLE.contains(by.get().type())) {
      // WIQL compares long text only with Contains, and dates by day: neither identifies a value.
      problems.add(
          origin
              + ": "
              + by.get().referenceName()
              + " is a "
              + by.get().type().apiName()
              + " field; a lookup matches a text, number, identity or path field");
    }
    return new Lookup(
        column,
        kind,
        by.get().referenceName(),
        by.get().type(),
        result.get().referenceName(),
        origin);
  }

  // A field by reference or display name, as any type of the project (or the system) knows it.
  private static Optional<FieldDefinition> field(String name, FieldCatalog catalog) {
    if (name.equalsIgnoreCase("System.Id") || name.equalsIgnoreCase("ID")) {
      return Optional.of(FieldDefinition.of("System.Id", "ID", FieldType.INTEGER));
    }
    for (String type : catalog.workItemTypes()) {
      Optional<FieldDefinition> f = catalog.workItemType(type).flatMap(t -> t.field(name));
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }

  /** The plan's line for this lookup. */
  String describe() {
    String what =
        switch (kind) {
          case AREA -> "the area of that name -> its path";
          case ITERATION -> "the iteration of that name -> its path";
          case WORK_ITEM ->
              "the work item whose " + byField + " is the value -> its " + resultField;
        };
    return origin
        + ": "
        + column
        + " = "
        + what
        + " (read in bulk, cached for the run; a value not found rejects the row)";
  }
}
