package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A team of a project.
 *
 * @param id the team id
 * @param name the name
 * @param description the description, or null
 * @param projectId the owning project's id
 * @param projectName the owning project's name
 * @param raw the whole JSON object
 */
public record Team(
    String id,
    String name,
    String description,
    String projectId,
    String projectName,
    JsonNode raw) {

  static Team from(JsonNode n) {
    return new Team(
        Json.text(n, "id"),
        Json.text(n, "name"),
        Json.text(n, "description"),
        Json.text(n, "projectId"),
        Json.text(n, "projectName"),
        n);
  }
}
