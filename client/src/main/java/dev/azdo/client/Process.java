package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A process template (Agile, Scrum, CMMI, Basic or inherited).
 *
 * @param id the process id (GUID)
 * @param name the name
 * @param description the description, or null
 * @param isDefault whether new projects use it by default
 * @param type system, custom or inherited
 */
public record Process(String id, String name, String description, boolean isDefault, String type) {

  static Process from(JsonNode n) {
    return new Process(
        Json.text(n, "id"),
        Json.text(n, "name"),
        Json.text(n, "description"),
        n.path("isDefault").asBoolean(false),
        Json.text(n, "type"));
  }
}
