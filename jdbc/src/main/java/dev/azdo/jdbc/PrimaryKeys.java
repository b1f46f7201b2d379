package dev.azdo.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key columns of every table, and {@code DatabaseMetaData.getPrimaryKeys} answered from them
 * (Calcite's metadata has no keys; DBeaver needs them to edit rows).
 */
final class PrimaryKeys {
  /** Each table's key columns in key order. */
  static final Map<String, List<String>> KEYS = keys();

  private PrimaryKeys() {}

  private static Map<String, List<String>> keys() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("WorkItems", List.of("Id"));
    m.put("WorkItemLinks", List.of("SourceId", "TargetId", "LinkType"));
    m.put("Comments", List.of("WorkItemId", "CommentId"));
    m.put("Revisions", List.of("WorkItemId", "Rev"));
    m.put("Projects", List.of("Id"));
    m.put("Teams", List.of("Id"));
    m.put("Areas", List.of("Id"));
    m.put("Iterations", List.of("Id"));
    m.put("Fields", List.of("ReferenceName"));
    m.put("WorkItemTypes", List.of("Name"));
    m.put("Processes", List.of("Id"));
    return Map.copyOf(m);
  }

  /**
   * Returns the JDBC primary key result set (TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME,
   * KEY_SEQ, PK_NAME, ordered by COLUMN_NAME) for a schema and table, null meaning any; it is a
   * query over VALUES, so it has the metadata of any other result set.
   */
  static ResultSet query(Connection calcite, String schema, String table) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = calcite.getMetaData().getSchemas()) {
      while (rs.next()) {
        String s = rs.getString("TABLE_SCHEM");
        if ((schema == null || s.equalsIgnoreCase(schema)) && !s.equals("metadata")) {
          schemas.add(s);
        }
      }
    }
    List<String> rows = new ArrayList<>();
    for (String s : schemas) {
      for (Map.Entry<String, List<String>> e : KEYS.entrySet()) {
        if (table != null && !e.getKey().equalsIgnoreCase(table)) {
          continue;
        }
        List<String> cols = e.getValue();
        for (int i = 0; i < cols.size(); i++) {
          rows.add(
              "(CAST(NULL AS VARCHAR), "
                  + literal(s)
                  + ", "
                  + literal(e.getKey())
                  + ", "
                  + literal(cols.get(i))
                  + ", CAST("
                  + (i + 1)
                  + " AS SMALLINT), "
                  + literal("PK_" + e.getKey())
                  + ")");
        }
      }
    }
    // VALUES needs a row: an empty answer filters away a placeholder.
    String values =
        rows.isEmpty()
            ? "(CAST(NULL AS VARCHAR), '', '', '', CAST(0 AS SMALLINT), '')"
            : String.join(", ", rows);
    String sql =
        "SELECT * FROM (VALUES "
            + values
            + ") AS k(TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, KEY_SEQ, PK_NAME)"
            + (rows.isEmpty() ? " WHERE FALSE" : "")
            + " ORDER BY COLUMN_NAME";
    Statement st = calcite.createStatement();
    st.closeOnCompletion();
    return st.executeQuery(sql);
  }

  private static String literal(String s) {
    // VARCHAR: VALUES would pad CHAR literals of different lengths to the longest.
    return "CAST('" + s.replace("'", "''") + "' AS VARCHAR)";
  }
}
