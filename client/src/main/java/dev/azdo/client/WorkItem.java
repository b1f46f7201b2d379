package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * A work item as the service returned it.
 *
 * @param id the id
 * @param rev the revision
 * @param fields field reference name to value
 * @param relations links and attachments (empty unless expanded)
 * @param url the API URL
 */
public record WorkItem(int id, int rev, JsonNode fields, List<JsonNode> relations, String url) {

  /** Returns a field's value node, or a missing node. */
  public JsonNode field(String referenceName) {
    JsonNode v = fields.get(referenceName);
    return v == null ? MissingNode.getInstance() : v;
  }

  static WorkItem from(JsonNode n) {
    return new WorkItem(
        n.path("id").asInt(),
        n.path("rev").asInt(),
        n.path("fields"),
        Json.list(n.get("relations")),
        Json.text(n, "url"));
  }
}
