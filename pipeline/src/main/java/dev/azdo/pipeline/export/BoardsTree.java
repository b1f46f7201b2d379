package dev.azdo.pipeline.export;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemFetcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The parent/child tree of an export's items in Azure Boards' CSV order: each parent followed by
 * its children, depth first, with the depth that picks the {@code Title N} column. Holds two ints
 * per item.
 */
final class BoardsTree {
  private final List<Integer> order;
  private final List<Integer> depths;

  private BoardsTree(List<Integer> order, List<Integer> depths) {
    this.order = order;
    this.depths = depths;
  }

  /** Reads every item's parent (System.Parent) at the export's moment and orders the tree. */
  static BoardsTree read(
      AzdoClient client, String project, List<Integer> ids, String asOf, int concurrency) {
    Map<Integer, Integer> parent = new HashMap<>();
    Iterator<WorkItem> it =
        WorkItemFetcher.builder(client)
            .project(project)
            .fields(List.of("System.Id", "System.Parent"))
            .asOf(asOf)
            .concurrency(concurrency)
            .build()
            .items(ids);
    while (it.hasNext()) {
      WorkItem w = it.next();
      parent.put(w.id(), w.field("System.Parent").asInt(0));
    }
    Map<Integer, List<Integer>> children = new HashMap<>();
    List<Integer> roots = new ArrayList<>();
    for (int id : ids) {
      Integer p = parent.get(id);
      if (p == null) {
        continue; // deleted since the query ran
      }
      if (p != 0 && parent.containsKey(p)) {
        children.computeIfAbsent(p, k -> new ArrayList<>()).add(id);
      } else {
        roots.add(id);
      }
    }
    List<Integer> order = new ArrayList<>(parent.size());
    List<Integer> depths = new ArrayList<>(parent.size());
    Deque<int[]> stack = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(new int[] {roots.get(i), 0});
    }
    while (!stack.isEmpty()) {
      int[] top = stack.pop();
      order.add(top[0]);
      depths.add(top[1]);
      List<Integer> kids = children.getOrDefault(top[0], List.of());
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(new int[] {kids.get(i), top[1] + 1});
      }
    }
    return new BoardsTree(order, depths);
  }

  /** The ids, parents before their children. */
  List<Integer> order() {
    return order;
  }

  /** Each id's depth in the tree, 0 for a top-level item, in {@link #order} order. */
  List<Integer> depths() {
    return depths;
  }
}
