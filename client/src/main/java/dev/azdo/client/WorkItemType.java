package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A work item type of a project.
 *
 * @param name the name, e.g. User Story
 * @param referenceName the reference name, e.g. Microsoft.VSTS.WorkItemTypes.UserStory
 * @param description the description, or null
 * @param disabled whether the type is disabled
 * @param raw the whole JSON object
 */
public record WorkItemType(
    String name, String referenceName, String description, boolean disabled, JsonNode raw) {

  static WorkItemType from(JsonNode n) {
    return new WorkItemType(
        Json.text(n, "name"),
        Json.text(n, "referenceName"),
        Json.text(n, "description"),
        n.path("isDisabled").asBoolean(false),
        n);
  }
}
