package dev.azdo.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSourceTest {
  @TempDir Path dir;

  private static List<SourceRow> readAll(RowSource source) {
    List<SourceRow> rows = new ArrayList<>();
    try (source) {
      SourceRow row;
      while ((row = source.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void streamsAnH2QueryWithIsoDatesAndPlainDecimals() throws SQLException {
    String url = "jdbc:h2:" + dir.resolve("bugs").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      st.execute(
          "create table bugs(bkey varchar(10), title varchar(200), due date, changed timestamp,"
              + " effort decimal(6,2), notes clob)");
      st.execute(
          "insert into bugs values ('B-1','Crash',DATE '2024-03-01',TIMESTAMP '2024-03-01"
              + " 09:30:00',1.50,'line one\nline two'), ('B-2','Slow',null,null,null,null)");
    }
    List<SourceRow> rows =
        readAll(JdbcSource.open(url, "sa", "", "select * from bugs order by bkey", 100));
    assertThat(rows.get(0).schema().columns())
        .containsExactly("BKEY", "TITLE", "DUE", "CHANGED", "EFFORT", "NOTES");
    assertThat(rows.get(0).asMap())
        .containsEntry("DUE", "2024-03-01")
        .containsEntry("CHANGED", "2024-03-01T09:30")
        .containsEntry("EFFORT", "1.50")
        .containsEntry("NOTES", "line one\nline two");
    assertThat(rows.get(1).rowNumber()).isEqualTo(2);
    assertThat(rows.get(1).get("due")).isNull();
  }

  @Test
  void streamsASqliteQueryOfTenThousandRows() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("items.db").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute("create table items(id integer, title text)");
      st.execute(
          "with recursive n(i) as (select 1 union all select i+1 from n where i < 10000)"
              + " insert into items select i, 'Item ' || i from n");
    }
    long count = 0;
    SourceRow last = null;
    try (JdbcSource source =
        JdbcSource.open(
            url, null, null, "select id as Id, title as Title from items order by id", 500)) {
      assertThat(source.schema().columns()).containsExactly("Id", "Title");
      SourceRow row;
      while ((row = source.next()) != null) {
        count++;
        last = row;
      }
    }
    assertThat(count).isEqualTo(10_000);
    assertThat(last.get("Title")).isEqualTo("Item 10000");
    assertThat(last.get("Id")).isEqualTo("10000");
  }

  @Test
  void badQueryIsOneLineNamingTheDatabase() {
    String url = "jdbc:h2:mem:bad";
    assertThatThrownBy(() -> JdbcSource.open(url, "sa", "", "select * from missing_table", 0))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("jdbc:h2:mem:bad: query failed: Table \"MISSING_TABLE\" not found")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aFailedConnectionNeverShowsThePasswordOfTheUrlOrTheOptions() {
    // Nothing listens on port 1: the PostgreSQL driver fails at once.
    String url =
        "jdbc:postgresql://dbuser:UrlSecret1@127.0.0.1:1/db?password=QuerySecret2&ssl=false";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JdbcSource.open(url, "dbuser", "OptionSecret3", "select 1", 10))
        .isInstanceOf(SourceException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .startsWith("jdbc:postgresql://127.0.0.1:1/db: cannot connect")
                    .doesNotContain("UrlSecret1")
                    .doesNotContain("QuerySecret2")
                    .doesNotContain("OptionSecret3"));
    assertThat(JdbcSource.safeName("jdbc:sqlserver://h:1433;user=sa;password=x"))
        .isEqualTo("jdbc:sqlserver://h:1433");
  }
}
