package dev.azdo.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the emulator's real responses against Microsoft's OpenAPI definitions and checks that
 * every property the service's own httpExamples show is present in ours.
 */
final class SwaggerContractTest {
  private static final String CORE = "core/7.1/core.json";
  private static final String WIT = "wit/7.1/workItemTracking.json";
  private static final String OPERATIONS = "operations/7.1/operations.json";
  private static final String WIT_EX = "wit/7.1/httpExamples/";
  private static final String CORE_EX = "core/7.1/httpExamples/";
  // The keys an IdentityRef carries in every example (System.CreatedBy, createdBy, revisedBy).
  private static final Set<String> IDENTITY_KEYS =
      Set.of("displayName", "url", "_links", "id", "uniqueName", "imageUrl", "descriptor");

  private static Emulator emulator;
  private static Http http;
  private static String project;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
    project = emulator.config().project();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void theValidatorCatchesAWrongTypeAndAMissingExampleProperty() {
    JsonNode bad = Json.parse("{\"id\":\"seven\",\"rev\":1,\"fields\":{},\"url\":\"u\"}");
    assertThat(SwaggerContract.violations(WIT, "WorkItem", bad)).anyMatch(v -> v.startsWith("/id"));
    JsonNode node = Json.parse("{\"structureType\":\"Area\",\"id\":1}");
    assertThat(SwaggerContract.violations(WIT, "WorkItemClassificationNode", node))
        .anyMatch(v -> v.startsWith("/structureType"));
    assertThat(SwaggerContract.missing(node, Set.of("id", "_links/self")))
        .containsExactly("_links/self");
  }

  @Test
  void projectListAndProjectMatchTeamProjectDefinitions() {
    JsonNode list = ok(http.get("_apis/projects?api-version=7.1"), 200);
    for (JsonNode p : values(list)) {
      assertConforms(CORE, "TeamProjectReference", p);
    }
    JsonNode demo = find(values(list), "name", project);
    Set<String> keys =
        SwaggerContract.keyPaths(firstValue(CORE_EX + "projects/GET__projects.json"), 1);
    // The seeded project may have no description; the service omits null properties.
    keys.remove("description");
    keys.addAll(Set.of("revision", "visibility", "lastUpdateTime"));
    assertHasKeys(demo, keys);

    JsonNode one =
        ok(
            http.get("_apis/projects/" + project + "?api-version=7.1&includeCapabilities=true"),
            200);
    assertConforms(CORE, "TeamProject", one);
    assertHasKeys(
        one,
        Set.of(
            "id",
            "name",
            "url",
            "state",
            "revision",
            "visibility",
            "lastUpdateTime",
            "_links/self",
            "_links/collection",
            "_links/web",
            "defaultTeam/id",
            "defaultTeam/name",
            "defaultTeam/url",
            "capabilities/processTemplate/templateTypeId",
            "capabilities/processTemplate/templateName",
            "capabilities/versioncontrol/sourceControlType"));
  }

  @Test
  void projectCreationAnswersAnOperationReferenceAndTheOperationMatchesItsDefinition() {
    Map<String, Object> body =
        Map.of(
            "name",
            "Contract " + suffix(),
            "description",
            "schema check",
            "capabilities",
            Map.of(
                "versioncontrol",
                Map.of("sourceControlType", "Git"),
                "processTemplate",
                Map.of("templateTypeId", "adcc42ab-9882-485e-a3ed-7678f01f66bc")));
    JsonNode ref = ok(http.post("_apis/projects?api-version=7.1", body), 202);
    assertConforms(CORE, "OperationReference", ref);
    assertHasKeys(
        ref, SwaggerContract.keyPaths(example(CORE_EX + "projects/POST__projects.json"), 1));

    JsonNode op = ok(http.get(relative(ref.path("url").asText())), 200);
    assertConforms(OPERATIONS, "Operation", op);
    assertHasKeys(op, Set.of("id", "status", "url", "_links/self"));
    assertThat(op.path("id").asText()).isEqualTo(ref.path("id").asText());
  }

