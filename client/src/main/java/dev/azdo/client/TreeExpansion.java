package dev.azdo.client;

import dev.azdo.client.internal.WiqlSplitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one tree of a tree query (MODE (Recursive)) whose rows alone pass the 20,000 result cap:
 * level by level, with one-hop queries of the tree's link type from chunks of the level's items (a
 * chunk over the cap halved), all at the paging's ASOF, then lays the rows out as one answer of the
 * service would: the top-level row (source 0), then every child right after its parent, the
 * children of one parent in the query's order.
 */
final class TreeExpansion {
  /** Runs one WIQL query and returns its link rows; over the cap it throws VS402337. */
  interface Runner {
    /** The rows of one answer. */
    List<WorkItemLink> rows(String wiql);
  }

  // Characters of ids per level query: the WIQL text stays below the service's 32,000, and few
  // calls read a wide level (each call costs the service a pass over the project).
  private static final int CHUNK_CHARS = 24_000;

  private TreeExpansion() {}

  /**
   * The rows of the tree under {@code root}, at {@code asOf} (a WIQL literal, or null).
   *
   * @throws AzdoException when the query's conditions do not allow reading it level by level (one
   *     line naming why), or when one item alone has more than 20,000 links
   */
  static List<WorkItemLink> rows(String wiql, int root, String asOf, Runner runner) {
    String linkType;
    try {
      linkType = WiqlSplitter.treeLinkType(wiql);
    } catch (IllegalArgumentException e) {
      throw refused(root, "it cannot be read level by level: " + e.getMessage());
    }
    Map<Integer, List<WorkItemLink>> children = new HashMap<>();
    Set<Integer> asked = new HashSet<>(List.of(root));
    List<Integer> level = List.of(root);
    while (!level.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      int chunk = Integer.MAX_VALUE;
      for (int i = 0; i < level.size(); ) {
        List<Integer> part = level.subList(i, chunkEnd(level, i, chunk));
        List<WorkItemLink> rows;
        try {
          rows = runner.rows(WiqlSplitter.treeLevel(wiql, linkType, part, asOf));
        } catch (AzdoException e) {
          if (!"VS402337".equals(e.serviceCode())) {
            throw e;
          }
          if (part.size() == 1) {
            // The service keeps at most 1,000 links per work item, so only an emulator store
            // filled directly gets here.
            throw refused(root, "work item " + part.get(0) + " alone has more than 20,000 links");
          }
          chunk = Math.max(1, part.size() / 2);
          continue;
        }
        for (WorkItemLink l : rows) {
          if (l.sourceId() != 0) {
            children.computeIfAbsent(l.sourceId(), k -> new ArrayList<>()).add(l);
            if (asked.add(l.targetId())) {
              next.add(l.targetId());
            }
          }
        }
        i += part.size();
      }
      level = next;
    }
    return depthFirst(root, children);
  }

  // Where a chunk from i ends: at most `most` ids, and at most CHUNK_CHARS characters of them.
  private static int chunkEnd(List<Integer> level, int i, int most) {
    int chars = 0;
    int end = i;
    while (end < level.size() && end - i < most && chars < CHUNK_CHARS) {
      chars += Integer.toString(level.get(end)).length() + 2;
      end++;
    }
    return end;
  }

  // Each child right after its parent; an item already on the path from the root is not entered
  // again (a cycle), as one answer of the service leaves it out.
  private static List<WorkItemLink> depthFirst(
      int root, Map<Integer, List<WorkItemLink>> children) {
    List<WorkItemLink> out = new ArrayList<>();
    out.add(new WorkItemLink(null, 0, root));
    Set<Integer> path = new HashSet<>(List.of(root));
    Deque<Integer> pathIds = new ArrayDeque<>(List.of(root));
    Deque<Iterator<WorkItemLink>> stack = new ArrayDeque<>();
    stack.push(children.getOrDefault(root, List.of()).iterator());
    while (!stack.isEmpty()) {
      Iterator<WorkItemLink> it = stack.peek();
      if (!it.hasNext()) {
        stack.pop();
        path.remove(pathIds.pop());
        continue;
      }
      WorkItemLink l = it.next();
      if (path.add(l.targetId())) {
        out.add(l);
        pathIds.push(l.targetId());
        stack.push(children.getOrDefault(l.targetId(), List.of()).iterator());
      }
    }
    return out;
  }

  private static AzdoException refused(int root, String why) {
    return new AzdoException(
        AzdoException.Kind.INVALID,
        400,
        "VS402337",
        null,
        "WIQL query: the tree of work item "
            + root
            + " alone returns more than 20,000 results and "
            + why
            + "; narrow it");
  }
}
