package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A field of a work item type, combining the type's rules with the field's data type.
 *
 * @param referenceName e.g. System.Title
 * @param name e.g. Title
 * @param type string, integer, double, dateTime, plainText, html, treePath, boolean, identity...
 * @param readOnly whether the field cannot be written
 * @param required whether the type always requires it
 * @param allowedValues the picklist, empty when free
 * @param defaultValue the default, or null
 */
public record WorkItemField(
    String referenceName,
    String name,
    String type,
    boolean readOnly,
    boolean required,
    List<String> allowedValues,
    String defaultValue) {

  static WorkItemField from(JsonNode typeField, JsonNode fieldDef) {
    return new WorkItemField(
        Json.text(typeField, "referenceName"),
        Json.text(typeField, "name"),
        fieldDef == null ? null : Json.text(fieldDef, "type"),
        fieldDef != null && fieldDef.path("readOnly").asBoolean(false),
        typeField.path("alwaysRequired").asBoolean(false),
        Json.list(typeField.get("allowedValues")).stream().map(JsonNode::asText).toList(),
        Json.text(typeField, "defaultValue"));
  }
}
