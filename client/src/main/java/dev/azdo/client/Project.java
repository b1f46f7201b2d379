package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A team project.
 *
 * @param id the project id (GUID)
 * @param name the name
 * @param description the description, or null
 * @param state wellFormed, createPending, deleting, ...
 * @param visibility private or public
 * @param revision the project revision
 * @param raw the whole JSON object
 */
public record Project(
    String id,
    String name,
    String description,
    String state,
    String visibility,
    long revision,
    JsonNode raw) {

  static Project from(JsonNode n) {
    return new Project(
        Json.text(n, "id"),
        Json.text(n, "name"),
        Json.text(n, "description"),
        Json.text(n, "state"),
        Json.text(n, "visibility"),
        n.path("revision").asLong(),
        n);
  }
}
