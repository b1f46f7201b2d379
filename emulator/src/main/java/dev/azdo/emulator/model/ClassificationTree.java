package dev.azdo.emulator.model;

/** Answers whether an area or iteration path exists, for work item rules (TF401347). */
public interface ClassificationTree {
  /**
   * True when the path exists in the project. structure is "Area" or "Iteration"; path starts with
   * the project name, as in System.AreaPath ("Demo\\Team A").
   */
  boolean exists(String projectId, String structure, String path);

  /** The node id of a path (System.AreaId / System.IterationId), or 0 when unknown. */
  int nodeId(String projectId, String structure, String path);
}
