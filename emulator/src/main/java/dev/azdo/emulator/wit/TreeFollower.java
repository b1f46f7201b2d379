package dev.azdo.emulator.wit;

import dev.azdo.emulator.classification.ClassificationListener;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Store;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps work items on their area and iteration when nodes are renamed, moved or deleted, as the
 * service does: the node id stays, the path fields follow; deleted nodes' items go to the
 * reclassify target.
 */
final class TreeFollower implements ClassificationListener {
  private final WitTables t;

  TreeFollower(WitTables tables) {
    this.t = tables;
  }

  @Override
  public void pathsChanged(
      Store.Tx tx, String projectId, String structure, Map<Integer, String> paths) {
    Map<Integer, Map.Entry<Integer, String>> moves = new HashMap<>();
    paths.forEach((id, path) -> moves.put(id, Map.entry(id, path)));
    move(tx, projectId, structure, moves);
  }

  @Override
  public void nodesDeleted(
      Store.Tx tx,
      String projectId,
      String structure,
      List<Integer> deletedIds,
      Integer targetId,
      String targetPath) {
    if (targetId == null || targetPath == null) {
      return;
    }
    Map<Integer, Map.Entry<Integer, String>> moves = new HashMap<>();
    deletedIds.forEach(id -> moves.put(id, Map.entry(targetId, targetPath)));
    move(tx, projectId, structure, moves);
  }

  // Moves the project's items on each old node id to its new node id and path.
  private void move(
      Store.Tx tx,
      String projectId,
      String structure,
      Map<Integer, Map.Entry<Integer, String>> moves) {
    String kind = kind(structure);
    for (WorkItem w : t.items.where(w -> projectId.equals(w.projectId()))) {
      Object id = w.fields().get("System." + kind + "Id");
      Map.Entry<Integer, String> to = id instanceof Number n ? moves.get(n.intValue()) : null;
      if (to != null) {
        tx.put(t.items, Integer.toString(w.id()), moved(w, kind, to.getKey(), to.getValue()));
      }
    }
  }

  private static String kind(String structure) {
    return structure.toLowerCase(java.util.Locale.ROOT).startsWith("area") ? "Area" : "Iteration";
  }

  // The current revision's fields follow the tree; history keeps the paths it had.
  private static WorkItem moved(WorkItem w, String kind, int nodeId, String path) {
    Map<String, Object> f = new LinkedHashMap<>(w.fields());
    f.put("System." + kind + "Id", nodeId);
    ClassificationPaths.setPath(f, kind, path);
    return new WorkItem(
        w.id(), w.rev(), w.projectId(), f, w.relations(), w.deleted(), w.commentCount());
  }
}
