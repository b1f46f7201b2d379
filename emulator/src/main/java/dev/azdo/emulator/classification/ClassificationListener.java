package dev.azdo.emulator.classification;

import dev.azdo.emulator.store.Store;
import java.util.List;
import java.util.Map;

/**
 * Lets the work item module follow tree changes inside the same store transaction: provide one with
 * {@code ctx.provide(ClassificationListener.class, ...)}. Paths are in work item form ("Demo\\Team
 * A"); node ids stay the same when a node is renamed or moved.
 */
public interface ClassificationListener {
  /**
   * Nodes were renamed or moved: each id in the map (the node and its subtree) now has this path.
   * structure is "area" or "iteration".
   */
  void pathsChanged(Store.Tx tx, String projectId, String structure, Map<Integer, String> paths);

  /**
   * Nodes were deleted; work items on them move to the target node (its id and path), as the
   * service's $reclassifyId does. target is null when the caller gave no $reclassifyId.
   */
  void nodesDeleted(
      Store.Tx tx,
      String projectId,
      String structure,
      List<Integer> deletedIds,
      Integer targetId,
      String targetPath);
}