  @Test
  void teamsMatchWebApiTeamAndTheServiceExamples() {
    String projectId = projectId();
    JsonNode team =
        ok(
            http.post(
                "_apis/projects/" + projectId + "/teams?api-version=7.1",
                Map.of("name", "Contract Team " + suffix(), "description", "schema check")),
            200);
    assertConforms(CORE, "WebApiTeam", team);
    Set<String> keys =
        SwaggerContract.keyPaths(
            example(CORE_EX + "teams/POST__projects__projectId__teams.json"), 1);
    keys.addAll(Set.of("projectName", "projectId"));
    assertHasKeys(team, keys);

    JsonNode list = ok(http.get("_apis/projects/" + projectId + "/teams?api-version=7.1"), 200);
    assertThat(values(list)).isNotEmpty();
    for (JsonNode t : values(list)) {
      assertConforms(CORE, "WebApiTeam", t);
      assertHasKeys(t, keys);
    }
  }

  @Test
  void processesMatchTheProcessDefinition() {
    JsonNode list = ok(http.get("_apis/process/processes?api-version=7.1"), 200);
    assertThat(values(list)).hasSize(4);
    for (JsonNode p : values(list)) {
      assertConforms(CORE, "Process", p);
      assertHasKeys(p, Set.of("id", "name", "description", "url", "type", "isDefault"));
    }
  }

  @Test
  void aCreatedWorkItemMatchesWorkItemAndShowsEveryPropertyOfTheExample() {
    JsonNode item = createTask("Contract task " + suffix(), 2);
    assertConforms(WIT, "WorkItem", item);
    JsonNode ex = example(WIT_EX + "workItems/POST__wit_workitems_create.json");
    Set<String> keys = SwaggerContract.keyPaths(ex, 2);
    keys.removeIf(k -> k.startsWith("fields/"));
    // The example dates from api-version 4.0-preview; since 5.0 the service links the comments
    // (workItemComments) where it used to link workItemHistory.
    keys.remove("_links/workItemHistory");
    keys.add("_links/workItemComments");
    assertHasKeys(item, keys);
    Set<String> fieldKeys = new TreeSet<>();
    ex.path("fields").fieldNames().forEachRemaining(fieldKeys::add);
    assertThat(missingFields(item, fieldKeys))
        .as("fields of the service's create example missing from %s", item)
        .isEmpty();
    assertIdentity(item.path("fields").path("System.CreatedBy"));
    assertIdentity(item.path("fields").path("System.ChangedBy"));
  }

  @Test
  void expandAllShowsEverySystemFieldOfTheServiceExample() {
    int id = createTask("expanded " + suffix(), 1).path("id").asInt();
    JsonNode item = ok(http.get("_apis/wit/workitems/" + id + "?$expand=all&api-version=7.1"), 200);
    assertConforms(WIT, "WorkItem", item);
    Set<String> expected = new TreeSet<>();
    firstValue(WIT_EX + "workItems/GET__wit_WorkItems_ids-_ids___expand-all.json")
        .path("fields")
        .fieldNames()
        .forEachRemaining(expected::add);
    // Only the System fields every work item has; the example's item is a Scrum backlog item on
    // a board (Effort, WEF_* Kanban fields) with a description.
    expected.removeIf(f -> !f.startsWith("System.") || f.equals("System.Description"));
    assertThat(missingFields(item, expected))
        .as("System fields of the service's $expand=all example missing from %s", item)
        .isEmpty();
  }

  @Test
  void workItemListAndBatchMatchWorkItem() {
    int a = createTask("list a " + suffix(), 1).path("id").asInt();
    int b = createTask("list b", 2).path("id").asInt();
    JsonNode list =
        ok(http.get("_apis/wit/workitems?ids=" + a + "," + b + "&api-version=7.1"), 200);
    assertThat(values(list)).hasSize(2);
    Set<String> keys =
        SwaggerContract.keyPaths(
            firstValue(WIT_EX + "workItems/GET__wit_WorkItems_ids-_ids_.json"), 1);
    for (JsonNode w : values(list)) {
      assertConforms(WIT, "WorkItem", w);
      assertHasKeys(w, keys);
    }
    JsonNode batch =
        ok(
            http.post(
                project + "/_apis/wit/workitemsbatch?api-version=7.1",
                Map.of("ids", List.of(a, b), "fields", List.of("System.Id", "System.Title"))),
            200);
    assertThat(values(batch)).hasSize(2);
    Set<String> batchKeys =
        SwaggerContract.keyPaths(
            firstValue(
                WIT_EX + "workItemsBatch/POST__wit_WorkItemsBatch_ids-_ids__fields-_columns_.json"),
            1);
    for (JsonNode w : values(batch)) {
      assertConforms(WIT, "WorkItem", w);
      assertHasKeys(w, batchKeys);
    }
  }

