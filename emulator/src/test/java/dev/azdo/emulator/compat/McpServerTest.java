package dev.azdo.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Microsoft's MCP server (@azure-devops/mcp, unchanged, from emulator/src/test/mcp) over stdio
 * against an https emulator that names dev.azure.com, vssps.dev.azure.com and
 * almsearch.dev.azure.com and answers with https://dev.azure.com links; the preload in examples/mcp
 * sends those names to the emulator inside the server's process only. Every tool that touches work
 * items, queries, iterations, teams, comments, links and search is called.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class McpServerTest {
  @TempDir static Path dir;
  private static McpEmulatorSession session;
  private static McpClient mcp;
  private static String savedQueryId;
  private static int task;
  private static int story;
  private static List<Integer> children = new ArrayList<>();
  private static int commentId;
  private static String aliceId;

  @BeforeAll
  static void start() throws Exception {
    session = McpEmulatorSession.start(dir);
    // A saved query for wit_query (the server has no tool that creates one).
    JsonNode folder =
        session.rest(
            "POST",
            "Demo/_apis/wit/queries/Shared%20Queries",
            Map.of("name", "MCP", "isFolder", true));
    savedQueryId =
        session
            .rest(
                "POST",
                "Demo/_apis/wit/queries/" + folder.path("id").asText(),
                Map.of(
                    "name",
                    "Open tasks",
                    "wiql",
                    "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.WorkItemType] = 'Task'"))
            .path("id")
            .asText();
    session.startServer(dir.resolve("home"), "core", "work", "work-items", "search");
    mcp = session.mcp();
  }

  @AfterAll
  static void stop() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  @Test
  @Order(1)
  void listsTheToolsOfTheEnabledDomains() {
    List<String> names = new ArrayList<>();
    mcp.request("tools/list", Map.of())
        .path("tools")
        .forEach(t -> names.add(t.path("name").asText()));
    assertThat(names)
        .contains(
            "core_list_projects",
            "core_list_project_teams",
            "core_get_identity_ids",
            "wit_work_item",
            "wit_work_item_write",
            "wit_work_item_comment_write",
            "wit_work_item_link_write",
            "wit_query",
            "wit_backlog",
            "work",
            "work_iteration_write",
            "work_capacity_write",
            "search_workitem");
  }

  @Test
  @Order(2)
  void projectsTeamsAndIdentitiesAreFound() {
    JsonNode projects = mcp.tool("core_list_projects", Map.of());
    assertThat(projects.get(0).path("name").asText()).isEqualTo("Demo");
    assertThat(projects.get(0).path("url").asText())
        .startsWith("https://dev.azure.com/demo/_apis/");
    JsonNode teams = mcp.tool("core_list_project_teams", Map.of("project", "Demo"));
    assertThat(names(teams)).contains("Demo Team");
    JsonNode ids = mcp.tool("core_get_identity_ids", Map.of("searchFilter", "alice@example.com"));
    assertThat(ids.get(0).path("displayName").asText()).isEqualTo("Alice Admin");
    aliceId = ids.get(0).path("id").asText();
  }

  @Test
  @Order(3)
  void workItemsAreCreatedReadAndUpdated() {
    JsonNode created =
        mcp.tool(
            "wit_work_item_write",
            Map.of(
                "action",
                "create",
                "project",
                "Demo",
                "workItemType",
                "Task",
                "fields",
                List.of(
                    Map.of("name", "System.Title", "value", "Inspect the zeppelin"),
                    Map.of("name", "System.Description", "value", "The hangar door sticks"))));
    task = created.path("id").asInt();
    assertThat(task).isPositive();
    JsonNode read =
        mcp.tool("wit_work_item", Map.of("action", "get", "project", "Demo", "id", task));
    assertThat(read.path("fields").path("System.Title").asText()).isEqualTo("Inspect the zeppelin");
    JsonNode updated =
        mcp.tool(
            "wit_work_item_write",
            Map.of(
                "action",
                "update",
                "project",
                "Demo",
                "id",
                task,
                "updates",
                List.of(
                    Map.of(
                        "op",
                        "add",
                        "path",
                        "/fields/System.AssignedTo",
                        "value",
                        "alice@example.com"),
                    Map.of(
                        "op",
                        "replace",
                        "path",
                        "/fields/Microsoft.VSTS.Common.Priority",
                        "value",
                        1))));
    assertThat(updated.path("rev").asInt()).isEqualTo(2);
    assertThat(updated.path("fields").path("System.AssignedTo").path("uniqueName").asText())
        .isEqualTo("alice@example.com");
    JsonNode type =
        mcp.tool(
            "wit_work_item",
            Map.of("action", "get_type", "project", "Demo", "workItemType", "Bug"));
    assertThat(type.path("name").asText()).isEqualTo("Bug");
    JsonNode mine = mcp.tool("wit_work_item", Map.of("action", "my", "project", "Demo"));
    assertThat(ids(mine.path("results"))).contains(task);
  }

  @Test
  @Order(4)
  void childrenAreAddedAndUpdatedInABatch() {
    story =
        mcp.tool(
                "wit_work_item_write",
                Map.of(
                    "action",
                    "create",
                    "project",
                    "Demo",
                    "workItemType",
                    "User Story",
                    "fields",
                    List.of(Map.of("name", "System.Title", "value", "Zeppelin maintenance"))))
            .path("id")
            .asInt();
    JsonNode added =
        mcp.tool(
            "wit_work_item_write",
            Map.of(
                "action",
                "add_child",
                "project",
                "Demo",
                "parentId",
                story,
                "workItemType",
                "Task",
                "items",
                List.of(
                    Map.of("title", "Check the envelope", "description", "Look for **tears**"),
                    Map.of("title", "Refuel", "description", "Helium only"))));
    // add_child answers the $batch answer: one item per child, its body the work item as text.
    for (JsonNode r : added.has("value") ? added.path("value") : added) {
      JsonNode body =
          r.path("body").isTextual() ? Json.parse(r.path("body").asText()) : r.path("body");
      assertThat(r.path("code").asInt(200)).as("child %s", r).isEqualTo(200);
      children.add(body.path("id").asInt());
    }
    assertThat(children).hasSize(2).allMatch(id -> id > 0);
    JsonNode updated =
        mcp.tool(
            "wit_work_item_write",
            Map.of(
                "action",
                "update_batch",
                "project",
                "Demo",
                "batchUpdates",
                List.of(
                    Map.of(
                        "op",
                        "Replace",
                        "id",
                        children.get(0),
                        "path",
                        "/fields/System.Title",
                        "value",
                        "Check the envelope twice"),
                    Map.of(
                        "op",
                        "Add",
                        "id",
                        children.get(1),
                        "path",
                        "/fields/Microsoft.VSTS.Common.Priority",
                        "value",
                        "1"))));
    // The $batch answer carries each updated item (get_batch reads only a few fields).
    JsonNode second = Json.parse(updated.path("value").get(1).path("body").asText());
    assertThat(updated.path("value").get(1).path("code").asInt()).isEqualTo(200);
    assertThat(second.path("fields").path("Microsoft.VSTS.Common.Priority").asInt()).isEqualTo(1);
    JsonNode batch =
        mcp.tool(
            "wit_work_item",
            Map.of(
                "action",
                "get_batch",
                "project",
                "Demo",
                "ids",
                List.of(story, children.get(0), children.get(1))));
    assertThat(batch).hasSize(3);
    for (JsonNode w : batch) {
      if (w.path("id").asInt() == children.get(0)) {
        assertThat(w.path("fields").path("System.Title").asText())
            .isEqualTo("Check the envelope twice");
        assertThat(w.path("fields").path("System.Parent").asInt()).isEqualTo(story);
      }
    }
  }

  @Test
  @Order(5)
  void commentsAreAddedListedAndEdited() {
    JsonNode comment =
        mcp.tool(
            "wit_work_item_comment_write",
            Map.of(
                "action",
                "add",
                "project",
                "Demo",
                "workItemId",
                task,
                "text",
                "Bring a **ladder**"));
    commentId = comment.path("id").asInt();
    assertThat(commentId).isPositive();
    JsonNode list =
        mcp.tool(
            "wit_work_item",
            Map.of("action", "list_comments", "project", "Demo", "workItemId", task));
    assertThat(list.path("totalCount").asInt()).isEqualTo(1);
    JsonNode edited =
        mcp.tool(
            "wit_work_item_comment_write",
            Map.of(
                "action",
                "update",
                "project",
                "Demo",
                "workItemId",
                task,
                "commentId",
                commentId,
                "text",
                "Bring two ladders"));
    assertThat(edited.path("version").asInt()).isEqualTo(2);
    JsonNode revisions =
        mcp.tool(
            "wit_work_item",
            Map.of("action", "list_revisions", "project", "Demo", "workItemId", task));
    assertThat(revisions.size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  @Order(6)
  void linksAreAddedAndRemoved() {
    mcp.toolText(
        "wit_work_item_link_write",
        Map.of(
            "action",
            "link",
            "project",
            "Demo",
            "updates",
            List.of(
                Map.of("id", task, "linkToId", story, "type", "related"),
                Map.of("id", task, "type", "hyperlink", "url", "https://example.com/zeppelin"))));
    JsonNode linked =
        mcp.tool(
            "wit_work_item",
            Map.of("action", "get", "project", "Demo", "id", task, "expand", "Relations"));
    List<String> rels = new ArrayList<>();
    linked.path("relations").forEach(r -> rels.add(r.path("rel").asText()));
    assertThat(rels).contains("System.LinkTypes.Related", "Hyperlink");
    String removed =
        mcp.toolText(
            "wit_work_item_link_write",
            Map.of("action", "unlink", "project", "Demo", "id", task, "type", "related"));
    assertThat(removed).contains("Removed 1 link");
    JsonNode after =
        mcp.tool(
            "wit_work_item",
            Map.of("action", "get", "project", "Demo", "id", task, "expand", "Relations"));
    List<String> left = new ArrayList<>();
    after.path("relations").forEach(r -> left.add(r.path("rel").asText()));
    assertThat(left).containsExactly("Hyperlink");
  }

  @Test
  @Order(7)
  void wiqlAndSavedQueriesRun() {
    JsonNode wiql =
        mcp.tool(
            "wit_query",
            Map.of(
                "action",
                "wiql",
                "project",
                "Demo",
                "wiql",
                "SELECT [System.Id] FROM WorkItems WHERE [System.Title] CONTAINS 'zeppelin'"));
    assertThat(ids(wiql.path("workItems"))).contains(task, story);
    JsonNode query =
        mcp.tool(
            "wit_query",
            Map.of(
                "action",
                "get",
                "project",
                "Demo",
                "query",
                "Shared Queries/MCP/Open tasks",
                "expand",
                "Wiql"));
    assertThat(query.path("id").asText()).isEqualTo(savedQueryId);
    assertThat(query.path("wiql").asText()).contains("'Task'");
    JsonNode folder =
        mcp.tool(
            "wit_query",
            Map.of("action", "get", "project", "Demo", "query", "Shared Queries", "depth", 2));
    assertThat(names(folder.path("children"))).contains("MCP");
    JsonNode results =
        mcp.tool(
            "wit_query", Map.of("action", "get_results", "project", "Demo", "id", savedQueryId));
    assertThat(ids(results.path("workItems")))
        .contains(task)
        .containsAll(children)
        .doesNotContain(story);
    JsonNode onlyIds =
        mcp.tool(
            "wit_query",
            Map.of(
                "action",
                "get_results",
                "project",
                "Demo",
                "id",
                savedQueryId,
                "responseType",
                "ids"));
    assertThat(onlyIds.path("count").asInt()).isEqualTo(3);
  }

  @Test
  @Order(8)
  void workItemSearchFindsTitleDescriptionAndComments() {
    JsonNode found =
        mcp.tool("search_workitem", Map.of("searchText", "zeppelin", "project", List.of("Demo")));
    assertThat(found.path("count").asInt()).isEqualTo(2);
    JsonNode comment =
        mcp.tool("search_workitem", Map.of("searchText", "ladders", "includeFacets", true));
    assertThat(comment.path("results").get(0).path("fields").path("system.id").asText())
        .isEqualTo(Integer.toString(task));
    assertThat(comment.path("facets").path("System.WorkItemType").get(0).path("name").asText())
        .isEqualTo("Task");
    JsonNode none = mcp.tool("search_workitem", Map.of("searchText", "submarine"));
    assertThat(none.path("count").asInt()).isZero();
  }

  @Test
  @Order(9)
  void iterationsAreCreatedAssignedAndListedWithTheirWorkItems() {
    JsonNode tree = mcp.tool("work", Map.of("action", "list_iterations", "project", "Demo"));
    assertThat(tree.get(0).path("children").size()).isPositive();
    JsonNode created =
        mcp.tool(
            "work_iteration_write",
            Map.of(
                "action",
                "create",
                "project",
                "Demo",
                "iterations",
                List.of(
                    Map.of(
                        "iterationName",
                        "Zeppelin Sprint",
                        "startDate",
                        "2026-12-07T00:00:00Z",
                        "finishDate",
                        "2026-12-18T00:00:00Z"))));
    JsonNode node = created.isArray() ? created.get(0) : created;
    String identifier = node.path("identifier").asText();
    assertThat(identifier).isNotEmpty();
    mcp.tool(
        "work_iteration_write",
        Map.of(
            "action",
            "assign",
            "project",
            "Demo",
            "team",
            "Demo Team",
            "iterations",
            List.of(Map.of("identifier", identifier, "path", "Demo\\Zeppelin Sprint"))));
    JsonNode team =
        mcp.tool(
            "work",
            Map.of("action", "list_team_iterations", "project", "Demo", "team", "Demo Team"));
    assertThat(names(team)).contains("Zeppelin Sprint");
    mcp.tool(
        "wit_work_item_write",
        Map.of(
            "action",
            "update",
            "project",
            "Demo",
            "id",
            children.get(0),
            "updates",
            List.of(
                Map.of(
                    "op",
                    "add",
                    "path",
                    "/fields/System.IterationPath",
                    "value",
                    "Demo\\Zeppelin Sprint"))));
    JsonNode sprint =
        mcp.tool(
            "wit_work_item",
            Map.of(
                "action",
                "list_for_iteration",
                "project",
                "Demo",
                "team",
                "Demo Team",
                "iterationId",
                identifier));
    List<Integer> inSprint = new ArrayList<>();
    sprint
        .path("workItemRelations")
        .forEach(r -> inSprint.add(r.path("target").path("id").asInt()));
    assertThat(inSprint).containsExactly(children.get(0));
    capacityIsWrittenAndReadForTheSprint(identifier);
    JsonNode settings =
        mcp.tool(
            "work", Map.of("action", "get_team_settings", "project", "Demo", "team", "Demo Team"));
    assertThat(settings.has("backlogIteration") || settings.has("defaultIteration"))
        .as("team settings %s", settings)
        .isTrue();
  }

  // work_capacity_write, then the team's and the iteration's capacity through the work tool.
  private static void capacityIsWrittenAndReadForTheSprint(String identifier) {
    JsonNode written =
        mcp.tool(
            "work_capacity_write",
            Map.of(
                "action",
                "update",
                "project",
                "Demo",
                "team",
                "Demo Team",
                "teamMemberId",
                aliceId,
                "iterationId",
                identifier,
                "activities",
                List.of(Map.of("name", "Development", "capacityPerDay", 5)),
                "daysOff",
                List.of(Map.of("start", "2026-12-08T00:00:00Z", "end", "2026-12-09T00:00:00Z"))));
    assertThat(written.at("/teamMember/uniqueName").asText()).isEqualTo("alice@example.com");
    assertThat(written.at("/daysOff/0/start").asText()).startsWith("2026-12-08T00:00:00");
    Map<String, Object> read =
        Map.of(
            "action",
            "get_team_capacity",
            "project",
            "Demo",
            "team",
            "Demo Team",
            "iterationId",
            identifier);
    JsonNode team = mcp.tool("work", read);
    assertThat(team.path("totalCapacityPerDay").asDouble()).isEqualTo(5);
    assertThat(team.path("totalDaysOff").asInt()).isEqualTo(2);
    JsonNode iteration =
        mcp.tool(
            "work",
            Map.of(
                "action",
                "get_iteration_capacities",
                "project",
                "Demo",
                "iterationId",
                identifier));
    assertThat(iteration.path("totalIterationCapacityPerDay").asDouble()).isEqualTo(5);
  }

  @Test
  @Order(10)
  void backlogsListTheirWorkItems() {
    JsonNode levels =
        mcp.tool("wit_backlog", Map.of("action", "list", "project", "Demo", "team", "Demo Team"));
    List<String> ids = new ArrayList<>();
    levels.forEach(l -> ids.add(l.path("id").asText()));
    assertThat(ids).contains("Microsoft.RequirementCategory");
    JsonNode items =
        mcp.tool(
            "wit_backlog",
            Map.of(
                "action",
                "list_work_items",
                "project",
                "Demo",
                "team",
                "Demo Team",
                "backlogId",
                "Microsoft.RequirementCategory"));
    List<Integer> backlog = new ArrayList<>();
    items.path("workItems").forEach(w -> backlog.add(w.path("target").path("id").asInt()));
    assertThat(backlog).contains(story);
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("name").asText()));
    return out;
  }

  private static List<Integer> ids(JsonNode list) {
    List<Integer> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path("id").asInt()));
    return out;
  }
}
