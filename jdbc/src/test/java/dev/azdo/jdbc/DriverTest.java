package dev.azdo.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver through DriverManager against the emulator: URLs, settings, schema and tables. */
class DriverTest {
  private static EmulatorFixture fx;

  @BeforeAll
  static void start() {
    fx = new EmulatorFixture(30);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void theAliasPrefixAndTheSeedNamesConnect() throws Exception {
    String url =
        "jdbc:azdo:" + fx.emulator.url() + ";Default Project=Demo;PersonalAccessToken=" + fx.PAT;
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(c.getSchema()).isEqualTo("Demo");
      assertThat(EmulatorFixture.rows(c, "SELECT COUNT(*) FROM WorkItems"))
          .containsExactly(List.of("30"));
    }
  }

  @Test
  void aConnectionLeavesNoHttpThreadsBehind() throws Exception {
    java.util.Set<Thread> before = selectorThreads();
    Connection c = DriverManager.getConnection(fx.url() + ";pat=" + fx.PAT);
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM WorkItems")) {
      assertThat(rs.next()).isTrue();
    }
    java.util.Set<Thread> opened = selectorThreads();
    opened.removeAll(before);
    // Reads go through HttpURLConnection on the caller's thread; only a PATCH (an UPDATE) starts
    // an HTTP client's selector thread, which closing the connection stops.
    assertThat(opened).isEmpty();

    c.close();