  @Test
  void relationsMatchWorkItemRelation() {
    JsonNode parent = createTask("parent " + suffix(), 1);
    List<Object> patch = new ArrayList<>(titlePatch("child", 2));
    patch.add(
        Map.of(
            "op",
            "add",
            "path",
            "/relations/-",
            "value",
            Map.of(
                "rel", "System.LinkTypes.Hierarchy-Reverse", "url", parent.path("url").asText())));
    JsonNode child =
        ok(
            http.send(
                "POST",
                project + "/_apis/wit/workitems/$Task?api-version=7.1",
                patch,
                "application/json-patch+json"),
            200);
    assertConforms(WIT, "WorkItem", child);
    JsonNode read =
        ok(
            http.get(
                "_apis/wit/workitems/"
                    + parent.path("id").asInt()
                    + "?$expand=relations&api-version=7.1"),
            200);
    assertConforms(WIT, "WorkItem", read);
    assertThat(read.path("relations")).hasSize(1);
    assertHasKeys(
        read.path("relations").get(0),
        Set.of("rel", "url", "attributes/isLocked", "attributes/name"));
  }

  @Test
  void aWiqlResultMatchesWorkItemQueryResultAndTheExample() {
    createTask("wiql " + suffix(), 1);
    JsonNode result =
        ok(
            http.post(
                project + "/_apis/wit/wiql?api-version=7.1",
                Map.of(
                    "query",
                    "SELECT [System.Id], [System.Title], [System.State] FROM WorkItems WHERE"
                        + " [System.TeamProject] = @project ORDER BY"
                        + " [Microsoft.VSTS.Common.Priority], [System.CreatedDate] DESC")),
            200);
    assertConforms(WIT, "WorkItemQueryResult", result);
    JsonNode ex = example(WIT_EX + "wiql/GET__wit_get_id_workitems.json");
    Set<String> keys = SwaggerContract.keyPaths(ex, 1);
    keys.add("queryResultType");
    assertHasKeys(result, keys);
    assertHasKeys(result.path("columns").get(0), Set.of("referenceName", "name", "url"));
    assertHasKeys(
        result.path("sortColumns").get(0),
        Set.of("field/referenceName", "field/name", "field/url", "descending"));
    assertHasKeys(result.path("workItems").get(0), Set.of("id", "url"));

    JsonNode tree =
        ok(
            http.post(
                project + "/_apis/wit/wiql?api-version=7.1",
                Map.of(
                    "query",
                    "SELECT [System.Id] FROM WorkItemLinks WHERE"
                        + " [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward'"
                        + " MODE (Recursive)")),
            200);
    assertConforms(WIT, "WorkItemQueryResult", tree);
    assertHasKeys(tree, Set.of("queryType", "queryResultType", "asOf", "columns"));
    assertThat(tree.path("queryType").asText()).isEqualTo("tree");
    assertThat(tree.path("queryResultType").asText()).isEqualTo("workItemLink");
  }

  @Test
  void commentsMatchCommentAndCommentList() {
    int id = createTask("commented " + suffix(), 1).path("id").asInt();
    String path = project + "/_apis/wit/workItems/" + id + "/comments?api-version=7.1-preview.4";
    JsonNode comment = ok(http.post(path, Map.of("text", "schema check")), 200);
    assertConforms(WIT, "Comment", comment);
    assertHasKeys(
        comment,
        Set.of(
            "id",
            "workItemId",
            "version",
            "text",
            "createdBy",
            "createdDate",
            "modifiedBy",
            "modifiedDate",
            "url"));
    assertIdentity(comment.path("createdBy"));
    JsonNode list = ok(http.get(path), 200);
    assertConforms(WIT, "CommentList", list);
    assertHasKeys(list, Set.of("totalCount", "count", "comments"));
  }

