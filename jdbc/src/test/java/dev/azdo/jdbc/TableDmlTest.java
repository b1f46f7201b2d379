package dev.azdo.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * INSERT, UPDATE and DELETE on Teams, Areas, Iterations, Comments and WorkItemLinks through
 * DriverManager against the emulator over HTTP: each goes through the import task's endpoint
 * (create-team, add-comment, ...), and the tests read the rows back through the driver.
 */
class TableDmlTest {
  private static EmulatorFixture fx;
  private static Connection c;

  @BeforeAll
  static void start() throws Exception {
    fx = new EmulatorFixture(4);
    c = fx.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
    fx.close();
  }

  private static List<List<String>> rows(String sql) throws SQLException {
    return EmulatorFixture.rows(c, sql);
  }

  private static int firstId() throws SQLException {
    return Integer.parseInt(rows("SELECT MIN(Id) FROM WorkItems").get(0).get(0));
  }

  @Test
  void teamsAreCreatedUpdatedAndDeleted() throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO Teams (Name, Description) VALUES (?, ?)")) {
      ps.setString(1, "Squad A");
      ps.setString(2, "first");
      ps.addBatch();
      ps.setString(1, "Squad B");
      ps.setString(2, "second");
      ps.addBatch();
      assertThat(ps.executeBatch()).containsExactly(1, 1);
    }
    assertThat(rows("SELECT Name, Description FROM Teams WHERE Name LIKE 'Squad %' ORDER BY Name"))
        .containsExactly(List.of("Squad A", "first"), List.of("Squad B", "second"));
    try (Statement st = c.createStatement()) {
      assertThat(
              st.executeUpdate(
                  "UPDATE Teams SET Name = 'Squad C', Description = 'renamed' WHERE Name = 'Squad"
                      + " B'"))
          .isEqualTo(1);
      assertThat(st.executeUpdate("DELETE FROM Teams WHERE Name = 'Squad A'")).isEqualTo(1);
    }
    assertThat(rows("SELECT Name, Description FROM Teams WHERE Name LIKE 'Squad %'"))
        .containsExactly(List.of("Squad C", "renamed"));
  }

  @Test
  void aRefusedTeamFailsItsEntryAndTheOthersAreCreated() throws Exception {
    try (Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO Teams (Name) VALUES ('Crew 0')");
    }
    // Rows are written concurrently, so the refused one repeats a name that was there before.
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO Teams (Name) VALUES (?)")) {
      for (String n : new String[] {"Crew 1", "Crew 0", "Crew 2"}) {
        ps.setString(1, n);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                assertThat(e.getUpdateCounts()).containsExactly(1, Statement.EXECUTE_FAILED, 1);
                assertThat(e.getMessage())
                    .startsWith("1 of 3 rows not written")
                    // The refusal names the column the team was created by.
                    .contains(
                        "batch entry 2: column \"Name\": the service refused it: create team"
                            + " Crew 0")
                    .contains("already in use");
              });
    }
    assertThat(rows("SELECT Name FROM Teams WHERE Name LIKE 'Crew %' ORDER BY Name"))
        .containsExactly(List.of("Crew 0"), List.of("Crew 1"), List.of("Crew 2"));
  }

  @Test
  void aRefusedInsertOrRenameNamesTheColumnItsValueCameFrom() throws Exception {
    try (Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO Teams (Name) VALUES ('Band 0')");
      assertThatThrownBy(
              () ->
                  st.executeUpdate(
                      "INSERT INTO Teams (Name, Description) VALUES ('Band 1', 'a'), ('Band 0',"
                          + " 'b'), ('Band 2', 'c')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                assertThat(e.getMessage())
                    .startsWith(
                        "1 of 3 rows not written: row 2: column \"Name\": the service"
                            + " refused it: create team Band 0")
                    .contains("already in use");
                assertThat(e.getNextException().getMessage())
                    .startsWith("row 2: column \"Name\": the service refused it: ");
              });
      // The endpoint finds the team by Id and takes the new name as NewName; the service quotes
      // the new name, so the column named is the one the SET gave it.
      assertThatThrownBy(
              () -> st.executeUpdate("UPDATE Teams SET Name = 'Band 0' WHERE Name = 'Band 1'"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e ->
                  assertThat(e.getMessage())
                      .matches("1 of 1 rows not written: team \\S+: column \"Name\": .*")
                      .contains("the service refused it: ")
                      .contains("'Band 0' is already in use"));
    }
    assertThat(rows("SELECT Name FROM Teams WHERE Name LIKE 'Band %' ORDER BY Name"))
        .containsExactly(List.of("Band 0"), List.of("Band 1"), List.of("Band 2"));
  }

  @Test
  void areasAndIterationsAreCreatedAndDeletedByPath() throws Exception {
    try (Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("INSERT INTO Areas (Path) VALUES ('Web'), ('Web/Frontend')"))
          .isEqualTo(2);
      assertThat(
              st.executeUpdate(
                  "INSERT INTO Iterations (Path, StartDate, FinishDate) VALUES ('Sprint 9',"
                      + " TIMESTAMP '2026-01-05 00:00:00', TIMESTAMP '2026-01-16 00:00:00')"))
          .isEqualTo(1);
    }
    assertThat(rows("SELECT Name FROM Areas WHERE Path LIKE '%Web%' ORDER BY Path"))
        .containsExactly(List.of("Web"), List.of("Frontend"));
    assertThat(rows("SELECT StartDate, FinishDate FROM Iterations WHERE Name = 'Sprint 9'"))
        .containsExactly(List.of("2026-01-05 00:00:00.000", "2026-01-16 00:00:00.000"));
    try (Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("DELETE FROM Areas WHERE Name = 'Frontend'")).isEqualTo(1);
      assertThat(st.executeUpdate("DELETE FROM Iterations WHERE Name = 'Sprint 9'")).isEqualTo(1);
    }
    assertThat(rows("SELECT Name FROM Areas WHERE Path LIKE '%Web%'"))
        .containsExactly(List.of("Web"));
    assertThat(rows("SELECT COUNT(*) FROM Iterations WHERE Name = 'Sprint 9'"))
        .containsExactly(List.of("0"));
  }

  @Test
  void aNodeGivenOnlyItsNameIsCreatedAtTheTopAndItsRefusalNamesName() throws Exception {
    try (Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("INSERT INTO Areas (Name) VALUES ('Ops')")).isEqualTo(1);
      assertThat(st.executeUpdate("INSERT INTO Iterations (Name) VALUES ('Sprint 20')"))
          .isEqualTo(1);
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO Areas (Name) VALUES ('Ops')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith("1 of 1 rows not written: row 1: column \"Name\": ")
                      .contains("\"Ops\" already exists"));
      assertThat(st.executeUpdate("INSERT INTO Iterations (Name) VALUES ('Sprint 21')"))
          .isEqualTo(1);
      // A parent that is not there is a fault of the Path.
      assertThatThrownBy(
              () -> st.executeUpdate("INSERT INTO Iterations (Path) VALUES ('Nowhere/Sprint 1')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith("1 of 1 rows not written: row 1: column \"Path\": ")
                      .contains("\"Nowhere\" does not exist"));
      // The same refusal of a row that gave its Path names Path.
      assertThatThrownBy(
              () -> st.executeUpdate("INSERT INTO Iterations (Path) VALUES ('Sprint 20')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith("1 of 1 rows not written: row 1: column \"Path\": ")
                      .contains("\"Sprint 20\" already exists"));
    }
    assertThat(rows("SELECT COUNT(*) FROM Areas WHERE Name = 'Ops' AND HasChildren = FALSE"))
        .containsExactly(List.of("1"));
    assertThat(rows("SELECT Name FROM Iterations WHERE Name LIKE 'Sprint 2_' ORDER BY Name"))
        .containsExactly(List.of("Sprint 20"), List.of("Sprint 21"));
  }

  @Test
  void aNameTheServiceForbidsIsRefusedAloneBeforeItIsSent() throws Exception {
    fx.clearLog();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO Areas (Name) VALUES (?)")) {
      for (String n : new String[] {"Docs", "Guides/Docs", "Infra\\Docs", "Q&A", "Mobile", "AUX"}) {
        ps.setString(1, n);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                assertThat(e.getUpdateCounts())
                    .containsExactly(
                        1,
                        Statement.EXECUTE_FAILED,
                        Statement.EXECUTE_FAILED,
                        Statement.EXECUTE_FAILED,
                        1,
                        Statement.EXECUTE_FAILED);
                assertThat(e.getMessage())
                    .startsWith("4 of 6 rows not written: ")
                    .contains(
                        "batch entry 2: column \"Name\": the area name \"Guides/Docs\" holds \"/\","
                            + " which Azure DevOps does not allow in a node name")
                    .contains("to create a node below another, give its Path")
                    .contains(
                        "batch entry 3: column \"Name\": the area name \"Infra\\Docs\" holds"
                            + " \"\\\"")
                    .contains("batch entry 4: column \"Name\": the area name \"Q&A\" holds \"&\"")
                    .contains(
                        "batch entry 6: column \"Name\": the area name \"AUX\" is a name Azure"
                            + " DevOps reserves");
              });
    }
    // Only the two good rows reached the service, each created at the top.
    assertThat(nodePosts()).isEqualTo(2);
    assertThat(rows("SELECT Name FROM Areas WHERE Name IN ('Docs', 'Mobile', 'Guides', 'Infra')"))
        .containsExactlyInAnyOrder(List.of("Docs"), List.of("Mobile"));
    fx.clearLog();
    try (Statement st = c.createStatement()) {
      assertThatThrownBy(
              () -> st.executeUpdate("INSERT INTO Iterations (Name) VALUES ('Release 2/Sprint')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e ->
                  assertThat(e.getMessage())
                      .isEqualTo(
                          "1 of 1 rows not written: row 1: column \"Name\": the iteration name"
                              + " \"Release 2/Sprint\" holds \"/\", which Azure DevOps does not"
                              + " allow in a node name (none of \\/$?*:\"&><#%|+ nor control"
                              + " characters); to create a node below another, give its Path"));
      // A Path's names are held to the same rule; the separators are its own.
      assertThatThrownBy(
              () -> st.executeUpdate("INSERT INTO Iterations (Path) VALUES ('Sprint 21/Day #1')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e ->
                  assertThat(e.getMessage())
                      .startsWith(
                          "1 of 1 rows not written: row 1: column \"Path\": the iteration name"
                              + " \"Day #1\" holds \"#\""));
    }
    assertThat(nodePosts()).isZero();
  }

  // The create calls the emulator received since its log was cleared.
  private static long nodePosts() throws Exception {
    long n = 0;
    for (var e : fx.requests()) {
      if (e.path("method").asText().equals("POST")
          && e.path("path")
              .asText()
              .toLowerCase(java.util.Locale.ROOT)
              .contains("classificationnodes")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void commentsAndLinksAreAddedAndABadRowNamesItsColumn() throws Exception {
    int a = firstId();
    int b = a + 1;
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO Comments (WorkItemId, Text) VALUES (?, ?)")) {
      ps.setInt(1, a);
      ps.setString(2, "looks good");
      ps.addBatch();
      ps.setInt(1, 999999);
      ps.setString(2, "nobody reads this");
      ps.addBatch();
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                assertThat(e.getUpdateCounts()).containsExactly(1, Statement.EXECUTE_FAILED);
                assertThat(e.getMessage())
                    .contains(
                        "batch entry 2: column \"WorkItemId\": the service refused it: add"
                            + " comment to 999999")
                    .contains("TF401232");
              });
    }
    assertThat(rows("SELECT Text FROM Comments WHERE WorkItemId = " + a))
        .containsExactly(List.of("looks good"));
    try (Statement st = c.createStatement()) {
      assertThat(
              st.executeUpdate(
                  "INSERT INTO WorkItemLinks (SourceId, TargetId, LinkType) VALUES ("
                      + a
                      + ", "
                      + b
                      + ", 'related')"))
          .isEqualTo(1);
    }
    assertThat(
            rows(
                "SELECT SourceId, TargetId, LinkType FROM WorkItemLinks WHERE SourceId = "
                    + a
                    + " ORDER BY TargetId"))
        .contains(List.of(String.valueOf(a), String.valueOf(b), "System.LinkTypes.Related"));
  }

  @Test
  void aRowMissingARequiredColumnNamesIt() throws Exception {
    try (Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO Teams (Description) VALUES ('x')"))
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> assertThat(e.getMessage()).contains("row 1: column \"Name\": "));
    }
  }

  @Test
  void anOperationTheCatalogueLacksIsRefusedBeforeAnyWrite() throws Exception {
    try (Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE Areas SET Name = 'x'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("UPDATE Areas: not offered")
          .hasMessageContaining("DELETE FROM (delete-area)");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM Comments"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("DELETE FROM Comments: not offered");
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO Projects (Name) VALUES ('P')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Projects is read-only");
    }
  }
}
