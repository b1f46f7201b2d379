package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.internal.Urls;
import java.util.List;

/** The comments of work items ({@code _apis/wit/workItems/{id}/comments}, preview in 7.1). */
final class WorkItemComments {
  private final AzdoClient client;

  WorkItemComments(AzdoClient client) {
    this.client = client;
  }

  /** Lists one page of a work item's comments; pass null for the first page. */
  Page<Comment> list(String project, int workItemId, String continuationToken) {
    String url =
        commentsUrl(project, workItemId)
            + "&$top=200"
            + (continuationToken == null
                ? ""
                : "&continuationToken=" + Urls.query(continuationToken));
    JsonNode n =
        client.json(client.send("GET", url, null, null, false, "list comments of " + workItemId));
    List<Comment> items = Json.list(n.get("comments")).stream().map(Comment::from).toList();
    return new Page<>(items, Json.text(n, "continuationToken"));
  }

  /** Adds a comment (HTML or plain text) to a work item. */
  Comment add(String project, int workItemId, String text) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("text", text);
    return Comment.from(
        client.json(
            client.send(
                "POST",
                commentsUrl(project, workItemId),
                body,
                AzdoClient.JSON_TYPE,
                false,
                "add comment to " + workItemId)));
  }

  private String commentsUrl(String project, int workItemId) {
    return client.base()
        + "/"
        + Urls.segment(project)
        + "/_apis/wit/workItems/"
        + workItemId
        + "/comments?api-version="
        + commentsVersion();
  }

  private String commentsVersion() {
    String v = client.apiVersions().comments();
    if (v == null) {
      throw new AzdoException(
          AzdoException.Kind.INVALID,
          400,
          null,
          null,
          "work item comments: this server (api-version "
              + client.apiVersions().serverVersion()
              + ") has no comments API; it came with Azure DevOps Server 2019 Update 1"
              + " (api-version 5.1)");
    }
    return v;
  }
}
