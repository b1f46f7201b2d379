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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST {project}/_apis/wit/wiql over real HTTP against work items written into the store. */
class WiqlHttpTest {
  static final String HF = "System.LinkTypes.Hierarchy-Forward";
  static final String HR = "System.LinkTypes.Hierarchy-Reverse";
  static Emulator emulator;
  static Http http;
  static String now;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    // Area paths are checked against the project's classification nodes (TF51011).
    for (String[] node : new String[][] {{"", "Web"}, {"/Web", "Auth"}, {"", "Data"}}) {
      Http.Res created =
          http.post(
              "Demo/_apis/wit/classificationnodes/Areas" + node[0] + "?api-version=7.1",
              Map.of("name", node[1]));
      assertThat(created.status()).as(created.body()).isBetween(200, 201);
    }
    now = Json.date(Instant.now().minus(1, ChronoUnit.MINUTES));
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

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static WorkItem.Relation link(String rel, int target) {
    return new WorkItem.Relation(
        rel, "http://127.0.0.1/demo/_apis/wit/workItems/" + target, Map.of());
  }

  static WorkItem item(
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

  static Http.Res query(String path, String wiql) {
    String versioned =
        path.contains("api-version")
            ? path
            : path + (path.contains("?") ? "&" : "?") + "api-version=7.1";
    return http.post(versioned, Map.of("query", wiql));
  }

  static Http.Res demo(String where) {
    return query(
        "Demo/_apis/wit/wiql?api-version=7.1",
        "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND ("
            + where
            + ") ORDER BY [System.Id]");
  }

  static List<Integer> ids(Http.Res r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<Integer> ids = new ArrayList<>();
    for (JsonNode n : r.json().path("workItems")) {
      ids.add(n.path("id").asInt());
    }
    return ids;
  }

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

  @Test
  void flatQueryAnswersTheServiceShape() {
    Http.Res r =
        query(
            "Demo/_apis/wit/wiql?api-version=7.1",
            "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] ="
                + " @project ORDER BY [System.Id]");
    assertThat(ids(r)).containsExactly(9001, 9002, 9003, 9004, 9005, 9008);
    JsonNode j = r.json();
    assertThat(j.path("queryType").asText()).isEqualTo("flat");
    assertThat(j.path("queryResultType").asText()).isEqualTo("workItem");
    assertThat(Instant.parse(j.path("asOf").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(j.path("columns").get(0).path("referenceName").asText()).isEqualTo("System.Id");
    assertThat(j.path("columns").get(0).path("name").asText()).isEqualTo("ID");
    assertThat(j.path("columns").get(1).path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/wit/fields/System.Title");
    assertThat(j.path("sortColumns").get(0).path("field").path("referenceName").asText())
        .isEqualTo("System.Id");
    assertThat(j.path("sortColumns").get(0).path("descending").asBoolean()).isFalse();
    assertThat(j.path("workItems").get(0).path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/wit/workItems/9001");
  }

  @Test
  void teamSegmentAndOrganizationLevelCallsAreServed() {
    Http.Res team =
        query(
            "Demo/Demo%20Team/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'Elsewhere'");
    assertThat(ids(team)).containsExactly(9006);
    Http.Res org =
        query(
            "_apis/wit/wiql?api-version=7.1-preview.2",
            "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' ORDER BY"
                + " [System.Id]");
    assertThat(ids(org)).containsExactly(9002, 9005, 9006);
  }

  @Test
  void deletedWorkItemsAreNeverReturned() {
    assertThat(ids(demo("[System.Title] = 'Deleted thing'"))).isEmpty();
  }

  @Test
  void numbersCompareAsNumbers() {
    String p = "[Microsoft.VSTS.Common.Priority]";
    assertThat(ids(demo(p + " = 2"))).containsExactly(9002, 9004);
    assertThat(ids(demo(p + " <> 2"))).containsExactly(9001, 9003, 9005, 9008);
    assertThat(ids(demo(p + " < 2"))).containsExactly(9001, 9005);
    assertThat(ids(demo(p + " > 2"))).containsExactly(9003, 9008);
    assertThat(ids(demo(p + " <= 2"))).containsExactly(9001, 9002, 9004, 9005);
    assertThat(ids(demo(p + " >= 3"))).containsExactly(9003, 9008);
    assertThat(ids(demo("[System.Id] IN (9001, 9003, 12345)"))).containsExactly(9001, 9003);
  }

  @Test
  void stringsCompareCaseInsensitively() {
    assertThat(ids(demo("[System.State] = 'new'"))).containsExactly(9001, 9004, 9008);
    assertThat(ids(demo("[System.State] IN ('Active', 'CLOSED')")))
        .containsExactly(9002, 9003, 9005);
    assertThat(ids(demo("[System.State] NOT IN ('Active', 'Closed')")))
        .containsExactly(9001, 9004, 9008);
    assertThat(ids(demo("[System.Title] CONTAINS 'RE'"))).containsExactly(9003, 9004);
    assertThat(ids(demo("[System.Title] NOT CONTAINS 'e'"))).containsExactly(9001);
    assertThat(ids(demo("[System.Title] = 'Crash on O''Brien'"))).containsExactly(9005);
    assertThat(ids(demo("[System.WorkItemType] > 'Epic'"))).containsExactly(9002, 9003, 9004);
  }

  @Test
  void displayNamesAndBareNamesResolveToFields() {
    assertThat(ids(demo("[Work Item Type] = 'Epic' AND State = 'New'")))
        .containsExactly(9001, 9008);
    assertThat(ids(demo("[title] = 'reports'"))).containsExactly(9003);
  }

  @Test
  void tagsContainWholeTagsOnly() {
    assertThat(ids(demo("[System.Tags] CONTAINS 'ui'"))).containsExactly(9001, 9002);
    assertThat(ids(demo("[System.Tags] CONTAINS 'buil'"))).isEmpty();
    assertThat(ids(demo("[System.Tags] NOT CONTAINS 'ui'")))
        .containsExactly(9003, 9004, 9005, 9008);
  }

  @Test
  void containsWordsMatchesWholeWordsOfRichText() {
    assertThat(ids(demo("[System.Description] CONTAINS WORDS 'brown fox'"))).containsExactly(9001);
    assertThat(ids(demo("[System.Description] CONTAINS WORDS 'bro'"))).isEmpty();
    assertThat(ids(demo("[System.Description] CONTAINS WORDS 'do*'"))).containsExactly(9003);
    assertThat(ids(demo("[System.Description] NOT CONTAINS WORDS 'fox'")))
        .containsExactly(9002, 9003, 9004, 9005, 9008);
  }

  @Test
  void underMatchesAPathAndEverythingBelowIt() {
    assertThat(ids(demo("[System.AreaPath] UNDER 'Demo\\Web'"))).containsExactly(9001, 9002, 9004);
    assertThat(ids(demo("[System.AreaPath] UNDER 'demo\\web\\auth'"))).containsExactly(9002, 9004);
    assertThat(ids(demo("[System.AreaPath] NOT UNDER 'Demo\\Web'")))
        .containsExactly(9003, 9005, 9008);
    assertThat(ids(demo("[System.AreaPath] = 'Demo\\Web'"))).containsExactly(9001);
  }

  @Test
  void aPathThatDoesNotExistIsTf51011() {
    Http.Res r = demo("[System.AreaPath] UNDER 'Demo\\Nowhere'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51011: The specified area path does not exist. The error is caused by"
                + " «'Demo\\Nowhere'».");
  }

  @Test
  void isEmptyAndIsNotEmpty() {
    assertThat(ids(demo("[System.AssignedTo] IS EMPTY"))).containsExactly(9003, 9008);
    assertThat(ids(demo("[System.Description] IS NOT EMPTY"))).containsExactly(9001, 9003);
    assertThat(ids(demo("[System.AssignedTo] = ''"))).containsExactly(9003, 9008);
  }

  @Test
  void identitiesMatchByDisplayNameEmailOrBoth() {
    assertThat(ids(demo("[System.AssignedTo] = 'alice admin'"))).containsExactly(9001, 9005);
    assertThat(ids(demo("[System.AssignedTo] = 'BOB@example.com'"))).containsExactly(9002);
    assertThat(ids(demo("[System.AssignedTo] = 'Carol Chen <carol@example.com>'")))
        .containsExactly(9004);
    assertThat(ids(demo("[System.AssignedTo] IN ('bob@example.com', 'Carol Chen')")))
        .containsExactly(9002, 9004);
    assertThat(ids(demo("[System.AssignedTo] <> 'Alice Admin'")))
        .containsExactly(9002, 9003, 9004, 9008);
  }

  @Test
  void meIsTheCallerOfTheRequest() {
    assertThat(ids(demo("[System.AssignedTo] = @Me"))).containsExactly(9001, 9005);
  }

  @Test
  void todayMacroCountsWholeDaysWithOffsets() {
    assertThat(ids(demo("[System.CreatedDate] >= @Today"))).containsExactly(9005);
    assertThat(ids(demo("[System.CreatedDate] >= @Today - 1"))).containsExactly(9005);
    assertThat(ids(demo("[System.CreatedDate] > @today + 1"))).isEmpty();
    assertThat(ids(demo("[System.CreatedDate] < @StartOfYear - 1"))).isNotEmpty();
  }

  @Test
  void datesCompareByDayUnlessTimePrecisionIsAsked() {
    assertThat(ids(demo("[System.CreatedDate] = '2024-01-31'"))).containsExactly(9002);
    assertThat(ids(demo("[System.CreatedDate] = '1/31/2024'"))).containsExactly(9002);
    assertThat(ids(demo("[System.CreatedDate] < '2024-02-01'"))).containsExactly(9001, 9002);
    Http.Res precise =
        query(
            "Demo/_apis/wit/wiql?timePrecision=true",
            "SELECT [System.Id] FROM WorkItems WHERE [System.CreatedDate] >="
                + " '2024-01-31T23:00:00Z' AND [System.CreatedDate] < '2024-02-01T00:00:00Z'");
    assertThat(ids(precise)).containsExactly(9002);
  }

  @Test
  void aTimeWithoutTimePrecisionIsRefusedNamingTheClause() {
    Http.Res r = demo("[System.CreatedDate] >= '2024-01-31T15:02:58Z'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "You cannot supply a time with the date when running a query using date precision."
                + " The error is caused by «[System.CreatedDate] >= '2024-01-31T15:02:58Z'».");
  }

  @Test
  void fieldsCompareWithOtherFields() {
    assertThat(ids(demo("[System.CreatedDate] <> [System.ChangedDate]"))).containsExactly(9002);
  }

  @Test
  void andOrNotAndParenthesesCombine() {
    assertThat(
            ids(
                demo(
                    "([System.State] = 'New' OR [System.State] = 'Closed') AND NOT"
                        + " [System.WorkItemType] = 'Epic'")))
        .containsExactly(9003, 9004);
    assertThat(ids(demo("NOT ([Microsoft.VSTS.Common.Priority] > 1 AND [System.State] <> 'New')")))
        .containsExactly(9001, 9004, 9005, 9008);
  }

  @Test
  void orderByDescendingThenIdAndTopLimitTheRows() {
    Http.Res r =
        query(
            "Demo/_apis/wit/wiql?$top=3",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY"
                + " [Microsoft.VSTS.Common.Priority] DESC, [System.CreatedDate] ASC");
    assertThat(ids(r)).containsExactly(9008, 9003, 9002);
    assertThat(r.json().path("sortColumns").get(0).path("descending").asBoolean()).isTrue();
    assertThat(r.json().path("sortColumns").get(1).path("field").path("name").asText())
        .isEqualTo("Created Date");
  }

  @Test
  void everMatchesAnyEarlierRevision() {
    assertThat(ids(demo("[System.State] EVER 'New'"))).containsExactly(9001, 9002, 9004, 9008);
    assertThat(ids(demo("[System.State] NOT EVER 'New'"))).containsExactly(9003, 9005);
  }

  @Test
  void asOfEvaluatesTheRevisionOfThatTime() {
    Http.Res r =
        query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New' AND"
                + " [System.TeamProject] = @project ORDER BY [System.Id] ASOF '2024-02-20'");
    assertThat(ids(r)).containsExactly(9001, 9002, 9004);
    assertThat(r.json().path("asOf").asText()).isEqualTo("2024-02-20T00:00:00.000Z");
  }

  @Test
  void unknownFieldIsTf51005WithTheServiceErrorEnvelope() {
    Http.Res r = demo("[System.Foo] = 1");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51005: The query references a field that does not exist. The error is caused by"
                + " «[System.Foo]».");
    assertThat(r.json().path("typeKey").asText()).isEqualTo("VssPropertyValidationException");
    assertThat(r.json().path("typeName").asText())
        .startsWith("Microsoft.VisualStudio.Services.Common.VssPropertyValidationException");
    assertThat(r.json().has("$id")).isTrue();
  }

  @Test
  void syntaxErrorsAre400WithTheOffendingToken() {
    Http.Res r = query("Demo/_apis/wit/wiql", "SELECT TOP 5000 [System.Id] FROM WorkItems");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51006: The query statement is missing a FROM clause. The error is caused by"
                + " «5000».");
    Http.Res badValue = demo("[Microsoft.VSTS.Common.Priority] = 'high'");
    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.json().path("message").asText()).contains("«'high'»");
  }

  @Test
  void aBodyWithoutQueryIsRefused() {
    Http.Res r = http.post("Demo/_apis/wit/wiql?api-version=7.1", Map.of("wiql", "SELECT"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("wiql");
  }

  @Test
  void oneHopMustContainReturnsSourcesWithTheirMatchingLinks() {
    Http.Res r =
        query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItemLinks WHERE ([Source].[System.TeamProject] = @project"
                + " AND [Source].[System.WorkItemType] = 'Epic') AND ([System.Links.LinkType] ="
                + " 'System.LinkTypes.Hierarchy-Forward') AND ([Target].[System.WorkItemType] ="
                + " 'Feature') ORDER BY [System.Id] MODE (MustContain)");
    assertThat(relations(r)).containsExactly("->9001", "9001>9002", "9001>9003");
    JsonNode j = r.json();
    assertThat(j.path("queryType").asText()).isEqualTo("oneHop");
    assertThat(j.path("queryResultType").asText()).isEqualTo("workItemLink");
    JsonNode top = j.path("workItemRelations").get(0);
    // The service omits rel and source on top-level rows, as its own examples show.
    assertThat(top.has("rel")).isFalse();
    assertThat(top.has("source")).isFalse();
    assertThat(top.path("target").path("id").asInt()).isEqualTo(9001);
    JsonNode link = j.path("workItemRelations").get(1);
    assertThat(link.path("rel").asText()).isEqualTo(HF);
    assertThat(link.path("source").path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/wit/workItems/9001");
  }

  @Test
  void oneHopMayContainAndDoesNotContainKeepOrDropSourcesWithoutLinks() {
    String base =
        "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'Epic' AND"
            + " [System.Links.LinkType] = 'Child' AND [Target].[System.WorkItemType] = 'Feature'"
            + " ORDER BY [System.Id] ";
    assertThat(relations(query("Demo/_apis/wit/wiql", base + "MODE (MayContain)")))
        .containsExactly("->9001", "9001>9002", "9001>9003", "->9008");
    assertThat(relations(query("Demo/_apis/wit/wiql", base + "MODE (DoesNotContain)")))
        .containsExactly("->9008");
  }

  @Test
  void reverseLinksAreFoundWhicheverSideStoredTheRelation() {
    Http.Res r =
        query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] IN (9003, 9004)"
                + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Reverse' ORDER BY"
                + " [System.Id]");
    assertThat(relations(r)).containsExactly("->9003", "9003>9001", "->9004", "9004>9002");
  }

  @Test
  void recursiveModeReturnsTheHierarchyAsATree() {
    Http.Res r =
        query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id], [System.Title] FROM WorkItemLinks WHERE"
                + " ([Source].[System.TeamProject] = @project AND [Source].[System.WorkItemType] ="
                + " 'Epic') AND ([System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward')"
                + " ORDER BY [System.Id] MODE (Recursive)");
    assertThat(relations(r))
        .containsExactly("->9001", "9001>9002", "9002>9004", "9001>9003", "->9008");
    assertThat(r.json().path("queryType").asText()).isEqualTo("tree");
    Http.Res matching =
        query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'Epic'"
                + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward' AND"
                + " [Target].[System.State] <> 'Closed' ORDER BY [System.Id] MODE (Recursive,"
                + " ReturnMatchingChildren)");
    assertThat(relations(matching)).containsExactly("->9001", "9001>9002", "9002>9004");
  }

  @Test
  void anUnknownProjectInTheRouteIs404() {
    Http.Res r = query("NoSuchProject/_apis/wit/wiql", "SELECT [System.Id] FROM WorkItems");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).contains("NoSuchProject");
  }

  @Test
  void projectMacroUsesTheProjectNameWhenTheRouteGivesItsId() {
    String id =
        emulator
            .context()
            .require(dev.azdo.emulator.model.ProjectDirectory.class)
            .find("Demo")
            .id();
    Http.Res r =
        query(
            id + "/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND"
                + " [System.Title] = 'Reports'");
    assertThat(ids(r)).containsExactly(9003);
  }

  @Test
  void projectMacroWithoutAProjectInTheRouteIsRefused() {
    Http.Res r =
        query(
            "_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("«@project»");
  }

  @Test
  void savedQueryIdsAreUnknownWithTf401243() {
    Http.Res r =
        http.get("Demo/_apis/wit/wiql/1e4e5b17-f212-4ba2-9c2f-a95600ef50a5?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF401243: The query 1e4e5b17-f212-4ba2-9c2f-a95600ef50a5 does not exist, or you do"
                + " not have permission to read it.");
    assertThat(r.json().path("typeKey").asText()).isEqualTo("QueryItemNotFoundException");
  }

  @Test
  void linkTypeFieldIsUnknownInAFlatQuery() {
    Http.Res r = demo("[System.Links.LinkType] = 'Child'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).startsWith("TF51005");
  }

  @Test
  void locationIsListedUnderTheWitArea() {
    Http.Res r = http.send("OPTIONS", "_apis/wit", null, null);
    assertThat(r.status()).isEqualTo(200);
    // Running WIQL text and running a saved query by id are two locations, as on the service.
    java.util.Map<String, String> templates = new java.util.HashMap<>();
    for (JsonNode loc : r.json().path("value")) {
      if (loc.path("resourceName").asText().equals("wiql")) {
        templates.put(loc.path("id").asText(), loc.path("routeTemplate").asText());
      }
    }
    assertThat(templates)
        .containsEntry(
            "1a9c53f7-f243-4447-b110-35ef023636e4", "{project}/{team}/_apis/{area}/{resource}")
        .containsEntry(
            "a02355f5-5f8a-4671-8e32-369d23aac83d",
            "{project}/{team}/_apis/{area}/{resource}/{id}");
  }
}
