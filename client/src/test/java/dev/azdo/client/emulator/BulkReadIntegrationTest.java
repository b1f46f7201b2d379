package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.QueryResult;
import dev.azdo.client.ReportingRevisions;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemFetcher;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Query splitting past 20,000 results (flat, one-hop and tree link queries), parallel fetching and
 * the reporting API on 25,000 items; the tests that change items run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkReadIntegrationTest {
  private static final int COUNT = 25_000;
  private static final String ALL =
      "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] = @project";

  private static Emulator emulator;
  private static AzdoClient client;
  private static List<Integer> ids;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    ids = BulkLoad.seed(emulator, "Demo", COUNT, Instant.parse("2024-01-01T00:00:00Z"), 0);
    client = AzdoClient.create(settings());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static ConnectionSettings settings() {
    return ConnectionConfig.parse(
            Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"), Map.of())
        .orThrow();
  }

  @Test
  @Order(1)
  void aQueryOver25000ItemsReturnsEveryItemOnceInIdOrder() {
    QueryResult r = new WorkItemQueries(client).run("Demo", ALL + " ORDER BY [System.Id]");
    assertThat(r.split()).isTrue();
    assertThat(r.ids()).hasSize(COUNT).doesNotHaveDuplicates().isSorted();
    assertThat(r.ids().get(0)).isEqualTo(ids.get(0));
    assertThat(r.columns().get(1).referenceName()).isEqualTo("System.Title");
    assertThat(r.calls()).isEqualTo(3); // the refused query, then two pages
  }

  @Test
  @Order(1)
  void aSplitQueryKeepsItsOrderByChangedDateDescending() {
    QueryResult r =
        new WorkItemQueries(client).run("Demo", ALL + " ORDER BY [System.ChangedDate] DESC");
    List<Integer> expected = new ArrayList<>(ids);
    expected.sort(Comparator.reverseOrder());
    assertThat(r.ids()).isEqualTo(expected);
  }

  @Test
  @Order(1)
  void aSplitQueryKeepsAnOrderByTitle() {
    QueryResult r = new WorkItemQueries(client).run("Demo", ALL + " ORDER BY [System.Title]");
    assertThat(r.ids()).hasSize(COUNT).doesNotHaveDuplicates();
    List<String> titles = r.ids().stream().map(id -> "Item " + id).toList();
    assertThat(titles).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
  }

  @Test
  @Order(2)
  void anItemChangedBetweenPagesComesBackOnce() {
    int moved = ids.get(10);
    AtomicInteger wiqlCalls = new AtomicInteger();
    AzdoClient writer = AzdoClient.create(settings());
    AzdoClient reader =
        AzdoClient.builder(settings())
            .addInterceptor(
                chain -> {
                  var response = chain.proceed(chain.request());
                  if (chain.request().uri().getPath().endsWith("/wiql")
                      && wiqlCalls.incrementAndGet() == 2) {
                    // After the first page: the item moves to the end of a ChangedDate order.
                    writer.updateWorkItem(
                        moved, new WorkItemPatch().set("System.Title", "moved"), WriteOptions.NONE);
                  }
                  return response;
                })
            .build();
    QueryResult r = new WorkItemQueries(reader).run("Demo", ALL + " ORDER BY [System.ChangedDate]");
    assertThat(r.ids()).hasSize(COUNT).doesNotHaveDuplicates().contains(moved);
  }

  @Test
  @Order(4)
  void aOneHopLinkQueryOverTheCapReturnsEverySourceAndLinkOnce() {
    int parent = ids.get(5);
    int child = ids.get(COUNT - 3);
    client.updateWorkItem(
        child,
        new WorkItemPatch()
            .addRelation(
                "System.LinkTypes.Hierarchy-Reverse",
                emulator.url() + "/_apis/wit/workItems/" + parent,
                null),
        WriteOptions.NONE);
    String wiql =
        "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project"
            + " ORDER BY [System.Id] MODE (MayContain)";
    QueryResult r = new WorkItemQueries(client).run("Demo", wiql);
    assertThat(r.split()).isTrue();
    assertThat(r.queryType()).isEqualTo("oneHop");
    List<WorkItemLink> tops = r.links().stream().filter(l -> l.sourceId() == 0).toList();
    assertThat(tops).extracting(WorkItemLink::targetId).containsExactlyElementsOf(ids);
    assertThat(r.links().stream().filter(l -> l.sourceId() != 0))
        .containsExactly(
            new WorkItemLink("System.LinkTypes.Hierarchy-Forward", parent, child),
            new WorkItemLink("System.LinkTypes.Hierarchy-Reverse", child, parent));
    assertThat(r.links()).hasSize(COUNT + 2).doesNotHaveDuplicates();
    assertThat(r.ids()).hasSize(COUNT).doesNotHaveDuplicates();
    // The refused query, the highest id, then source ranges of at most 20,000 ids.
    assertThat(r.calls()).isBetween(4, 6);
  }

  @Test
  @Order(5)
  void aTreeQueryOverTheCapReturnsEveryTreeOnceAcrossSourceRanges() {
    // After the one-hop test: ids[5] is the parent of ids[COUNT - 3]; that child gets a child of
    // its own, so the tree of ids[5] reaches into the last source range, where the answer shows
    // both again as top-level items.
    int parent = ids.get(5);
    int child = ids.get(COUNT - 3);
    int grandchild = ids.get(COUNT - 2);
    client.updateWorkItem(
        grandchild,
        new WorkItemPatch()
            .addRelation(
                "System.LinkTypes.Hierarchy-Reverse",
                emulator.url() + "/_apis/wit/workItems/" + child,
                null),
        WriteOptions.NONE);
    String wiql =
        "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project"
            + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward'"
            + " ORDER BY [System.Id] MODE (Recursive)";
    QueryResult r = new WorkItemQueries(client).run("Demo", wiql);
    String forward = "System.LinkTypes.Hierarchy-Forward";
    List<WorkItemLink> expected = new ArrayList<>();
    for (int id : ids) {
      if (id != child && id != grandchild) {
        expected.add(new WorkItemLink(null, 0, id));
      }
      if (id == parent) {
        expected.add(new WorkItemLink(forward, parent, child));
        expected.add(new WorkItemLink(forward, child, grandchild));
      }
    }
    assertThat(r.split()).isTrue();
    assertThat(r.queryType()).isEqualTo("tree");
    assertThat(r.links()).hasSize(COUNT).isEqualTo(expected);
    assertThat(r.ids()).hasSize(COUNT).doesNotHaveDuplicates();
    // The refused query, the highest id, then source ranges (one halved: the first range's trees
    // pass the cap by the two items of ids[5]'s tree beyond it).
    assertThat(r.calls()).isBetween(4, 7);
  }

  @Test
  @Order(6)
  void splitLinkQueriesFollowTheirOrderByAcrossPages() {
    // After the tree test: ids[5] -> ids[COUNT - 3] -> ids[COUNT - 2] (parent to child); the flat
    // query, paged by its own keyset, gives the order of the top-level items.
    int parent = ids.get(5);
    int child = ids.get(COUNT - 3);
    int grandchild = ids.get(COUNT - 2);
    String project = " FROM WorkItems WHERE [System.TeamProject] = @project";
    WorkItemQueries queries = new WorkItemQueries(client);
    List<Integer> byTitle =
        queries.run("Demo", "SELECT [System.Id]" + project + " ORDER BY [System.Title]").ids();
    QueryResult oneHop =
        queries.run(
            "Demo",
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project"
                + " ORDER BY [System.Title] MODE (MayContain)");
    assertThat(oneHop.split()).isTrue();
    assertThat(tops(oneHop)).isEqualTo(byTitle);
    // Items whose title was not changed are "Item <id>": their order is the titles' own.
    List<Integer> unchanged =
        tops(oneHop).stream()
            .filter(id -> id != ids.get(10) && (id < ids.get(100) || id > ids.get(102)))
            .toList();
    assertThat(unchanged.stream().map(id -> "item " + id).toList()).isSorted();
    assertThat(oneHop.links()).hasSize(COUNT + 4).doesNotHaveDuplicates();
    int source = 0;
    for (WorkItemLink l : oneHop.links()) {
      if (l.sourceId() == 0) {
        source = l.targetId();
      } else {
        assertThat(l.sourceId()).as("a link follows its source").isEqualTo(source);
      }
    }

    List<Integer> byChangedDesc =
        queries
            .run("Demo", "SELECT [System.Id]" + project + " ORDER BY [System.ChangedDate] DESC")
            .ids();
    QueryResult tree =
        queries.run(
            "Demo",
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project"
                + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward'"
                + " ORDER BY [System.ChangedDate] DESC MODE (Recursive)");
    // One answer's rule: top-level items in the query's order, each with its tree, but those
    // already shown in an earlier tree.
    Map<Integer, Integer> childOf = Map.of(parent, child, child, grandchild);
    List<WorkItemLink> expected = new ArrayList<>();
    Set<Integer> placed = new HashSet<>();
    for (int id : byChangedDesc) {
      if (!placed.add(id)) {
        continue;
      }
      expected.add(new WorkItemLink(null, 0, id));
      for (Integer c = childOf.get(id), p = id; c != null; p = c, c = childOf.get(c)) {
        expected.add(new WorkItemLink("System.LinkTypes.Hierarchy-Forward", p, c));
        placed.add(c);
      }
    }
    assertThat(tree.split()).isTrue();
    assertThat(tree.links()).isEqualTo(expected);
    // Items never changed were created a second apart in id order: newest first is highest id.
    List<Integer> seededDates =
        tops(tree).stream()
            .filter(id -> id > ids.get(102) && id < ids.get(COUNT - 3) && id != parent)
            .toList();
    assertThat(seededDates).hasSize(COUNT - 103 - 3).isSortedAccordingTo(Comparator.reverseOrder());
  }

  private static List<Integer> tops(QueryResult r) {
    return r.links().stream().filter(l -> l.sourceId() == 0).map(WorkItemLink::targetId).toList();
  }

  @Test
  @Order(1)
  void fetchingStreamsEveryItemInTheIdsOrderWithFourCallsInFlight() {
    List<Integer> wanted = new ArrayList<>(ids);
    wanted.sort(Comparator.reverseOrder());
    Iterator<WorkItem> it =
        WorkItemFetcher.builder(client)
            .project("Demo")
            .fields(List.of("System.Title"))
            .concurrency(4)
            .build()
            .items(wanted);
    int n = 0;
    while (it.hasNext()) {
      WorkItem w = it.next();
      assertThat(w.id()).isEqualTo(wanted.get(n++));
      assertThat(w.field("System.Title").asText()).isEqualTo("Item " + w.id());
    }
    assertThat(n).isEqualTo(COUNT);
  }

  @Test
  @Order(3)
  void theReportingApiPagesEveryRevisionAndItsTokenReadsOnlyLaterChanges() {
    ReportingRevisions reporting = new ReportingRevisions(client);
    ReportingRevisions.Filter filter =
        new ReportingRevisions.Filter(List.of("System.Title"), List.of(), true, false, 0, null);
    int seen = 0;
    String token = null;
    ReportingRevisions.Batch b;
    do {
      b = reporting.read("Demo", filter, token);
      seen += b.values().size();
      token = b.continuationToken();
    } while (!b.isLastBatch());
    assertThat(seen).isGreaterThanOrEqualTo(COUNT);
    for (int i = 0; i < 3; i++) {
      client.updateWorkItem(
          ids.get(100 + i), new WorkItemPatch().set("System.Title", "again"), WriteOptions.NONE);
    }
    b = reporting.read("Demo", filter, token);
    assertThat(b.values())
        .extracting(WorkItem::id)
        .containsExactly(ids.get(100), ids.get(101), ids.get(102));
    assertThat(b.isLastBatch()).isTrue();
  }
}