  @Test
  void classificationNodesMatchWorkItemClassificationNodeAndTheExamples() {
    JsonNode area =
        ok(
            http.post(
                project + "/_apis/wit/classificationnodes/Areas?api-version=7.1",
                Map.of("name", "Contract " + suffix())),
            201);
    assertConforms(WIT, "WorkItemClassificationNode", area);
    assertHasKeys(
        area,
        SwaggerContract.keyPaths(
            example(WIT_EX + "classificationNodes/POST__wit_classificationNodes_areas.json"), 2));

    JsonNode iteration =
        ok(
            http.post(
                project + "/_apis/wit/classificationnodes/Iterations?api-version=7.1",
                Map.of(
                    "name",
                    "Sprint " + suffix(),
                    "attributes",
                    Map.of(
                        "startDate",
                        "2026-03-02T00:00:00Z",
                        "finishDate",
                        "2026-03-13T00:00:00Z"))),
            201);
    assertConforms(WIT, "WorkItemClassificationNode", iteration);
    assertHasKeys(
        iteration,
        SwaggerContract.keyPaths(
            example(WIT_EX + "classificationNodes/POST__wit_classificationNodes_iterations.json"),
            2));

    JsonNode tree =
        ok(
            http.get(project + "/_apis/wit/classificationnodes/Areas?$depth=2&api-version=7.1"),
            200);
    assertConforms(WIT, "WorkItemClassificationNode", tree);
    assertThat(tree.path("children").isArray()).as("children of %s", tree).isTrue();
    Set<String> keys =
        SwaggerContract.keyPaths(
            example(
                WIT_EX + "classificationNodes/GET__wit_classificationNodes_areas__depth-2.json"),
            1);
    assertHasKeys(tree, keys);
  }

  @Test
  void fieldsMatchWorkItemField2AndTheExample() {
    JsonNode list = ok(http.get("_apis/wit/fields?api-version=7.1"), 200);
    assertThat(values(list)).isNotEmpty();
    Set<String> keys =
        SwaggerContract.keyPaths(firstValue(WIT_EX + "fields/GET__wit_fields.json"), 1);
    keys.addAll(Set.of("usage", "isIdentity", "isPicklist", "canSortBy", "isQueryable"));
    for (JsonNode f : values(list)) {
      assertConforms(WIT, "WorkItemField2", f);
      assertHasKeys(f, keys);
    }
  }

  @Test
  void workItemTypesMatchWorkItemTypeAndTheExample() {
    JsonNode bug = ok(http.get(project + "/_apis/wit/workitemtypes/Bug?api-version=7.1"), 200);
    assertConforms(WIT, "WorkItemType", bug);
    Set<String> keys =
        SwaggerContract.keyPaths(
            example(WIT_EX + "workItemTypes/GET__wit_workItemTypes_Bug.json"), 1);
    keys.add("states");
    assertHasKeys(bug, keys);
    assertHasKeys(bug.path("fieldInstances").get(0), Set.of("referenceName", "name", "url"));
    JsonNode list = ok(http.get(project + "/_apis/wit/workitemtypes?api-version=7.1"), 200);
    for (JsonNode t : values(list)) {
      assertConforms(WIT, "WorkItemType", t);
    }
  }

