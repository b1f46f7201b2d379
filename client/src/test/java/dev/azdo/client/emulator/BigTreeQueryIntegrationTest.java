package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.QueryResult;
import dev.azdo.client.WorkItemLink;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WorkItemQueries;
import dev.azdo.client.WriteOptions;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.reporting.BulkLoad;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tree query whose one tree alone passes the 20,000 result cap: an epic over 21 parents of 999
 * children each (21,001 rows), between small trees and single items. The tree is read level by
 * level and comes back as one answer of the emulator would lay it out.
 */
class BigTreeQueryIntegrationTest {
  private static final String FORWARD = "System.LinkTypes.Hierarchy-Forward";
  private static final String TREE =
      "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project"
          + " AND [System.Links.LinkType] = '"
          + FORWARD
          + "'";

  private static Emulator emulator;
  private static AzdoClient client;
  private static final List<Integer> all = new ArrayList<>();
  // Each parent's children in id order.
  private static final Map<Integer, List<Integer>> children = new LinkedHashMap<>();
  private static int epic;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    client =
        AzdoClient.create(
            ConnectionConfig.parse(
                    Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                    Map.of())
                .orThrow());
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    all.addAll(BulkLoad.seed(emulator, "Demo", 5, t, 0));
    epic =
        client
            .createWorkItem(
                "Demo", "Epic", new WorkItemPatch().set("System.Title", "big"), WriteOptions.NONE)
            .id();
    all.add(epic);
    List<Integer> tree = BulkLoad.seed(emulator, "Demo", 21_000, t.plusSeconds(10), 1000);
    all.addAll(tree);
    all.addAll(BulkLoad.seed(emulator, "Demo", 500, t.plusSeconds(30_000), 0));
    WorkItemPatch links = new WorkItemPatch();
    List<Integer> parents = new ArrayList<>();
    for (int i = 0; i < tree.size(); i += 1000) {
      int parent = tree.get(i);
      parents.add(parent);
      children.put(parent, tree.subList(i + 1, i + 1000));
      links.addRelation(FORWARD, emulator.url() + "/_apis/wit/workItems/" + parent, null);
    }
    children.put(epic, parents);
    client.updateWorkItem(epic, links, WriteOptions.NONE);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  // One answer's rule: top-level items in order, each with its tree (children in order, depth
  // first), but those already shown in an earlier tree.
  private static List<WorkItemLink> expected(List<Integer> roots, boolean descending) {
    List<WorkItemLink> out = new ArrayList<>();
    Set<Integer> placed = new HashSet<>();
    for (int root : roots) {
      if (!placed.contains(root)) {
        out.add(new WorkItemLink(null, 0, root));
        placed.add(root);
        descend(root, descending, out, placed);
      }
    }
    return out;
  }

  private static void descend(int id, boolean descending, List<WorkItemLink> out, Set<Integer> p) {
    List<Integer> kids = new ArrayList<>(children.getOrDefault(id, List.of()));
    if (descending) {
      kids.sort(Comparator.reverseOrder());
    }
    for (int kid : kids) {
      out.add(new WorkItemLink(FORWARD, id, kid));
      p.add(kid);
      descend(kid, descending, out, p);
    }
  }

  @Test
  void aTreeOverTheCapAloneIsReadLevelByLevelInIdOrder() {
    QueryResult r =
        new WorkItemQueries(client).run("Demo", TREE + " ORDER BY [System.Id] MODE (Recursive)");
    assertThat(r.split()).isTrue();
    assertThat(r.queryType()).isEqualTo("tree");
    assertThat(r.links()).hasSize(5 + 1 + 21_000 + 500).isEqualTo(expected(all, false));
    assertThat(r.ids()).hasSize(all.size()).doesNotHaveDuplicates();
    assertThat(r.columns()).extracting(c -> c.referenceName()).containsExactly("System.Id");
  }

  @Test
  void aTreeOverTheCapAloneKeepsAKeysetOrder() {
    QueryResult r =
        new WorkItemQueries(client)
            .run("Demo", TREE + " ORDER BY [System.Id] DESC MODE (Recursive)");
    List<Integer> roots = new ArrayList<>(all);
    roots.sort(Comparator.reverseOrder());
    assertThat(r.split()).isTrue();
    // In descending order every leaf comes first as a tree of its own; the parents' and the
    // epic's trees then show them again, as one answer would.
    assertThat(r.links()).isEqualTo(expected(roots, true));
  }

  @Test
  void aTreeOverTheCapWithTargetConditionsIsRefusedInOneLine() {
    String wiql =
        TREE + " AND [Target].[System.State] <> 'Removed' ORDER BY [System.Id] MODE (Recursive)";
    assertThatThrownBy(() -> new WorkItemQueries(client).run("Demo", wiql))
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("the tree of work item " + epic + " alone returns more than 20,000")
        .hasMessageContaining("condition on [Target] fields")
        .hasMessageNotContaining("\n");
  }
}
