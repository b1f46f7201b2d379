package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.internal.Urls;

/** Area and iteration nodes ({@code _apis/wit/classificationnodes}). */
final class ClassificationNodes {
  private final AzdoClient client;

  ClassificationNodes(AzdoClient client) {
    this.client = client;
  }

  /**
   * Returns an area or iteration node (path null for the root) with children to the given depth.
   */
  ClassificationNode getNode(
      String project, ClassificationNode.Group group, String path, int depth) {
    String url = nodesUrl(project, group, path) + "&$depth=" + depth;
    return ClassificationNode.from(
        client.json(client.send("GET", url, null, null, false, "get " + group.segment())));
  }

  /**
   * Creates an area or iteration under a parent path (null for the root); attributes may be null.
   */
  ClassificationNode createNode(
      String project,
      ClassificationNode.Group group,
      String parentPath,
      String name,
      JsonNode attributes) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
    if (attributes != null) {
      body.set("attributes", attributes);
    }
    return ClassificationNode.from(
        client.json(
            client.send(
                "POST",
                nodesUrl(project, group, parentPath),
                body,
                AzdoClient.JSON_TYPE,
                false,
                "create " + group.segment() + " " + name)));
  }

  /** Deletes an area or iteration, moving its work items to the node with reclassifyId. */
  void deleteNode(String project, ClassificationNode.Group group, String path, int reclassifyId) {
    client.send(
        "DELETE",
        nodesUrl(project, group, path) + "&$reclassifyId=" + reclassifyId,
        null,
        null,
        true,
        "delete " + group.segment() + " " + path);
  }

  private String nodesUrl(String project, ClassificationNode.Group group, String path) {
    return client.api(
        "/"
            + Urls.segment(project)
            + "/_apis/wit/classificationnodes/"
            + group.segment()
            + (path == null ? "" : Urls.path(path)));
  }
}
