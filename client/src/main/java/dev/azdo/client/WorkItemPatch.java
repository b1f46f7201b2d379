package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds a JSON Patch document for creating or updating a work item; not thread-safe. */
public final class WorkItemPatch {
  private final ArrayNode ops = Json.MAPPER.createArrayNode();

  /** Sets a field, e.g. {@code set("System.Title", "Fix login")}. */
  public WorkItemPatch set(String field, Object value) {
    return op("add", "/fields/" + field, value);
  }

  /** Removes a field's value. */
  public WorkItemPatch remove(String field) {
    ops.addObject().put("op", "remove").put("path", "/fields/" + field);
    return this;
  }

  /** Fails the update unless the work item is still at this revision. */
  public WorkItemPatch testRev(int rev) {
    return op("test", "/rev", rev);
  }

  /** Adds a relation such as System.LinkTypes.Hierarchy-Reverse or AttachedFile. */
  public WorkItemPatch addRelation(String rel, String url, String comment) {
    ObjectNode value = Json.MAPPER.createObjectNode().put("rel", rel).put("url", url);
    if (comment != null) {
      value.putObject("attributes").put("comment", comment);
    }
    ops.addObject().put("op", "add").put("path", "/relations/-").set("value", value);
    return this;
  }

  /** Attaches an uploaded file (see {@link AzdoClient#uploadAttachment}). */
  public WorkItemPatch addAttachment(String attachmentUrl, String comment) {
    return addRelation("AttachedFile", attachmentUrl, comment);
  }

  /** Appends a raw operation. */
  public WorkItemPatch op(String op, String path, Object value) {
    ObjectNode o = ops.addObject().put("op", op).put("path", path);
    o.set("value", value instanceof JsonNode j ? j : Json.MAPPER.valueToTree(value));
    return this;
  }

  /** Tells whether no operation was added. */
  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** Returns a copy of the operations as a JSON array. */
  public ArrayNode toJson() {
    return ops.deepCopy();
  }
}
