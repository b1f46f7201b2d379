package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.FieldValues.str;

import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.wit.WorkItemEngine.Draft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A work item's area and iteration paths: checked against the project's classification tree,
 * written with their node ids and the level fields the service derives from them.
 */
final class ClassificationPaths {
  // The service keeps System.AreaLevel1..7 and System.IterationLevel1..7.
  private static final int MAX_TREE_LEVELS = 7;

  /** The level fields the service derives from the area and iteration paths. */
  static final List<String> TREE_LEVEL_FIELDS = treeLevelFields();

  private final WitServices services;

  ClassificationPaths(WitServices services) {
    this.services = services;
  }

  /** Normalises a draft's area and iteration paths; 400 (TF401347) for unknown ones. */
  void checkTree(Draft d, int id) {
    for (String[] f :
        List.of(
            new String[] {"System.AreaPath", "Area", "System.AreaId"},
            new String[] {"System.IterationPath", "Iteration", "System.IterationId"})) {
      String path = str(d.fields.get(f[0]));
      if (path == null) {
        continue;
      }
      path = path.replace('/', '\\');
      while (path.endsWith("\\")) {
        path = path.substring(0, path.length() - 1);
      }
      if (path.startsWith("\\")) {
        path = path.substring(1);
      }
      if (!services.tree().exists(d.projectId, f[1], path)) {
        throw new ApiException(
            400,
            "WorkItemTrackingTreeNameInvalidException",
            "TF401347: Invalid tree name given for work item " + id + ", field '" + f[0] + "'.");
      }
      d.fields.put(f[0], path);
      d.fields.put(f[2], services.tree().nodeId(d.projectId, f[1], path));
      setPath(d.fields, f[1], path);
    }
  }

  private static List<String> treeLevelFields() {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("Area", "Iteration")) {
      for (int level = 1; level <= MAX_TREE_LEVELS; level++) {
        out.add("System." + kind + "Level" + level);
      }
    }
    return List.copyOf(out);
  }

  /** Returns the fields with the area and iteration level fields added. */
  static Set<String> withTreeLevels(Set<String> fields) {
    Set<String> out = new java.util.HashSet<>(fields);
    out.addAll(TREE_LEVEL_FIELDS);
    return Set.copyOf(out);
  }

  /**
   * Sets an area ("Area") or iteration ("Iteration") path with the fields the service derives from
   * it: each segment in System.AreaLevelN / System.IterationLevelN, and the area's System.NodeName.
   */
  static void setPath(Map<String, Object> fields, String kind, String path) {
    fields.put("System." + kind + "Path", path);
    String[] segments = path.split("\\\\");
    for (int level = 1; level <= MAX_TREE_LEVELS; level++) {
      String key = "System." + kind + "Level" + level;
      if (level <= segments.length) {
        fields.put(key, segments[level - 1]);
      } else {
        fields.remove(key);
      }
    }
    if (kind.equals("Area")) {
      fields.put("System.NodeName", segments[segments.length - 1]);
    }
  }
}
