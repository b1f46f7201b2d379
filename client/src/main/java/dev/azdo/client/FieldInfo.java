package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field of the organization or project ({@code _apis/wit/fields}).
 *
 * @param referenceName such as {@code System.AssignedTo}
 * @param name such as {@code Assigned To}
 * @param type string, integer, dateTime, html, treePath, identity, ...
 * @param identity true for fields that hold people
 * @param readOnly true for fields the service sets itself
 */
public record FieldInfo(
    String referenceName, String name, String type, boolean identity, boolean readOnly) {

  static FieldInfo from(JsonNode n) {
    String type = Json.text(n, "type");
    return new FieldInfo(
        Json.text(n, "referenceName"),
        Json.text(n, "name"),
        type,
        n.path("isIdentity").asBoolean(false) || "identity".equalsIgnoreCase(type),
        n.path("readOnly").asBoolean(false));
  }
}