  @Test
  void updatesAndRevisionsMatchTheirDefinitionsAndExamples() {
    JsonNode item = createTask("history " + suffix(), 1);
    int id = item.path("id").asInt();
    ok(
        http.patch(
            "_apis/wit/workitems/" + id + "?api-version=7.1",
            List.of(Map.of("op", "replace", "path", "/fields/System.Title", "value", "renamed"))),
        200);
    JsonNode updates = ok(http.get("_apis/wit/workItems/" + id + "/updates?api-version=7.1"), 200);
    assertThat(values(updates)).hasSize(2);
    Set<String> keys =
        SwaggerContract.keyPaths(
            firstValue(WIT_EX + "updates/GET__list_of_workitem_updates.json"), 1);
    for (JsonNode u : values(updates)) {
      assertConforms(WIT, "WorkItemUpdate", u);
      assertHasKeys(u, keys);
    }
    assertHasKeys(
        values(updates).get(1).path("fields"),
        Set.of("System.Title/oldValue", "System.Title/newValue", "System.Rev/oldValue"));
    // The first update sets every field; compare with the System fields of the service's first
    // update (its item was assigned, tagged and two iteration levels deep, ours is not).
    Set<String> firstFields = new TreeSet<>();
    firstValue(WIT_EX + "updates/GET__list_of_workitem_updates.json")
        .path("fields")
        .fieldNames()
        .forEachRemaining(firstFields::add);
    firstFields.removeIf(
        f ->
            !f.startsWith("System.")
                || Set.of("System.AssignedTo", "System.Tags", "System.IterationLevel2")
                    .contains(f));
    assertThat(missingFields(values(updates).get(0), firstFields))
        .as("System fields of the service's first update missing from %s", values(updates).get(0))
        .isEmpty();

    JsonNode revisions =
        ok(http.get("_apis/wit/workItems/" + id + "/revisions?api-version=7.1"), 200);
    assertThat(values(revisions)).hasSize(2);
    Set<String> revKeys =
        SwaggerContract.keyPaths(
            firstValue(WIT_EX + "revisions/GET__list_workitem_revisions.json"), 1);
    for (JsonNode r : values(revisions)) {
      assertConforms(WIT, "WorkItem", r);
      assertHasKeys(r, revKeys);
    }
  }

  @Test
  void anAttachmentUploadAnswersAnAttachmentReference() {
    JsonNode ref =
        ok(
            http.send(
                "POST",
                project + "/_apis/wit/attachments?fileName=notes.txt&api-version=7.1",
                "plain text",
                "application/octet-stream"),
            201);
    assertConforms(WIT, "AttachmentReference", ref);
    assertHasKeys(
        ref,
        SwaggerContract.keyPaths(
            example(WIT_EX + "attachments/POST__wit_attachments_fileName-_textFile_.json"), 1));
  }

  @Test
  void relationTypesMatchWorkItemRelationTypeAndTheExample() {
    JsonNode list = ok(http.get("_apis/wit/workitemrelationtypes?api-version=7.1"), 200);
    List<JsonNode> examples = new ArrayList<>();
    example(WIT_EX + "workItemRelationTypes/GET__relation_types.json")
        .path("value")
        .forEach(examples::add);
    for (JsonNode t : values(list)) {
      assertConforms(WIT, "WorkItemRelationType", t);
      String ref = t.path("referenceName").asText();
      // Compare with the service's entry for the same link type, when the example lists it.
      examples.stream()
          .filter(e -> ref.equals(e.path("referenceName").asText()))
          .findFirst()
          .ifPresent(e -> assertHasKeys(t, SwaggerContract.keyPaths(e, 2)));
    }
    assertThat(values(list))
        .extracting(t -> t.path("referenceName").asText())
        .contains("System.LinkTypes.Hierarchy-Forward", "System.LinkTypes.Related");
  }

  @Test
  void typeFieldsAndStatesMatchTheirDefinitionsAndExamples() {
    JsonNode fields =
        ok(http.get(project + "/_apis/wit/workitemtypes/Bug/fields?api-version=7.1"), 200);
    for (JsonNode f : values(fields)) {
      assertConforms(WIT, "WorkItemTypeFieldWithReferences", f);
      assertHasKeys(f, Set.of("alwaysRequired", "defaultValue", "referenceName", "name", "url"));
    }
    JsonNode states =
        ok(http.get(project + "/_apis/wit/workitemtypes/Bug/states?api-version=7.1"), 200);
    Set<String> keys =
        SwaggerContract.keyPaths(
            firstValue(WIT_EX + "workItemTypeStates/GET__workitem_type_states.json"), 1);
    for (JsonNode st : values(states)) {
      assertConforms(WIT, "WorkItemStateColor", st);
      assertHasKeys(st, keys);
    }
  }

