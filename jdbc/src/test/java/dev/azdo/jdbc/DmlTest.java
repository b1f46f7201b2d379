package dev.azdo.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * INSERT, UPDATE and DELETE on WorkItems through DriverManager against the emulator over HTTP: the
 * writes go through the import task, so the tests count the emulator's {@code $batch} calls and
 * read the items back.
 */
class DmlTest {
  private static EmulatorFixture fx;
  private static Connection c;

  @BeforeAll
  static void start() throws Exception {
    fx = new EmulatorFixture(10);
    c = fx.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
    fx.close();
  }

  @BeforeEach
  void clear() throws Exception {
    fx.clearLog();
  }

  private static List<List<String>> rows(String sql) throws SQLException {
    return EmulatorFixture.rows(c, sql);
  }

  private static long batches() throws Exception {
    return fx.calls("POST", "/$batch");
  }

  @Test
  void executeBatchOfNInsertsSendsOneBatchCallPer200Rows() throws Exception {
    int n = 450;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO WorkItems (WorkItemType, Title, Priority) VALUES ('Task', ?, ?)")) {
      for (int i = 0; i < n; i++) {
        ps.setString(1, "bulk " + i);
        ps.setInt(2, 1 + i % 4);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(n).containsOnly(1);
    }
    assertThat(batches()).isEqualTo((n + 199) / 200);
    assertThat(rows("SELECT COUNT(*) FROM WorkItems WHERE Title LIKE 'bulk %'"))
        .containsExactly(List.of(String.valueOf(n)));
    assertThat(rows("SELECT Priority, WorkItemType FROM WorkItems WHERE Title = 'bulk 6'"))
        .containsExactly(List.of("3", "Task"));
  }

