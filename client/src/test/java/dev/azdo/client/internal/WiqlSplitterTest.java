package dev.azdo.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WiqlSplitterTest {

  @Test
  void whereClauseIsWrappedAndOrderReplacedById() {
    assertThat(
            WiqlSplitter.withIdAbove(
                "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' OR"
                    + " [System.Title] CONTAINS 'order by where' ORDER BY [System.Title]",
                500))
        .isEqualTo(
            "SELECT [System.Id] FROM WorkItems WHERE [System.Id] > 500 AND ([System.State] ="
                + " 'Active' OR [System.Title] CONTAINS 'order by where') ORDER BY [System.Id] ASC");
  }

  @Test
  void queryWithoutWhereGetsOneAndAsofIsKept() {
    assertThat(
            WiqlSplitter.withIdAbove(
                "select [System.Id] from workitems asof '2026-01-01T00:00:00Z'", 0))
        .isEqualTo(
            "select [System.Id] from workitems WHERE [System.Id] > 0 ORDER BY [System.Id] ASC"
                + " asof '2026-01-01T00:00:00Z'");
  }

  @Test
  void linkQueriesCannotBeSplit() {
    assertThatThrownBy(
            () -> WiqlSplitter.withIdAbove("SELECT [System.Id] FROM WorkItemLinks WHERE x", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WorkItemLinks");
  }
}