  @Test
  void teamMembersMatchTeamMember() {
    String projectId = projectId();
    JsonNode teams = ok(http.get("_apis/projects/" + projectId + "/teams?api-version=7.1"), 200);
    String teamId = values(teams).get(0).path("id").asText();
    JsonNode members =
        ok(
            http.get(
                "_apis/projects/" + projectId + "/teams/" + teamId + "/members?api-version=7.1"),
            200);
    assertThat(values(members)).isNotEmpty();
    for (JsonNode m : values(members)) {
      assertConforms(CORE, "TeamMember", m);
      assertHasKeys(
          m,
          Set.of(
              "identity/id",
              "identity/displayName",
              "identity/uniqueName",
              "identity/url",
              "identity/imageUrl"));
    }
  }

  @Test
  void aDeleteAnswersAWorkItemDelete() {
    int id = createTask("deleted " + suffix(), 1).path("id").asInt();
    JsonNode deleted =
        ok(http.delete(project + "/_apis/wit/workitems/" + id + "?api-version=7.1"), 200);
    assertConforms(WIT, "WorkItemDelete", deleted);
    assertHasKeys(
        deleted,
        Set.of("id", "code", "deletedBy", "deletedDate", "name", "project", "type", "url"));
  }

  @Test
  void savedQueriesMatchQueryHierarchyItemAndRunByIdAsAWorkItemQueryResult() {
    String wiql =
        "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] = @project"
            + " ORDER BY [System.ChangedDate] DESC";
    JsonNode folder =
        ok(
            http.post(
                project + "/_apis/wit/queries/Shared%20Queries?api-version=7.1",
                Map.of("name", "Contract " + suffix(), "isFolder", true)),
            200);
    assertConforms(WIT, "QueryHierarchyItem", folder);
    JsonNode query =
        ok(
            http.post(
                project + "/_apis/wit/queries/" + folder.path("id").asText() + "?api-version=7.1",
                Map.of("name", "Contract query", "wiql", wiql)),
            200);
    assertConforms(WIT, "QueryHierarchyItem", query);
    assertHasKeys(
        query,
        Set.of(
            "id",
            "name",
            "path",
            "createdBy/displayName",
            "createdDate",
            "lastModifiedBy/id",
            "lastModifiedDate",
            "queryType",
            "wiql",
            "isPublic",
            "columns",
            "sortColumns",
            "_links/self",
            "_links/html",
            "_links/parent",
            "_links/wiql",
            "url"));
    JsonNode roots =
        ok(http.get(project + "/_apis/wit/queries?$depth=2&$expand=all&api-version=7.1"), 200);
    assertThat(values(roots)).hasSize(2);
    for (JsonNode root : values(roots)) {
      assertConforms(WIT, "QueryHierarchyItem", root);
      assertHasKeys(
          root, Set.of("id", "name", "path", "isFolder", "isPublic", "_links/self", "url"));
    }
    JsonNode result =
        ok(
            http.get(project + "/_apis/wit/wiql/" + query.path("id").asText() + "?api-version=7.1"),
            200);
    assertConforms(WIT, "WorkItemQueryResult", result);
    // The service's example runs a link query; this one is flat, so workItems stand for its
    // workItemRelations.
    Set<String> keys =
        SwaggerContract.keyPaths(example(WIT_EX + "wiql/GET__wit_wiql__queryId_.json"), 1);
    keys.remove("workItemRelations");
    keys.add("workItems");
    assertHasKeys(result, keys);
  }

