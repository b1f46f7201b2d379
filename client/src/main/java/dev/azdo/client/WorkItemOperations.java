package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.http.Response;
import dev.azdo.client.internal.Urls;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Work item reads and writes: one item at a time ({@code _apis/wit/workitems}), many in one {@code
 * $batch} call, and attachment uploads.
 */
final class WorkItemOperations {
  private static final String JSON_PATCH = "application/json-patch+json";

  private final AzdoClient client;

  WorkItemOperations(AzdoClient client) {
    this.client = client;
  }

  /** Returns one work item with relations. */
  WorkItem get(int id) {
    return WorkItem.from(
        client.json(
            client.send(
                "GET",
                client.api("/_apis/wit/workitems/" + id) + "&$expand=relations",
                null,
                null,
                false,
                "get work item " + id)));
  }

  /** Creates a work item of a type in a project. */
  WorkItem create(String project, String type, WorkItemPatch patch, WriteOptions options) {
    String url =
        client.api("/" + Urls.segment(project) + "/_apis/wit/workitems/$" + Urls.segment(type))
            + options.query();
    return WorkItem.from(
        client.json(client.send("POST", url, patch.toJson(), JSON_PATCH, false, "create " + type)));
  }

  /** Updates a work item. */
  WorkItem update(int id, WorkItemPatch patch, WriteOptions options) {
    String url = client.api("/_apis/wit/workitems/" + id) + options.query();
    return WorkItem.from(
        client.json(
            client.send(
                "PATCH", url, patch.toJson(), JSON_PATCH, false, "update work item " + id)));
  }

  /** Deletes a work item to the recycle bin, or for good when destroy is true. */
  void delete(int id, boolean destroy) {
    client.send(
        "DELETE",
        client.api("/_apis/wit/workitems/" + id) + (destroy ? "&destroy=true" : ""),
        null,
        null,
        true,
        "delete work item " + id);
  }

  /** Returns a batch item that creates a work item from a JSON Patch document. */
  BatchRequest createRequest(String project, String type, JsonNode patch, WriteOptions options) {
    return new BatchRequest(
        "PATCH",
        client.rootPath()
            + "/"
            + Urls.segment(project)
            + "/_apis/wit/workitems/$"
            + Urls.segment(type)
            + "?api-version="
            + client.apiVersions().general()
            + options.query(),
        Map.of("Content-Type", JSON_PATCH),
        patch);
  }

  /** Returns a batch item that updates a work item from a JSON Patch document. */
  BatchRequest updateRequest(int id, JsonNode patch, WriteOptions options) {
    return new BatchRequest(
        "PATCH",
        client.rootPath()
            + "/_apis/wit/workitems/"
            + id
            + "?api-version="
            + client.apiVersions().general()
            + options.query(),
        Map.of("Content-Type", JSON_PATCH),
        patch);
  }

  /** Sends up to 200 requests in one {@code $batch} call; items succeed or fail one by one. */
  List<BatchResult> batch(List<BatchRequest> requests) {
    if (requests.size() > AzdoClient.MAX_IDS_PER_CALL) {
      throw new IllegalArgumentException(
          "a $batch call takes at most "
              + AzdoClient.MAX_IDS_PER_CALL
              + " requests, got "
              + requests.size());
    }
    Response r =
        client.send(
            "POST",
            client.api("/_apis/wit/$batch"),
            BatchCodec.body(requests),
            AzdoClient.JSON_TYPE,
            false,
            "batch",
            requests.size());
    try {
      return BatchCodec.parse(r.body());
    } catch (IOException e) {
      throw ResponseErrors.unreadable(r);
    }
  }

  /** Uploads a file to the project's (or, with no project, the organization's) attachments. */
  AttachmentReference uploadAttachment(String project, String fileName, byte[] content) {
    String path =
        project == null
            ? "/_apis/wit/attachments"
            : "/" + Urls.segment(project) + "/_apis/wit/attachments";
    String url = client.api(path) + "&fileName=" + Urls.query(fileName) + "&uploadType=simple";
    // A repeated upload only leaves an unreferenced attachment behind, so retrying is safe.
    JsonNode n =
        client.json(
            client.send(
                "POST", url, content, "application/octet-stream", true, "upload " + fileName));
    return new AttachmentReference(Json.text(n, "id"), Json.text(n, "url"));
  }
}
