package dev.azdo.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters, projections, ORDER BY and LIMIT pushed into WIQL: each test asserts the WIQL the
 * emulator received and that the rows are the ones SQL means. The seeded item at index i is of type
 * Task/Bug/User Story and state New/Active/Closed by i % 3, priority 1 + i % 4, changed at
 * 2024-01-01T00:00:00Z + i seconds; Tasks have no Value Area.
 */
class PushdownTest {
  private static final int COUNT = 450;
  private static final String BASE =
      "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project";
  private static EmulatorFixture fx;
  private static Connection c;

  @BeforeAll
  static void start() throws Exception {
    fx = new EmulatorFixture(COUNT);
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

  private static List<String> ids(IntPredicate indexMatches) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      if (indexMatches.test(i)) {
        out.add(String.valueOf(fx.ids.get(i)));
      }
    }
    return out;
  }

  private static List<String> column(String sql) throws Exception {
    return EmulatorFixture.rows(c, sql).stream().map(r -> r.get(0)).toList();
  }

  private static String explain(String sql) throws Exception {
    StringBuilder b = new StringBuilder();
    for (List<String> r : EmulatorFixture.rows(c, "EXPLAIN PLAN FOR " + sql)) {
      b.append(r.get(0));
    }
    return b.toString();
  }

  @Test
  void textEqualityIsPushedAndReadsOnlyTheMatches() throws Exception {
    List<String> got = column("SELECT Id, Title FROM WorkItems WHERE State = 'Active' ORDER BY Id");
    assertThat(got).isEqualTo(ids(i -> i % 3 == 1));
    assertThat(fx.wiql())
        .containsExactly(BASE + " AND [System.State] = 'Active' ORDER BY [System.Id]");
    // 150 matches: one workitemsbatch call of at most 200 ids, not three for all 450.
    assertThat(fx.calls("POST", "/workitemsbatch")).isEqualTo(1);
  }

  @Test
  void textComparesWithCaseAsSqlDoesAfterWiqlNarrowedIt() throws Exception {
    assertThat(column("SELECT Id FROM WorkItems WHERE State = 'active'")).isEmpty();
    assertThat(fx.wiql())
        .containsExactly(BASE + " AND [System.State] = 'active' ORDER BY [System.Id]");
  }

  @Test
  void numberComparisonsAndInListsArePushed() throws Exception {
    assertThat(column("SELECT Id FROM WorkItems WHERE Priority >= 3 ORDER BY Id"))
        .isEqualTo(ids(i -> 1 + i % 4 >= 3));
    assertThat(column("SELECT Id FROM WorkItems WHERE Priority IN (1, 2) ORDER BY Id"))
        .isEqualTo(ids(i -> 1 + i % 4 <= 2));
    assertThat(column("SELECT Id FROM WorkItems WHERE Priority NOT IN (1, 2) ORDER BY Id"))
        .isEqualTo(ids(i -> 1 + i % 4 > 2));
    assertThat(fx.wiql())
        .containsExactly(
            BASE + " AND [Microsoft.VSTS.Common.Priority] >= 3 ORDER BY [System.Id]",
            BASE
                + " AND ([Microsoft.VSTS.Common.Priority] = 1 OR [Microsoft.VSTS.Common.Priority]"
                + " = 2) ORDER BY [System.Id]",
            BASE
                + " AND [Microsoft.VSTS.Common.Priority] <> 1 AND [Microsoft.VSTS.Common.Priority]"
                + " <> 2 ORDER BY [System.Id]");
  }

  @Test
  void idAndDateRangesArePushed() throws Exception {
    int lo = fx.ids.get(10);
    int hi = fx.ids.get(20);
    assertThat(column("SELECT Id FROM WorkItems WHERE Id BETWEEN " + lo + " AND " + hi))
        .isEqualTo(ids(i -> i >= 10 && i <= 20));
    assertThat(
            column(
                "SELECT Id FROM WorkItems WHERE ChangedDate >= TIMESTAMP '2024-01-01 00:05:00'"
                    + " AND ChangedDate < TIMESTAMP '2024-01-01 00:05:10' ORDER BY Id"))
        .isEqualTo(ids(i -> i >= 300 && i < 310));
    assertThat(fx.wiql())
        .containsExactly(
            BASE
                + " AND [System.Id] >= "
                + lo
                + " AND [System.Id] <= "
                + hi
                + " ORDER BY [System.Id]",
            BASE
                + " AND [System.ChangedDate] >= '2024-01-01T00:05:00.000Z' AND [System.ChangedDate]"
                + " < '2024-01-01T00:05:10.000Z' ORDER BY [System.Id]");
  }

  @Test
  void likeBecomesContainsOrAnExactMatch() throws Exception {
    int id = fx.ids.get(6);
    assertThat(column("SELECT Id FROM WorkItems WHERE Title LIKE 'Item " + id + "'"))
        .containsExactly(String.valueOf(id));
    assertThat(column("SELECT Title FROM WorkItems WHERE Title LIKE '%m 44_' ORDER BY Title"))
        .containsExactly(
            "Item 440",
            "Item 441",
            "Item 442",
            "Item 443",
            "Item 444",
            "Item 445",
            "Item 446",
            "Item 447",
            "Item 448",
            "Item 449");
    assertThat(fx.wiql())
        .containsExactly(
            BASE + " AND [System.Title] = 'Item " + id + "' ORDER BY [System.Id]",
            BASE + " AND [System.Title] CONTAINS 'm 44' ORDER BY [System.Id]");
  }

  @Test
  void nullTestsBecomeIsEmpty() throws Exception {
    assertThat(column("SELECT Id FROM WorkItems WHERE ValueArea IS NULL ORDER BY Id"))
        .isEqualTo(ids(i -> i % 3 == 0));
    assertThat(column("SELECT COUNT(*) FROM WorkItems WHERE Priority IS NOT NULL"))
        .containsExactly(String.valueOf(COUNT));
    assertThat(fx.wiql())
        .containsExactly(
            BASE + " AND [Microsoft.VSTS.Common.ValueArea] IS EMPTY ORDER BY [System.Id]",
            BASE + " AND [Microsoft.VSTS.Common.Priority] IS NOT EMPTY ORDER BY [System.Id]");
  }

  @Test
  void andOrAndNotArePushedTogether() throws Exception {
    int from = fx.ids.get(100);
    assertThat(
            column(
                "SELECT Id FROM WorkItems WHERE (WorkItemType = 'Bug' OR Priority = 1) AND Id >= "
                    + from
                    + " AND NOT (Priority = 4) ORDER BY Id"))
        .isEqualTo(ids(i -> (i % 3 == 1 || i % 4 == 0) && i >= 100 && i % 4 != 3));
    assertThat(fx.wiql()).hasSize(1);
    assertThat(fx.wiql().get(0))
        .contains("([System.WorkItemType] = 'Bug' OR [Microsoft.VSTS.Common.Priority] = 1)")
        .contains("[System.Id] >= " + from)
        .contains("[Microsoft.VSTS.Common.Priority] <> 4");
  }

  @Test
  void whatWiqlCannotSayIsLeftToCalcite() throws Exception {
    int id = fx.ids.get(3);
    assertThat(column("SELECT Id FROM WorkItems WHERE UPPER(Title) = 'ITEM " + id + "'"))
        .containsExactly(String.valueOf(id));
    assertThat(fx.wiql()).containsExactly(BASE + " ORDER BY [System.Id]");
  }

  @Test
  void orderByIdWithLimitGoesIntoWiqlWithTop() throws Exception {
    String sql = "SELECT Id, Title FROM WorkItems ORDER BY Id DESC LIMIT 3";
    List<String> last = new ArrayList<>(ids(i -> i >= COUNT - 3));
    java.util.Collections.reverse(last);
    assertThat(column(sql)).isEqualTo(last);
    assertThat(fx.wiql()).containsExactly(BASE + " ORDER BY [System.Id] DESC");
    // $top=3: the service answers three ids, read in one call (without it: 450 ids, 3 calls).
    assertThat(fx.calls("POST", "/workitemsbatch")).isEqualTo(1);
    assertThat(explain(sql)).contains("top=[3]").contains("ORDER BY [System.Id] DESC");
  }

  @Test
  void orderByAndLimitOverAResidualFilterStayCorrect() throws Exception {
    // The text filter is rechecked by Calcite, so the limit must not reach WIQL as $top.
    String sql =
        "SELECT Id FROM WorkItems WHERE State = 'Active' ORDER BY ChangedDate DESC LIMIT 2";
    List<String> active = ids(i -> i % 3 == 1);
    assertThat(column(sql))
        .containsExactly(active.get(active.size() - 1), active.get(active.size() - 2));
    assertThat(explain(sql)).doesNotContain("top=");
    String underLimit =
        "SELECT Id FROM WorkItems WHERE UPPER(State) = 'ACTIVE' ORDER BY Id LIMIT 2";
    assertThat(column(underLimit)).containsExactly(active.get(0), active.get(1));
  }

  @Test
  void explainShowsTheWiqlAndTheColumnsRead() throws Exception {
    String plan = explain("SELECT Title FROM WorkItems WHERE Priority = 2");
    assertThat(plan)
        .contains(
            "wiql=[" + BASE + " AND [Microsoft.VSTS.Common.Priority] = 2 ORDER BY [System.Id]]")
        .contains("columns=[[Title]]");
  }

  @Test
  void countsOfPushedFiltersCountWhatWiqlFound() throws Exception {
    assertThat(column("SELECT COUNT(*) FROM WorkItems WHERE Priority = 2"))
        .containsExactly(String.valueOf(ids(i -> i % 4 == 1).size()));
    assertThat(fx.wiql())
        .containsExactly(BASE + " AND [Microsoft.VSTS.Common.Priority] = 2 ORDER BY [System.Id]");
  }
}