  @Test
  void tagsMatchWorkItemTagDefinition() {
    int id = createTask("tagged " + suffix(), 1).path("id").asInt();
    ok(
        http.patch(
            "_apis/wit/workitems/" + id + "?api-version=7.1",
            List.of(Map.of("op", "add", "path", "/fields/System.Tags", "value", "contract"))),
        200);
    JsonNode list = ok(http.get(project + "/_apis/wit/tags?api-version=7.1"), 200);
    for (JsonNode t : values(list)) {
      assertConforms(WIT, "WorkItemTagDefinition", t);
      assertHasKeys(t, Set.of("id", "name", "lastUpdated", "url"));
    }
    JsonNode one = ok(http.get(project + "/_apis/wit/tags/contract?api-version=7.1"), 200);
    assertConforms(WIT, "WorkItemTagDefinition", one);
  }

  @Test
  void commentVersionsMatchCommentVersion() {
    int id = createTask("versioned " + suffix(), 1).path("id").asInt();
    String path = project + "/_apis/wit/workItems/" + id + "/comments";
    JsonNode comment =
        ok(http.post(path + "?api-version=7.1-preview.4", Map.of("text", "v1")), 200);
    String versions = path + "/" + comment.path("id").asInt() + "/versions";
    JsonNode list = ok(http.get(versions + "?api-version=7.1-preview.1"), 200);
    for (JsonNode v : values(list)) {
      assertConforms(WIT, "CommentVersion", v);
      assertHasKeys(
          v,
          Set.of(
              "id",
              "version",
              "text",
              "renderedText",
              "createdBy",
              "createdDate",
              "modifiedBy",
              "modifiedDate",
              "isDeleted",
              "url"));
    }
    assertConforms(
        WIT, "CommentVersion", ok(http.get(versions + "/1?api-version=7.1-preview.1"), 200));
  }

  @Test
  void anAttachedFileRelationMatchesWorkItemRelationWithTheServiceAttributes() {
    JsonNode ref =
        ok(
            http.send(
                "POST",
                project + "/_apis/wit/attachments?fileName=contract.txt&api-version=7.1",
                "contract",
                "application/octet-stream"),
            201);
    int id = createTask("attached " + suffix(), 1).path("id").asInt();
    JsonNode item =
        ok(
            http.patch(
                "_apis/wit/workitems/" + id + "?$expand=relations&api-version=7.1",
                List.of(
                    Map.of(
                        "op",
                        "add",
                        "path",
                        "/relations/-",
                        "value",
                        Map.of("rel", "AttachedFile", "url", ref.path("url").asText())))),
            200);
    assertConforms(WIT, "WorkItem", item);
    assertHasKeys(
        item.path("relations").get(0),
        Set.of(
            "rel",
            "url",
            "attributes/authorizedDate",
            "attributes/id",
            "attributes/resourceCreatedDate",
            "attributes/resourceModifiedDate",
            "attributes/revisedDate",
            "attributes/name",
            "attributes/resourceSize"));
  }

  @Test
  void workItemSearchAnswersTheServiceShape() {
    createTask("searchable contract item " + suffix(), 1);
    JsonNode r =
        ok(
            http.post(
                "_apis/search/workitemsearchresults?api-version=7.1-preview.1",
                Map.of("searchText", "searchable contract", "includeFacets", true)),
            200);
    // The keys of the service's example answer (search/5.1 httpExamples, WorkItemSearchResponse);
    // the search area's document is not among the vendored specs.
    assertHasKeys(r, Set.of("count", "results", "infoCode", "facets/System.WorkItemType"));
    assertThat(r.path("results").size()).isPositive();
    assertHasKeys(
        r.path("results").get(0),
        Set.of(
            "project/name",
            "project/id",
            "fields/system.id",
            "fields/system.workitemtype",
            "fields/system.title",
            "fields/system.state",
            "fields/system.rev",
            "fields/system.createddate",
            "fields/system.changeddate",
            "hits",
            "url"));
    r.path("results")
        .get(0)
        .path("fields")
        .forEach(v -> assertThat(v.isTextual()).as("field values are strings: %s", v).isTrue());
    assertHasKeys(
        r.path("results").get(0).path("hits").get(0), Set.of("fieldReferenceName", "highlights"));
  }

