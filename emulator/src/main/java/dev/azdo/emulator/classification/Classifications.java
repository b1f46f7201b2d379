package dev.azdo.emulator.classification;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.model.ClassificationTree;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.store.Store;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The area and iteration trees of every project, kept in the "classificationNodes" table with ids
 * from the "counters" table. Root nodes are created on first use for any project.
 */
public final class Classifications implements ClassificationTree {
  /** The table of nodes, keyed by node id. */
  public static final TableKey<ClassificationNode> NODES =
      new TableKey<>("classificationNodes", ClassificationNode.class);

  private static final String COUNTER = "classificationNodeId";

  // TF50316: the characters, length and names the service refuses in a node name.
  private static final Pattern INVALID_CHARS = Pattern.compile("[\\\\/$?*:\"&><#%|+\\p{Cntrl}]");
  private static final Set<String> RESERVED =
      Set.of(
          "PRN",
          "COM1",
          "COM2",
          "COM3",
          "COM4",
          "COM5",
          "COM6",
          "COM7",
          "COM8",
          "COM9",
          "COM10",
          "LPT1",
          "LPT2",
          "LPT3",
          "LPT4",
          "LPT5",
          "LPT6",
          "LPT7",
          "LPT8",
          "LPT9",
          "NUL",
          "CON",
          "AUX",
          "SERVER",
          "SIGNUP",
          "REDIRECT",
          "WEB.CONFIG");
  private static final int MAX_NAME = 255;
  // The service keeps area and iteration trees at most 14 levels deep below the root.
  private static final int MAX_DEPTH = 14;

  private final EmulatorContext ctx;
  private final Table<ClassificationNode> nodes;
  private final Table<Long> counters;

  /** Declares the tables; call while registering. */
  public Classifications(EmulatorContext ctx) {
    this.ctx = ctx;
    this.nodes = ctx.store().table(NODES);
    this.counters = ctx.store().table(TableKey.COUNTERS);
  }

  private Store store() {
    return ctx.store();
  }

  // ---- reads --------------------------------------------------------------------------------

  /** The node with this id, or null. */
  public ClassificationNode byId(int id) {
    return nodes.get(Integer.toString(id));
  }

  /** The root of a structure, created (with a new id) on first use. */
  public ClassificationNode root(String projectId, String structure) {
    ClassificationNode r = findRoot(projectId, structure);
    if (r != null) {
      return r;
    }
    return store()
        .write(
            tx -> {
              ClassificationNode again = findRoot(projectId, structure);
              if (again != null) {
                return again;
              }
              ClassificationNode n =
                  new ClassificationNode(
                      (int) tx.next(counters, COUNTER),
                      UUID.randomUUID().toString(),
                      projectId,
                      structure,
                      0,
                      null,
                      null,
                      null);
              tx.put(nodes, Integer.toString(n.id()), n);
              return n;
            });
  }

  private ClassificationNode findRoot(String projectId, String structure) {
    for (ClassificationNode n : nodes.values()) {
      if (n.isRoot() && n.projectId().equals(projectId) && n.structure().equals(structure)) {
        return n;
      }
    }
    return null;
  }

  /** Every node of one structure ("area" or "iteration") of a project, the root included. */
  public List<ClassificationNode> all(String projectId, String structure) {
    return nodes.where(n -> n.projectId().equals(projectId) && n.structure().equals(structure));
  }

