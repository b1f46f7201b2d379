package dev.azdo.jdbc;

import dev.azdo.client.FieldInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One column of the WorkItems table: a work item field (identity fields give two columns, the
 * display name and the {@code …UniqueName} companion).
 *
 * @param name the SQL name, the field's name without spaces (Title, AssignedTo, WorkItemType)
 * @param referenceName the field's reference name (System.Title), as WIQL and the REST API know it
 * @param type the SQL type from the field's type
 * @param part which part of an identity the column holds, or VALUE for other fields
 * @param readOnly whether the service sets the field itself
 */
record WorkItemColumn(
    String name, String referenceName, SqlTypeName type, Part part, boolean readOnly) {

  /** What an identity field's column shows. */
  enum Part {
    /** The field's value as such. */
    VALUE,
    /** An identity's display name. */
    DISPLAY_NAME,
    /** An identity's unique name (e-mail or domain\\user). */
    UNIQUE_NAME
  }

  /** The id column's reference name. */
  static final String ID = "System.Id";

  /** Tells whether the column is the work item id. */
  boolean isId() {
    return referenceName.equalsIgnoreCase(ID);
  }

  /** Tells whether the column holds text that WIQL compares without regard to case. */
  boolean isText() {
    return type == SqlTypeName.VARCHAR;
  }

  /** Builds the columns from the project's fields, Id first, names made unique. */
  static List<WorkItemColumn> of(List<FieldInfo> fields) {
    List<WorkItemColumn> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    out.add(new WorkItemColumn("Id", ID, SqlTypeName.INTEGER, Part.VALUE, true));
    taken.add("id");
    for (FieldInfo f : fields) {
      if (f.referenceName() == null || f.referenceName().equalsIgnoreCase(ID)) {
        continue;
      }
      String base = sqlName(f);
      String name = unique(base, f.referenceName(), taken);
      if (f.identity()) {
        out.add(
            new WorkItemColumn(
                name, f.referenceName(), SqlTypeName.VARCHAR, Part.DISPLAY_NAME, f.readOnly()));
        out.add(
            new WorkItemColumn(
                unique(name + "UniqueName", f.referenceName() + ".UniqueName", taken),
                f.referenceName(),
                SqlTypeName.VARCHAR,
                Part.UNIQUE_NAME,
                f.readOnly()));
      } else {
        out.add(
            new WorkItemColumn(
                name, f.referenceName(), sqlType(f.type()), Part.VALUE, f.readOnly()));
      }
    }
    return out;
  }

  private static String unique(String base, String fallback, Set<String> taken) {
    String name = taken.add(base.toLowerCase(Locale.ROOT)) ? base : fallback;
    taken.add(name.toLowerCase(Locale.ROOT));
    return name;
  }

  // "Work Item Type" -> WorkItemType; a name with nothing usable falls back to the reference name.
  private static String sqlName(FieldInfo f) {
    String n = f.name() == null ? "" : f.name().replaceAll("[^A-Za-z0-9_]", "");
    return n.isEmpty() || Character.isDigit(n.charAt(0)) ? f.referenceName() : n;
  }

  /** The SQL type for a field type of the REST API. */
  static SqlTypeName sqlType(String fieldType) {
    if (fieldType == null) {
      return SqlTypeName.VARCHAR;
    }
    return switch (fieldType.toLowerCase(Locale.ROOT)) {
      case "integer", "picklistinteger" -> SqlTypeName.INTEGER;
      case "double", "picklistdouble" -> SqlTypeName.DOUBLE;
      case "datetime" -> SqlTypeName.TIMESTAMP;
      case "boolean" -> SqlTypeName.BOOLEAN;
      default -> SqlTypeName.VARCHAR;
    };
  }
}
