package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.wit.WitTables;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One emulator for a WIQL test class, with areas Web, Web/Auth, Data and work items 9001-9008 (one
 * deleted, one in project Other, 9002 with two revisions) written into the store, plus the query
 * helpers.
 */
final class WiqlDemoSession implements AutoCloseable {
  static final String HF = "System.LinkTypes.Hierarchy-Forward";
  static final String HR = "System.LinkTypes.Hierarchy-Reverse";
  final Emulator emulator;
  final Http http;

  private WiqlDemoSession(Emulator emulator) {
    this.emulator = emulator;
    this.http = new Http(emulator);
  }

  /** Starts the default emulator and writes the demo work items straight into its store. */
  static WiqlDemoSession start() {
    WiqlDemoSession session = new WiqlDemoSession(Emulator.startDefault());
    session.seed();
    return session;
  }

  private void seed() {
    // Area paths are checked against the project's classification nodes (TF51011).
    for (String[] node : new String[][] {{"", "Web"}, {"/Web", "Auth"}, {"", "Data"}}) {
      Http.Res created =
          http.post(
              "Demo/_apis/wit/classificationnodes/Areas" + node[0] + "?api-version=7.1",
              Map.of("name", node[1]));
      assertThat(created.status()).as(created.body()).isBetween(200, 201);
    }
    String now = Json.date(Instant.now().minus(1, ChronoUnit.MINUTES));
    Table<WorkItem> items = emulator.context().store().table(WitTables.WORK_ITEMS);
    Table<WorkItem> revisions = emulator.context().store().table(WitTables.REVISIONS);
    List<WorkItem> all = new ArrayList<>();
    all.add(
        item(
            9001,
            2,
            "Demo",
            "Epic",
            "Platform",
            "New",
            1,
            "Alice Admin <alice@example.com>",
            "2024-01-10T08:00:00.000Z",
            "Demo\\Web",
            "ui; backend",
            "<p>The quick brown fox</p>",
            List.of(link(HF, 9002), link(HF, 9003))));
    all.add(
        item(
            9002,
            2,
            "Demo",
            "Feature",
            "Login page",
            "Active",
            2,
            "Bob Builder <bob@example.com>",
            "2024-01-31T23:30:00.000Z",
            "Demo\\Web\\Auth",
            "ui",
            null,
            List.of(link(HF, 9004))));
    all.add(
        item(
            9003,
            1,
            "Demo",
            "Feature",
            "Reports",
            "Closed",
            3,
            null,
            "2024-02-15T12:00:00.000Z",
            "Demo\\Data",
            "build",
            "<div>lazy dogs</div>",
            List.of()));
    all.add(
        item(
            9004,
            1,
            "Demo",
            "User Story",
            "Password reset",
            "New",
            2,
            "Carol Chen <carol@example.com>",
            "2024-02-01T00:00:00.000Z",
            "Demo\\Web\\Auth",
            null,
            null,
            List.of(link(HR, 9002))));
    all.add(
        item(
            9005,
            1,
            "Demo",
            "Bug",
            "Crash on O'Brien",
            "Active",
            1,
            "Alice Admin <alice@example.com>",
            now,
            "Demo",
            null,
            null,
            List.of()));
    all.add(
        item(
            9006,
            1,
            "Other",
            "Task",
            "Elsewhere",
            "Active",
            2,
            null,
            now,
            "Other",
            null,
            null,
            List.of()));
    WorkItem deleted =
        item(
            9007,
            1,
            "Demo",
            "Task",
            "Deleted thing",
            "Active",
            2,
            null,
            now,
            "Demo",
            null,
            null,
            List.of());
    all.add(
        new WorkItem(
            deleted.id(),
            deleted.rev(),
            deleted.projectId(),
            deleted.fields(),
            List.of(),
            true,
            0));
    all.add(
        item(
            9008,
            1,
            "Demo",
            "Epic",
            "Lonely epic",
            "New",
            4,
            null,
            "2024-03-01T00:00:00.000Z",
            "Demo",
            null,
            null,
            List.of()));
    // Revision 1 of 9002 was New until it changed to Active on 2024-03-01.
    WorkItem current = all.get(1);
    Map<String, Object> old = new LinkedHashMap<>(current.fields());
    old.put("System.State", "New");
    old.put("System.Rev", 1);
    WorkItem rev1 = new WorkItem(9002, 1, "Demo", old, List.of(link(HF, 9004)), false, 0);
    Map<String, Object> changed = new LinkedHashMap<>(current.fields());
    changed.put("System.ChangedDate", "2024-03-01T09:00:00.000Z");
    WorkItem rev2 = new WorkItem(9002, 2, "Demo", changed, current.relations(), false, 0);
    all.set(1, rev2);
    emulator
        .context()
        .store()
        .run(
            tx -> {
              for (WorkItem w : all) {
                tx.put(items, String.valueOf(w.id()), w);
                tx.put(revisions, w.id() + ":" + w.rev(), w);
              }
              tx.put(revisions, "9002:1", rev1);
            });
  }

  /** Stops the emulator. */
  @Override
  public void close() {
    emulator.close();
  }

  private static WorkItem.Relation link(String rel, int target) {
    return new WorkItem.Relation(
        rel, "http://127.0.0.1/demo/_apis/wit/workItems/" + target, Map.of());
  }

  private static WorkItem item(
      int id,
      int rev,
      String project,
      String type,
      String title,
      String state,
      int priority,
      String assignedTo,
      String created,
      String area,
      String tags,
      String description,
      List<WorkItem.Relation> relations) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("System.Id", id);
    f.put("System.Rev", rev);
    f.put("System.TeamProject", project);
    f.put("System.WorkItemType", type);
    f.put("System.Title", title);
    f.put("System.State", state);
    f.put("Microsoft.VSTS.Common.Priority", priority);
    if (assignedTo != null) {
      f.put("System.AssignedTo", assignedTo);
    }
    f.put("System.CreatedDate", created);
    f.put("System.ChangedDate", created);
    f.put("System.AreaPath", area);
    if (tags != null) {
      f.put("System.Tags", tags);
    }
    if (description != null) {
      f.put("System.Description", description);
    }
    return new WorkItem(id, rev, project, f, relations, false, 0);
  }

  /** POSTs WIQL text to a route, adding api-version=7.1 when the path has none. */
  Http.Res query(String path, String wiql) {
    String versioned =
        path.contains("api-version")
            ? path
            : path + (path.contains("?") ? "&" : "?") + "api-version=7.1";
    return http.post(versioned, Map.of("query", wiql));
  }

  /** Runs SELECT [System.Id] over project Demo with this WHERE clause, ordered by id. */
  Http.Res demo(String where) {
    return query(
        "Demo/_apis/wit/wiql?api-version=7.1",
        "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND ("
            + where
            + ") ORDER BY [System.Id]");
  }

  /** The ids of a flat answer (asserting 200). */
  static List<Integer> ids(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Integer> ids = new ArrayList<>();
    for (JsonNode n : r.json().path("workItems")) {
      ids.add(n.path("id").asInt());
    }
    return ids;
  }

  /** The rows of a link answer as "source>target" ("-" for a top-level row), asserting 200. */
  static List<String> relations(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode n : r.json().path("workItemRelations")) {
      out.add(
          (n.path("source").isMissingNode() ? "-" : n.path("source").path("id").asText())
              + ">"
              + n.path("target").path("id").asText());
    }
    return out;
  }
}
