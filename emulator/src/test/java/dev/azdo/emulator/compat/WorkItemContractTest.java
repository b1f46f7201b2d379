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
 * Validates the work item routes (items, batch, relations, updates, revisions, comments and their
 * versions, attachments, tags, delete) against Microsoft's OpenAPI definitions and httpExamples.
 */
final class WorkItemContractTest extends AbstractContractTest {
  @Test
  void aCreatedWorkItemMatchesWorkItemAndShowsEveryPropertyOfTheExample() {
    JsonNode item = session.createTask("Contract task " + suffix(), 2);
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
    int id = session.createTask("expanded " + suffix(), 1).path("id").asInt();
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
    int a = session.createTask("list a " + suffix(), 1).path("id").asInt();
    int b = session.createTask("list b", 2).path("id").asInt();
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
    JsonNode parent = session.createTask("parent " + suffix(), 1);
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
  void commentsMatchCommentAndCommentList() {
    int id = session.createTask("commented " + suffix(), 1).path("id").asInt();
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

    String reactions =
        project
            + "/_apis/wit/workItems/"
            + id
            + "/comments/"
            + comment.path("id").asInt()
            + "/reactions";
    JsonNode like =
        ok(http.send("PUT", reactions + "/like?api-version=7.1-preview.1", null, null), 200);
    assertConforms(WIT, "CommentReaction", like);
    assertHasKeys(like, Set.of("commentId", "type", "count", "isCurrentUserEngaged", "url"));
    for (JsonNode r : values(ok(http.get(reactions + "?api-version=7.1-preview.1"), 200))) {
      assertConforms(WIT, "CommentReaction", r);
    }
    for (JsonNode u :
        values(ok(http.get(reactions + "/like/users?api-version=7.1-preview.1"), 200))) {
      assertConforms(WIT, "IdentityRef", u);
      assertIdentity(u);
    }
    JsonNode expanded = ok(http.get(path + "&$expand=reactions"), 200);
    assertConforms(WIT, "CommentList", expanded);
    assertThat(expanded.path("comments").get(0).path("reactions").size()).isEqualTo(1);
  }

  @Test
  void updatesAndRevisionsMatchTheirDefinitionsAndExamples() {
    JsonNode item = session.createTask("history " + suffix(), 1);
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
  void aDeleteAnswersAWorkItemDelete() {
    int id = session.createTask("deleted " + suffix(), 1).path("id").asInt();
    JsonNode deleted =
        ok(http.delete(project + "/_apis/wit/workitems/" + id + "?api-version=7.1"), 200);
    assertConforms(WIT, "WorkItemDelete", deleted);
    assertHasKeys(
        deleted,
        Set.of("id", "code", "deletedBy", "deletedDate", "name", "project", "type", "url"));
  }

  @Test
  void tagsMatchWorkItemTagDefinition() {
    int id = session.createTask("tagged " + suffix(), 1).path("id").asInt();
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
    int id = session.createTask("versioned " + suffix(), 1).path("id").asInt();
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
    int id = session.createTask("attached " + suffix(), 1).path("id").asInt();
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
}