    assertThat(c.isClosed()).isTrue();
  }

  private static java.util.Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void anUnknownKeyIsAnSqlExceptionNamingIt() {
    assertThatThrownBy(() -> DriverManager.getConnection(fx.url() + ";Colour=blue;pat=x"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("'Colour'")
        .hasMessageNotContaining("pat=x");
  }

  @Test
  void aBadValueNamesItsKeyAndNeverTheToken() {
    assertThatThrownBy(
            () -> DriverManager.getConnection(fx.url() + ";retry-max=lots;pat=s3cret-token"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("retry-max")
        .hasMessageNotContaining("s3cret-token");
  }

  @Test
  void aWrongTokenFailsAtConnect() {
    Properties p = new Properties();
    p.setProperty("password", "not-the-pat");
    assertThatThrownBy(() -> DriverManager.getConnection(fx.url(), p))
        .isInstanceOf(SQLException.class)
        .hasMessageNotContaining("not-the-pat");
  }

  @Test
  void workItemsHasAColumnPerFieldWithSqlTypesAndIdentityCompanions() throws Exception {
    try (Connection c = fx.connect()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> names = new ArrayList<>();
      int priorityType = 0;
      int changedType = 0;
      try (ResultSet rs = md.getColumns(null, "Demo", "WorkItems", null)) {
        while (rs.next()) {
          String n = rs.getString("COLUMN_NAME");
          names.add(n);
          if (n.equals("Priority")) {
            priorityType = rs.getInt("DATA_TYPE");
          }
          if (n.equals("ChangedDate")) {
            changedType = rs.getInt("DATA_TYPE");
          }
        }
      }
      assertThat(names)
          .startsWith("Id")
          .contains(
              "Title", "State", "WorkItemType", "AssignedTo", "AssignedToUniqueName", "Priority");
      assertThat(priorityType).isEqualTo(Types.INTEGER);
      assertThat(changedType).isEqualTo(Types.TIMESTAMP);
    }
  }

  @Test
  void identitiesReadAsDisplayAndUniqueNames() throws Exception {
    try (Connection c = fx.connect()) {
      List<List<String>> r =
          EmulatorFixture.rows(
              c,
              "SELECT AssignedTo, AssignedToUniqueName FROM WorkItems WHERE Id = " + fx.ids.get(0));
      assertThat(r).hasSize(1);
      assertThat(r.get(0).get(0)).isNotBlank().doesNotContain("<");
      assertThat(r.get(0).get(1)).contains("@");
    }
  }

  @Test
  void referenceNamesAreAcceptedAsQuotedIdentifiers() throws Exception {
    try (Connection c = fx.connect()) {
      int id = fx.ids.get(3);
      assertThat(
              EmulatorFixture.rows(
                  c,
                  "SELECT \"System.Title\", \"Microsoft.VSTS.Common.Priority\" FROM WorkItems WHERE"
                      + " \"System.Id\" = "
                      + id))
          .containsExactly(List.of("Item " + id, "4"));
    }
  }

  @Test
  void metadataListsSchemasTablesAndPrimaryKeys() throws Exception {
    try (Connection c = fx.connect()) {
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(schemas).contains("Demo");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "Demo", null, null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables)
          .contains(
              "WorkItems",
              "WorkItemLinks",
              "Comments",
              "Revisions",
              "Projects",
              "Teams",
              "Areas",
              "Iterations",
              "Fields",
              "WorkItemTypes",
              "Processes");
    }
  }

  @Test
  void primaryKeysNameTheKeyColumnsOfEveryTable() throws Exception {
    try (Connection c = fx.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(keys(md, "Demo", "WorkItems")).containsExactly("Id:1:PK_WorkItems");
      // JDBC orders by column name; KEY_SEQ gives the key's order.
      assertThat(keys(md, "Demo", "WorkItemLinks"))
          .containsExactly(
              "LinkType:3:PK_WorkItemLinks",
              "SourceId:1:PK_WorkItemLinks",
              "TargetId:2:PK_WorkItemLinks");
      assertThat(keys(md, "Demo", "Revisions"))
          .containsExactly("Rev:2:PK_Revisions", "WorkItemId:1:PK_Revisions");
      assertThat(keys(md, "Demo", "Fields")).containsExactly("ReferenceName:1:PK_Fields");
      assertThat(keys(md, null, "Teams")).contains("Id:1:PK_Teams");
      assertThat(keys(md, "Demo", "NoSuchTable")).isEmpty();
      try (ResultSet rs = md.getPrimaryKeys(null, "Demo", "Comments")) {
        assertThat(rs.getMetaData().getColumnLabel(5)).isEqualTo("KEY_SEQ");
        assertThat(rs.getMetaData().getColumnType(5)).isEqualTo(Types.SMALLINT);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("Demo");
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("Comments");
        assertThat(rs.getString("TABLE_CAT")).isNull();
        assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 2);
      }
      assertThat(md.getConnection()).isSameAs(c);
    }
  }

  private static List<String> keys(DatabaseMetaData md, String schema, String table)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = md.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        out.add(
            rs.getString("COLUMN_NAME")
                + ":"
                + rs.getInt("KEY_SEQ")
                + ":"
                + rs.getString("PK_NAME"));
      }
    }
    return out;
  }

  @Test
  void everyOtherTableReads() throws Exception {
    try (Connection c = fx.connect()) {
      assertThat(EmulatorFixture.rows(c, "SELECT Name FROM Projects")).contains(List.of("Demo"));
      assertThat(EmulatorFixture.rows(c, "SELECT Name FROM Teams")).isNotEmpty();
      assertThat(EmulatorFixture.rows(c, "SELECT Path FROM Areas")).isNotEmpty();
      assertThat(EmulatorFixture.rows(c, "SELECT Path FROM Iterations")).isNotEmpty();
      assertThat(EmulatorFixture.rows(c, "SELECT Name FROM WorkItemTypes"))
          .contains(List.of("Bug"));
      assertThat(EmulatorFixture.rows(c, "SELECT Name FROM Processes")).isNotEmpty();
      assertThat(
              EmulatorFixture.rows(
                  c, "SELECT Type FROM Fields WHERE ReferenceName = 'System.Title'"))
          .containsExactly(List.of("string"));
      // Every 5th seeded item is the parent of the four after it.
      int parent = fx.ids.get(0);
      assertThat(
              EmulatorFixture.rows(
                  c,
                  "SELECT COUNT(*) FROM WorkItemLinks WHERE SourceId = "
                      + parent
                      + " AND LinkType = 'System.LinkTypes.Hierarchy-Forward'"))
          .containsExactly(List.of("4"));
      int id = fx.ids.get(1);
      assertThat(
              EmulatorFixture.rows(
                  c, "SELECT WorkItemId, Rev FROM Revisions WHERE WorkItemId = " + id))
          .containsExactly(List.of(String.valueOf(id), "1"));
      assertThat(EmulatorFixture.rows(c, "SELECT * FROM Comments WHERE WorkItemId = " + id))
          .isEmpty();
    }
  }
}
