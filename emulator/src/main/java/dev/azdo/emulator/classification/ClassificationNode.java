package dev.azdo.emulator.classification;

/**
 * An area or iteration node as stored in the "classificationNodes" table. A root node (parentId 0)
 * has no stored name: it shows the project's current name, as the service renames roots with the
 * project. Dates are ISO-8601 UTC strings, or null. Immutable: change a copy and put it back.
 */
public record ClassificationNode(
    int id,
    String identifier,
    String projectId,
    String structure,
    int parentId,
    String name,
    String startDate,
    String finishDate) {

  /** "area" or "iteration", the structureType the API reports. */
  public static final String AREA = "area";

  /** The iteration structure type. */
  public static final String ITERATION = "iteration";

  /** True for the root of a project's area or iteration tree. */
  public boolean isRoot() {
    return parentId == 0;
  }

  /** A copy under another parent and name. */
  public ClassificationNode withParentAndName(int newParent, String newName) {
    return new ClassificationNode(
        id, identifier, projectId, structure, newParent, newName, startDate, finishDate);
  }

  /** A copy with other iteration dates. */
  public ClassificationNode withDates(String start, String finish) {
    return new ClassificationNode(
        id, identifier, projectId, structure, parentId, name, start, finish);
  }
}
