package dev.azdo.emulator.compat;

import static dev.azdo.emulator.compat.ContractSession.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Validates the query routes (WIQL, saved queries, work item search) and the tracking schema
 * (classification nodes, fields, types, states, relation types, location service) against
 * Microsoft's OpenAPI definitions and httpExamples.
 */
final class QueryAndSchemaContractTest extends AbstractContractTest {
  @Test
  void aWiqlResultMatchesWorkItemQueryResultAndTheExample() {
    session.createTask("wiql " + suffix(), 1);
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
  void workItemSearchAnswersTheServiceShape() {
    session.createTask("searchable contract item " + suffix(), 1);
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
}