  @Test
  void theLocationServiceListsTheNewResources() {
    Set<String> wit = new TreeSet<>();
    ok(http.send("OPTIONS", "_apis/wit", null, null), 200)
        .path("value")
        .forEach(l -> wit.add(l.path("id").asText()));
    assertThat(wit)
        .contains(
            "a67d190c-c41f-424b-814d-0e906f659301",
            "a02355f5-5f8a-4671-8e32-369d23aac83d",
            "bc15bc60-e7a8-43cb-ab01-2106be3983a1",
            "49e03b34-3be0-42e3-8a5d-e8dfb88ac954");
    JsonNode search = ok(http.send("OPTIONS", "_apis/search", null, null), 200);
    assertThat(search.path("value").get(0).path("id").asText())
        .isEqualTo("73b2c9e2-ff9e-4447-8cda-5f5b21ff7cae");
    JsonNode area =
        ok(
            http.get(
                "_apis/resourceAreas/ea48a0a1-269c-42d8-b8ad-ddc8fcdcf578?api-version=7.1-preview.1"),
            200);
    assertThat(area.path("name").asText()).isEqualTo("search");
  }

  private static JsonNode createTask(String title, int priority) {
    return ok(
        http.send(
            "POST",
            project + "/_apis/wit/workitems/$Task?api-version=7.1",
            titlePatch(title, priority),
            "application/json-patch+json"),
        200);
  }

  private static List<Object> titlePatch(String title, int priority) {
    return List.of(
        Map.of("op", "add", "path", "/fields/System.Title", "value", title),
        Map.of("op", "add", "path", "/fields/Microsoft.VSTS.Common.Priority", "value", priority));
  }

  private static String projectId() {
    return ok(http.get("_apis/projects/" + project + "?api-version=7.1"), 200).path("id").asText();
  }

  private static JsonNode ok(Http.Res res, int status) {
    assertThat(res.status())
        .as("%s %s answered %s", res.raw().request().method(), res.raw().uri(), res.body())
        .isEqualTo(status);
    return res.json();
  }

  /** The `value` array of a {"count":N,"value":[...]} list, checking the count matches. */
  private static List<JsonNode> values(JsonNode list) {
    assertThat(list.path("value").isArray()).as("a {count, value} list: %s", list).isTrue();
    assertThat(list.path("count").asInt(-1))
        .as("count of %s", list)
        .isEqualTo(list.path("value").size());
    List<JsonNode> out = new ArrayList<>();
    list.path("value").forEach(out::add);
    return out;
  }

  private static JsonNode find(List<JsonNode> nodes, String key, String value) {
    return nodes.stream()
        .filter(n -> value.equals(n.path(key).asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + nodes));
  }

  private static JsonNode example(String file) {
    return SwaggerContract.exampleBody(file);
  }

  private static JsonNode firstValue(String file) {
    return example(file).path("value").get(0);
  }

  private static void assertConforms(String doc, String definition, JsonNode node) {
    assertThat(SwaggerContract.violations(doc, definition, node))
        .as("%s#/definitions/%s violations for %s", doc, definition, Json.write(node))
        .isEmpty();
    // ReferenceLinks is declared as {links: {...}} but the service writes the links themselves
    // ({"self": {"href": ...}}); anything else undeclared is a property the service never sends.
    assertThat(SwaggerContract.undeclared(doc, definition, node))
        .filteredOn(path -> !path.contains("/_links/"))
        .as(
            "properties %s#/definitions/%s does not declare, in %s",
            doc, definition, Json.write(node))
        .isEmpty();
  }

  private static void assertHasKeys(JsonNode node, Set<String> keys) {
    assertThat(SwaggerContract.missing(node, keys))
        .as("properties the service shows, missing from %s", Json.write(node))
        .isEmpty();
  }

  private static void assertIdentity(JsonNode identity) {
    assertHasKeys(identity, IDENTITY_KEYS);
  }

  private static Set<String> missingFields(JsonNode item, Set<String> refs) {
    Set<String> out = new TreeSet<>();
    for (String ref : refs) {
      if (!item.path("fields").has(ref)) {
        out.add(ref);
      }
    }
    return out;
  }

  private static String relative(String absolute) {
    String base = http.orgUrl();
    assertThat(absolute).as("operation url under the organization").startsWith(base);
    return absolute.substring(base.length());
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
