package dev.azdo.emulator.model;

import java.util.List;
import java.util.Map;

/**
 * One revision of a work item: its fields by reference name (JSON-ready values: strings, numbers,
 * booleans; identity fields hold "Display Name <email>"), relations, and whether it is in the
 * recycle bin. The store keeps the latest revision under the id and each revision under "id:rev".
 */
public record WorkItem(
    int id,
    int rev,
    String projectId,
    Map<String, Object> fields,
    List<Relation> relations,
    boolean deleted,
    int commentCount) {

  /**
   * A link from this work item: rel type (System.LinkTypes.Hierarchy-Forward, ...), url,
   * attributes.
   */
  public record Relation(String rel, String url, Map<String, Object> attributes) {}
}