  @Test
  void aRefusedRowFailsItsEntryWithTheReasonAndTheOthersAreWritten() throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO WorkItems (WorkItemType, Title, State) VALUES (?, ?, ?)")) {
      String[][] rows = {
        {"Task", "mixed 1", "New"},
        {"Task", "mixed 2", "Imaginary"},
        {"Task", "mixed 3", "New"},
        {"NoSuchType", "mixed 4", "New"},
        {"Task", "mixed 5", "New"}
      };
      for (String[] r : rows) {
        ps.setString(1, r[0]);
        ps.setString(2, r[1]);
        ps.setString(3, r[2]);
        ps.addBatch();
      }
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                assertThat(e.getUpdateCounts())
                    .containsExactly(1, Statement.EXECUTE_FAILED, 1, Statement.EXECUTE_FAILED, 1);
                assertThat(e.getMessage())
                    .startsWith("2 of 5 rows not written")
                    .contains("batch entry 2: ")
                    .contains("Imaginary")
                    .contains("batch entry 4: ")
                    .contains("NoSuchType");
                assertThat(e.getNextException().getMessage()).startsWith("batch entry 2: ");
              });
    }
    assertThat(rows("SELECT Title FROM WorkItems WHERE Title LIKE 'mixed %' ORDER BY Title"))
        .containsExactly(List.of("mixed 1"), List.of("mixed 3"), List.of("mixed 5"));
  }

  @Test
  void aRowTheServiceRefusesCarriesTheServicesReason() throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO WorkItems (WorkItemType, Title, AreaPath) VALUES (?, ?, ?)")) {
      ps.setString(1, "Task");
      ps.setString(2, "area ok");
      ps.setString(3, "Demo");
      ps.addBatch();
      ps.setString(1, "Task");
      ps.setString(2, "area bad");
      ps.setString(3, "Demo\\No Such Area");
      ps.addBatch();
      assertThatThrownBy(ps::executeBatch)
          .isInstanceOfSatisfying(
              BatchUpdateException.class,
              e -> {
                assertThat(e.getUpdateCounts()).containsExactly(1, Statement.EXECUTE_FAILED);
                assertThat(e.getMessage())
                    .contains("batch entry 2: column \"AreaPath\": ")
                    .contains("TF401347");
              });
    }
    assertThat(batches()).isEqualTo(1);
    assertThat(rows("SELECT Title FROM WorkItems WHERE Title LIKE 'area %'"))
        .containsExactly(List.of("area ok"));
  }

  @Test
  void updateSetsTheValuesOfTheMatchingItemsAndReturnsTheCount() throws Exception {
    try (Statement st = c.createStatement()) {
      assertThat(
              st.executeUpdate(
                  "INSERT INTO WorkItems (WorkItemType, Title, Priority) VALUES ('Bug', 'upd a',"
                      + " 4), ('Bug', 'upd b', 4), ('Task', 'upd c', 4)"))
          .isEqualTo(3);
      fx.clearLog();
      assertThat(
              st.executeUpdate(
                  "UPDATE WorkItems SET Priority = 1, Title = Title || ' (triaged)' WHERE"
                      + " WorkItemType = 'Bug' AND Title LIKE 'upd %'"))
          .isEqualTo(2);
    }
    assertThat(batches()).isEqualTo(1);
    // The scan under the update reads only the ids it needs.
    assertThat(fx.wiql()).hasSize(1);
    assertThat(
            rows("SELECT Title, Priority FROM WorkItems WHERE Title LIKE 'upd %' ORDER BY Title"))
        .containsExactly(
            List.of("upd a (triaged)", "1"),
            List.of("upd b (triaged)", "1"),
            List.of("upd c", "4"));
  }

  @Test
  void updateToNullClearsTheField() throws Exception {
    String person =
        rows("SELECT AssignedToUniqueName FROM WorkItems WHERE AssignedToUniqueName IS NOT NULL")
            .get(0)
            .get(0);
    try (Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO WorkItems (WorkItemType, Title, Priority, AssignedToUniqueName) VALUES"
              + " ('Task', 'nul a', 2, '"
              + person
              + "'), ('Task', 'nul b', 3, '"
              + person
              + "')");
      assertThat(
              st.executeUpdate(
                  "UPDATE WorkItems SET AssignedTo = NULL, Priority = NULL WHERE Title = 'nul a'"))
          .isEqualTo(1);
    }
    assertThat(
            rows(
                "SELECT Title, AssignedToUniqueName, Priority FROM WorkItems WHERE Title LIKE 'nul"
                    + " %' ORDER BY Title"))
        .containsExactly(Arrays.asList("nul a", null, null), List.of("nul b", person, "3"));
  }

  @Test
  void deleteRemovesTheMatchingItems() throws Exception {
    try (Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO WorkItems (WorkItemType, Title) VALUES ('Task', 'del a'), ('Task', 'del b')");
      assertThat(st.executeUpdate("DELETE FROM WorkItems WHERE Title = 'del a'")).isEqualTo(1);
    }
    assertThat(rows("SELECT Title FROM WorkItems WHERE Title LIKE 'del %'"))
        .containsExactly(List.of("del b"));
  }

  @Test
  void insertCannotNameTheIdAndAnUnknownColumnIsNamed() {
    assertThatThrownBy(
            () -> rows0("INSERT INTO WorkItems (Id, WorkItemType, Title) VALUES (5, 'Task', 'x')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Id");
    assertThatThrownBy(
            () -> rows0("INSERT INTO WorkItems (WorkItemType, Colour) VALUES ('Task', 'blue')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Colour");
  }

  private static int rows0(String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  @Test
  void theConnectionSaysItHasNoTransactions() throws Exception {
    assertThat(c.getAutoCommit()).isTrue();
    assertThat(c.getMetaData().supportsTransactions()).isFalse();
    assertThatThrownBy(() -> c.setAutoCommit(false))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no transactions");
    assertThatThrownBy(c::commit).isInstanceOf(SQLException.class);
  }

  @Test
  void validateOnlyChecksRowsAndSavesNothing() throws Exception {
    Properties p = new Properties();
    p.setProperty("password", EmulatorFixture.PAT);
    try (Connection v = DriverManager.getConnection(fx.url() + ";validateOnly=true", p);
        Statement st = v.createStatement()) {
      assertThat(
              st.executeUpdate(
                  "INSERT INTO WorkItems (WorkItemType, Title) VALUES ('Task', 'validated')"))
          .isEqualTo(1);
      assertThatThrownBy(
              () ->
                  st.executeUpdate(
                      "INSERT INTO WorkItems (WorkItemType, Title, State) VALUES ('Task', 'v2',"
                          + " 'Imaginary')"))
          .isInstanceOf(BatchUpdateException.class)
          .hasMessageContaining("Imaginary");
    }
    assertThat(rows("SELECT COUNT(*) FROM WorkItems WHERE Title IN ('validated', 'v2')"))
        .containsExactly(List.of("0"));
  }

  @Test
  void bypassRulesLetsAnInsertSetTheCreatedDate() throws Exception {
    String insert =
        "INSERT INTO WorkItems (WorkItemType, Title, CreatedDate) VALUES ('Task', 'old one',"
            + " TIMESTAMP '2020-03-04 05:06:07')";
    assertThatThrownBy(() -> rows0(insert))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("bypass");
    Properties p = new Properties();
    p.setProperty("password", EmulatorFixture.PAT);
    try (Connection b =
            DriverManager.getConnection(
                fx.url() + ";bypassRules=true;suppressNotifications=true", p);
        Statement st = b.createStatement()) {
      assertThat(st.executeUpdate(insert)).isEqualTo(1);
    }
    assertThat(rows("SELECT CreatedDate FROM WorkItems WHERE Title = 'old one'"))
        .containsExactly(List.of("2020-03-04 05:06:07.000"));
  }
}