  /** Children of a node, sorted by name as the service lists them. */
  public List<ClassificationNode> children(ClassificationNode parent) {
    List<ClassificationNode> out = nodes.where(n -> n.parentId() == parent.id());
    out.sort(Comparator.comparing(n -> n.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** True when the node has at least one child. */
  public boolean hasChildren(ClassificationNode parent) {
    for (ClassificationNode n : nodes.values()) {
      if (n.parentId() == parent.id()) {
        return true;
      }
    }
    return false;
  }

  /** The child with this name (case-insensitive), or null. */
  public ClassificationNode child(ClassificationNode parent, String name) {
    for (ClassificationNode n : nodes.values()) {
      if (n.parentId() == parent.id() && n.name().equalsIgnoreCase(name)) {
        return n;
      }
    }
    return null;
  }

  /** Follows names below the root; null when a segment does not exist. */
  public ClassificationNode resolve(Project p, String structure, List<String> segments) {
    ClassificationNode n = root(p.id(), structure);
    for (String s : segments) {
      n = child(n, s);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /** The node's display name: roots show the project's name. */
  public String name(ClassificationNode n, Project p) {
    return n.isRoot() ? p.name() : n.name();
  }

  /** Names from below the root down to the node (empty for the root). */
  public List<String> segments(ClassificationNode n) {
    List<String> out = new ArrayList<>();
    ClassificationNode cur = n;
    while (cur != null && !cur.isRoot()) {
      out.add(cur.name());
      cur = byId(cur.parentId());
    }
    Collections.reverse(out);
    return out;
  }

  /** The path as work item fields hold it: "Demo\\Team A" (the root is just "Demo"). */
  public String fieldPath(ClassificationNode n, Project p) {
    StringBuilder b = new StringBuilder(p.name());
    for (String s : segments(n)) {
      b.append('\\').append(s);
    }
    return b.toString();
  }

  @Override
  public boolean exists(String projectId, String structure, String path) {
    return find(projectId, structure, path, false) != null;
  }

  @Override
  public int nodeId(String projectId, String structure, String path) {
    ClassificationNode n = find(projectId, structure, path, true);
    return n == null ? 0 : n.id();
  }

  private ClassificationNode find(String projectId, String structure, String path, boolean make) {
    String s = structureOf(structure);
    Project p = projectId == null ? null : projects().findOrNull(projectId);
    if (s == null || p == null || path == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.split("\\\\")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    if (parts.isEmpty() || !parts.get(0).equalsIgnoreCase(p.name())) {
      return null;
    }
    ClassificationNode r = make ? root(p.id(), s) : findRoot(p.id(), s);
    if (r == null) {
      // Roots exist implicitly: a path naming only the project is valid before first use.
      return parts.size() == 1
          ? new ClassificationNode(0, null, p.id(), s, 0, null, null, null)
          : null;
    }
    ClassificationNode n = r;
    for (String part : parts.subList(1, parts.size())) {
      n = child(n, part);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /** "area" or "iteration" for "Area", "Areas", "iteration", 0 or 1 (any case), else null. */
  public static String structureOf(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "area", "areas", "0" -> ClassificationNode.AREA;
      case "iteration", "iterations", "1" -> ClassificationNode.ITERATION;
      default -> null;
    };
  }

  private ProjectDirectory projects() {
    return ctx.require(ProjectDirectory.class);
  }

  // ---- writes -------------------------------------------------------------------------------

  /** Creates a child under the parent; 409 VS402371 when a sibling has the name. */
  public ClassificationNode create(
      Project p, ClassificationNode parent, String name, String start, String finish) {
    String clean = validName(name);
    return store()
        .write(
            tx -> {
              if (byId(parent.id()) == null) {
                // The parent was deleted since the caller resolved it.
                throw notFound(parent.name() == null ? "" : parent.name());
              }
              requireUniqueName(parent, clean, 0);
              if (segments(parent).size() + 1 > MAX_DEPTH) {
                throw tooDeep();
              }
              ClassificationNode n =
                  new ClassificationNode(
                      (int) tx.next(counters, COUNTER),
                      UUID.randomUUID().toString(),
                      p.id(),
                      parent.structure(),
                      parent.id(),
                      clean,
                      start,
                      finish);
              tx.put(nodes, Integer.toString(n.id()), n);
              return n;
            });
  }

  /** Moves a node (with its subtree) under a new parent of the same structure. */
  public ClassificationNode move(ClassificationNode parent, int nodeId) {
    return store()
        .write(
            tx -> {
              ClassificationNode n = byId(nodeId);
              if (n == null
                  || !n.projectId().equals(parent.projectId())
                  || !n.structure().equals(parent.structure())) {
                throw notFound(Integer.toString(nodeId));
              }
              if (n.isRoot() || isSelfOrDescendant(parent, n)) {
                throw ApiException.badRequest(
                    "ClassificationNodeInvalidMoveException",
                    "The node "
                        + n.name()
                        + " cannot be moved under itself or one of its children.");
              }
              if (n.parentId() == parent.id()) {
                return n;
              }
              requireUniqueName(parent, n.name(), n.id());
              if (segments(parent).size() + 1 + height(n) > MAX_DEPTH) {
                throw tooDeep();
              }
              ClassificationNode moved = n.withParentAndName(parent.id(), n.name());
              tx.put(nodes, Integer.toString(n.id()), moved);
              notifyPaths(tx, moved);
              return moved;
            });
  }

  /** Renames a node and/or changes its dates; roots keep the project's name. */
  public ClassificationNode update(
      ClassificationNode node, String newName, boolean setDates, String start, String finish) {
    String clean = newName == null ? null : validName(newName);
    return store()
        .write(
            tx -> {
              ClassificationNode cur = byId(node.id());
              ClassificationNode next = cur;
              if (clean != null && !clean.equals(cur.name())) {
                if (cur.isRoot()) {
                  throw ApiException.badRequest(
                      "ClassificationNodeRootRenameException",
                      "The root node takes the name of the project and cannot be renamed.");
                }
                requireUniqueName(byId(cur.parentId()), clean, cur.id());
                next = next.withParentAndName(cur.parentId(), clean);
              }
              if (setDates) {
                next = next.withDates(start, finish);
              }
              tx.put(nodes, Integer.toString(cur.id()), next);
              if (!next.isRoot() && !next.name().equals(cur.name())) {
                notifyPaths(tx, next);
              }
              return next;
            });
  }

  /**
   * Deletes a node and its subtree; work items on them go to the target (null when none was named).
   * Returns the deleted ids.
   */
  public List<Integer> delete(ClassificationNode node, ClassificationNode target) {
    return store()
        .write(
            tx -> {
              List<Integer> gone = new ArrayList<>();
              collect(node, gone);
              for (int id : gone) {
                tx.remove(nodes, Integer.toString(id));
              }
              ClassificationListener l = listener();
              if (l != null) {
                Project p = projects().findOrNull(node.projectId());
                l.nodesDeleted(
                    tx,
                    node.projectId(),
                    node.structure(),
                    List.copyOf(gone),
                    target == null ? null : target.id(),
                    target == null || p == null ? null : fieldPath(target, p));
              }
              return gone;
            });
  }

  // Tells the work item module the new paths of a renamed or moved subtree, in the same
  // transaction, so items never point at a path that no longer exists.
  private void notifyPaths(Store.Tx tx, ClassificationNode top) {
    ClassificationListener l = listener();
    Project p = projects().findOrNull(top.projectId());
    if (l == null || p == null) {
      return;
    }
    List<Integer> ids = new ArrayList<>();
    collect(top, ids);
    Map<Integer, String> paths = new LinkedHashMap<>();
    for (int id : ids) {
      paths.put(id, fieldPath(byId(id), p));
    }
    l.pathsChanged(tx, top.projectId(), top.structure(), Collections.unmodifiableMap(paths));
  }

  private ClassificationListener listener() {
    try {
      return ctx.require(ClassificationListener.class);
    } catch (IllegalStateException none) {
      return null;
    }
  }

  private void collect(ClassificationNode n, List<Integer> out) {
    out.add(n.id());
    for (ClassificationNode c : children(n)) {
      collect(c, out);
    }
  }

  /** True when candidate is node itself or below it. */
  public boolean isSelfOrDescendant(ClassificationNode candidate, ClassificationNode node) {
    Set<Integer> seen = new HashSet<>();
    ClassificationNode cur = candidate;
    while (cur != null && seen.add(cur.id())) {
      if (cur.id() == node.id()) {
        return true;
      }
      cur = cur.isRoot() ? null : byId(cur.parentId());
    }
    return false;
  }

  private int height(ClassificationNode n) {
    int h = 0;
    for (ClassificationNode c : children(n)) {
      h = Math.max(h, 1 + height(c));
    }
    return h;
  }

  private void requireUniqueName(ClassificationNode parent, String name, int exceptId) {
    ClassificationNode same = child(parent, name);
    if (same != null && same.id() != exceptId) {
      throw new ApiException(
          409,
          "ClassificationNodeDuplicateNameException",
          "VS402371: Classification node name "
              + name
              + " is already in use by a different child of parent classification node "
              + parent.identifier()
              + ". Choose a different name and try again.");
    }
  }

  /** Trims a node name and checks it as the service does (TF50316). */
  static String validName(String name) {
    String n = name == null ? "" : name.trim();
    if (n.isEmpty()
        || n.length() > MAX_NAME
        || INVALID_CHARS.matcher(n).find()
        || RESERVED.contains(n.toUpperCase(Locale.ROOT))
        || n.chars().allMatch(c -> c == '.')
        || n.startsWith(".")
        || n.endsWith(".")) {
      throw ApiException.badRequest(
          "ClassificationNodeInvalidNameException",
          "TF50316: The following name is not valid. Verify that the name does not exceed the"
              + " maximum character limit, only contains valid characters, and is not a reserved"
              + " name: "
              + n);
    }
    return n;
  }

  private static ApiException tooDeep() {
    return ApiException.badRequest(
        "ClassificationNodeMaxDepthExceededException",
        "The classification node cannot be created because the tree would exceed the"
            + " maximum depth of "
            + MAX_DEPTH
            + " levels.");
  }

  /** The service's 404 for a path or id it does not know (VS402485). */
  static ApiException notFound(String what) {
    return ApiException.notFound(
        "WorkItemTrackingTreeNodeNotFoundException",
        "VS402485: The Area/Iteration name is not recognized: " + what);
  }
}
