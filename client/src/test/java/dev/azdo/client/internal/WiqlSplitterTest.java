package dev.azdo.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

  @Test
  void orderByKeysAndAsofAreParsedOutsideQuotes() {
    WiqlSplitter.Parts p =
        WiqlSplitter.parse(
            "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'a, order by b' ORDER BY"
                + " [System.ChangedDate] DESC, [System.Title] ASOF '2026-01-01T00:00:00Z'");
    assertThat(p.orderBy())
        .containsExactly(
            new WiqlSplitter.SortKey("System.ChangedDate", true),
            new WiqlSplitter.SortKey("System.Title", false));
    assertThat(p.where()).isEqualTo("[System.Title] = 'a, order by b'");
    assertThat(p.asOf()).isEqualTo("ASOF '2026-01-01T00:00:00Z'");
    assertThat(p.orderedById()).isFalse();
  }

  @Test
  void aKeysetPageStartsAfterTheCursorInTheQuerysOrder() {
    WiqlSplitter.Parts p =
        WiqlSplitter.parse(
            "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New' ORDER BY"
                + " [System.ChangedDate] DESC");
    assertThat(
            WiqlSplitter.keysetPage(
                p,
                p.orderBy(),
                List.of("'2026-01-01T00:00:00.000Z'"),
                42,
                false,
                "'2026-02-01T00:00:00Z'"))
        .isEqualTo(
            "SELECT [System.Id] FROM WorkItems WHERE (([System.ChangedDate] <"
                + " '2026-01-01T00:00:00.000Z') OR ([System.ChangedDate] ="
                + " '2026-01-01T00:00:00.000Z' AND [System.Id] > 42)) AND ([System.State] ="
                + " 'New') ORDER BY [System.ChangedDate] DESC, [System.Id] ASC ASOF"
                + " '2026-02-01T00:00:00Z'");
  }

  @Test
  void aConditionIsAddedAndTheOrderKept() {
    assertThat(
            WiqlSplitter.withCondition(
                "SELECT [System.Title] FROM WorkItems WHERE [System.State] = 'New' ORDER BY"
                    + " [System.Title] DESC",
                "[System.ChangedDate] > '2026-01-01T00:00:00Z'",
                null))
        .isEqualTo(
            "SELECT [System.Title] FROM WorkItems WHERE ([System.State] = 'New') AND"
                + " [System.ChangedDate] > '2026-01-01T00:00:00Z' ORDER BY [System.Title] DESC");
  }

  @Test
  void quotesInLiteralsAreDoubled() {
    assertThat(WiqlSplitter.literal("it's")).isEqualTo("'it''s'");
  }

  @Test
  void aLinkQueryPageKeepsItsOrderAndModeAndReadsAtOneMoment() {
    assertThat(
            WiqlSplitter.linkSourceRange(
                "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.State] = 'New'"
                    + " ORDER BY [System.Id] MODE (MayContain)",
                1,
                20001,
                "'2026-01-01T00:00:00Z'"))
        .isEqualTo(
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] >= 1 AND"
                + " [Source].[System.Id] < 20001 AND ([Source].[System.State] = 'New') ORDER BY"
                + " [System.Id] ASOF '2026-01-01T00:00:00Z' MODE (MayContain)");
    assertThat(
            WiqlSplitter.linkSourceRange(
                "SELECT [System.Id] FROM WorkItemLinks MODE (MustContain)", 5, 9, null))
        .isEqualTo(
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] >= 5 AND"
                + " [Source].[System.Id] < 9 MODE (MustContain)");
    assertThat(WiqlSplitter.recursive("SELECT [System.Id] FROM WorkItemLinks MODE (Recursive)"))
        .isTrue();
    assertThat(WiqlSplitter.recursive("SELECT [System.Id] FROM WorkItemLinks MODE (MayContain)"))
        .isFalse();
  }

  @Test
  void aLinkKeysetPageStartsAfterTheLastTopLevelItemAndKeepsAsofBeforeMode() {
    String wiql =
        "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.State] = 'New' ORDER BY"
            + " [Source].[System.Title] DESC MODE (Recursive)";
    WiqlSplitter.Parts p = WiqlSplitter.parse(wiql);
    assertThat(p.orderBy()).containsExactly(new WiqlSplitter.SortKey("System.Title", true));
    assertThat(WiqlSplitter.linkKeysetPage(wiql, p.orderBy(), null, 0, false, "'2026-02-01'"))
        .isEqualTo(
            "SELECT [System.Id] FROM WorkItemLinks WHERE ([Source].[System.State] = 'New') ORDER"
                + " BY [System.Title] DESC, [System.Id] ASC ASOF '2026-02-01' MODE (Recursive)");
    assertThat(
            WiqlSplitter.linkKeysetPage(
                wiql, p.orderBy(), List.of("'Item 7'"), 7, false, "'2026-02-01'"))
        .isEqualTo(
            "SELECT [System.Id] FROM WorkItemLinks WHERE (([Source].[System.Title] < 'Item 7') OR"
                + " ([Source].[System.Title] = 'Item 7' AND [Source].[System.Id] > 7)) AND"
                + " ([Source].[System.State] = 'New') ORDER BY [System.Title] DESC, [System.Id]"
                + " ASC ASOF '2026-02-01' MODE (Recursive)");
  }

  @Test
  void aTreeLevelFollowsTheQuerysLinkTypeFromItsItemsInItsOrder() {
    String wiql =
        "SELECT [System.Id], [System.Title] FROM WorkItemLinks WHERE ([Source].[System.State] ="
            + " 'Target.x AND y' AND [Source].[System.TeamProject] = @project) AND"
            + " ([System.Links.LinkType] = 'Custom.Tree-Forward') ORDER BY [System.Title] DESC,"
            + " [System.Id] MODE (Recursive)";
    assertThat(WiqlSplitter.treeLinkType(wiql)).isEqualTo("Custom.Tree-Forward");
    assertThat(WiqlSplitter.treeLevel(wiql, "Custom.Tree-Forward", List.of(7, 9), "'2024-01-02'"))
        .isEqualTo(
            "SELECT [System.Id], [System.Title] FROM WorkItemLinks WHERE [Source].[System.Id] IN"
                + " (7, 9) AND [System.Links.LinkType] = 'Custom.Tree-Forward' ORDER BY"
                + " [System.Title] DESC, [System.Id] ASOF '2024-01-02' MODE (MustContain)");
    assertThat(
            WiqlSplitter.treeLinkType(
                "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] > 0"
                    + " MODE (Recursive)"))
        .isEqualTo("System.LinkTypes.Hierarchy-Forward");
  }

  @Test
  void aTreeWithTargetConditionsOrAnOpenLinkTypeCannotBeReadByLevels() {
    assertThatThrownBy(
            () ->
                WiqlSplitter.treeLinkType(
                    "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] > 0 AND"
                        + " ([Target].[System.State] <> 'Closed' OR [Source].[System.Id] = 1)"
                        + " MODE (Recursive)"))
        .hasMessageContaining("condition on [Target] fields");
    assertThatThrownBy(
            () ->
                WiqlSplitter.treeLinkType(
                    "SELECT [System.Id] FROM WorkItemLinks WHERE [System.Links.LinkType] IN"
                        + " ('System.LinkTypes.Hierarchy-Forward') MODE (Recursive)"))
        .hasMessageContaining("link type condition is not one");
  }
}
