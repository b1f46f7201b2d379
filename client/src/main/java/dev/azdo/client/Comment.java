package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A work item comment.
 *
 * @param id the comment id
 * @param workItemId the work item id
 * @param version the comment version
 * @param text the HTML text
 * @param createdBy the author's display name
 * @param createdDate ISO-8601 creation time
 */
public record Comment(
    int id, int workItemId, int version, String text, String createdBy, String createdDate) {

  static Comment from(JsonNode n) {
    return new Comment(
        n.path("id").asInt(),
        n.path("workItemId").asInt(),
        n.path("version").asInt(),
        Json.text(n, "text"),
        Json.text(n.path("createdBy"), "displayName"),
        Json.text(n, "createdDate"));
  }
}
