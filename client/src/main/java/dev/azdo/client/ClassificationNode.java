package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An area or iteration node.
 *
 * @param id the integer id
 * @param identifier the GUID
 * @param name the name
 * @param structureType area or iteration
 * @param path the full path, e.g. \Project\Area\Team
 * @param hasChildren whether it has children (loaded ones are in children)
 * @param children the loaded children
 * @param attributes startDate/finishDate for iterations, or null
 */
public record ClassificationNode(
    int id,
    String identifier,
    String name,
    String structureType,
    String path,
    boolean hasChildren,
    List<ClassificationNode> children,
    JsonNode attributes) {

  /** Which tree a node belongs to. */
  public enum Group {
    /** Area paths. */
    AREAS,
    /** Iteration paths. */
    ITERATIONS;

    String segment() {
      return this == AREAS ? "Areas" : "Iterations";
    }
  }

  static ClassificationNode from(JsonNode n) {
    return new ClassificationNode(
        n.path("id").asInt(),
        Json.text(n, "identifier"),
        Json.text(n, "name"),
        Json.text(n, "structureType"),
        Json.text(n, "path"),
        n.path("hasChildren").asBoolean(false),
        Json.list(n.get("children")).stream().map(ClassificationNode::from).toList(),
        n.get("attributes"));
  }
}
