package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.QueryResult;
import dev.azdo.client.WorkItemLink;
import dev.azdo.client.WorkItemQueries;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.reporting.BulkLoad;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-hop link query where one source's links alone pass the 20,000 result cap: a parent of
 * 20,099 children, written straight into the store (the service keeps at most 1,000 links per work
 * item, so only such a store gets there). Its part is split by target id ranges.
 */
class BigSourceLinksIntegrationTest {
  private static final String FORWARD = "System.LinkTypes.Hierarchy-Forward";
  private static final String LINKS =
      "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project";

  private static Emulator emulator;
  private static AzdoClient client;
  private static List<Integer> ids;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    client =
        AzdoClient.create(
            ConnectionConfig.parse(
                    Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                    Map.of())
                .orThrow());
    ids = new ArrayList<>();
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    ids.addAll(BulkLoad.seed(emulator, "Demo", 3, t, 0));
    ids.addAll(BulkLoad.seed(emulator, "Demo", 20_100, t.plusSeconds(10), 20_100));
    ids.addAll(BulkLoad.seed(emulator, "Demo", 3, t.plusSeconds(30_000), 0));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void oneSourcesLinksOverTheCapAreSplitByTargetIdsEachRowOnceInOrder() {
    int parent = ids.get(3);
    QueryResult r =
        new WorkItemQueries(client)
            .run(
                "Demo",
                LINKS
                    + " AND [System.Links.LinkType] = '"
                    + FORWARD
                    + "' AND [Source].[System.Id] = "
                    + parent
                    + " ORDER BY [System.Id] MODE (MayContain)");
    // MayContain: every target range's answer shows the source's row; it comes once.
    List<WorkItemLink> expected = new ArrayList<>(List.of(new WorkItemLink(null, 0, parent)));
    for (int child : ids.subList(4, 4 + 20_099)) {
      expected.add(new WorkItemLink(FORWARD, parent, child));
    }
    assertThat(r.split()).isTrue();
    assertThat(r.queryType()).isEqualTo("oneHop");
    assertThat(r.links()).isEqualTo(expected);
    assertThat(r.ids()).hasSize(1 + 20_099).doesNotHaveDuplicates();
  }

  @Test
  void orderedByAnotherFieldTheyAreRefusedInOneLine() {
    int parent = ids.get(3);
    String wiql =
        LINKS
            + " AND [Source].[System.Id] = "
            + parent
            + " ORDER BY [System.Title] MODE (MayContain)";
    assertThatThrownBy(() -> new WorkItemQueries(client).run("Demo", wiql))
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("the links of work item " + parent + " alone return more than 20,000")
        .hasMessageContaining("order it by [System.Id]")
        .hasMessageNotContaining("\n");
  }
}
