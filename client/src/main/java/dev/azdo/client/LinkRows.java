package dev.azdo.client;

import dev.azdo.client.internal.WiqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rows of a link query paged past the 20,000 result cap: which trees of a page are new, where a
 * page's last top-level item starts, and one source's links split by target id ranges.
 */
final class LinkRows {
  private LinkRows() {}

  // Adds a tree page's rows but the trees whose top-level item an earlier page already placed.
  static void keepNewTrees(
      List<WorkItemLink> rows, Set<Integer> placed, List<WorkItemLink> out, Set<Integer> ids) {
    boolean dropping = false;
    for (WorkItemLink l : rows) {
      if (l.sourceId() == 0) {
        dropping = placed.contains(l.targetId());
      }
      if (!dropping) {
        out.add(l);
        placed.add(l.targetId());
        if (l.sourceId() != 0) {
          ids.add(l.sourceId());
        }
        ids.add(l.targetId());
      }
    }
  }

  // The index of the last top-level row (source 0) of a link query answer.
  static int lastTopLevel(List<WorkItemLink> rows) {
    for (int i = rows.size() - 1; i >= 0; i--) {
      if (rows.get(i).sourceId() == 0) {
        return i;
      }
    }
    return -1;
  }

  // One source's links alone over the cap (only in a store past the service's 1,000 links per work
  // item): split by ranges of target ids as sources are, a range over the cap halved, a sparse one
  // widened; the source's row (in every page of a MayContain query) kept once. The ranges follow
  // the target ids, as an order by id does.
  static List<WorkItemLink> oneSourceByTargets(
      String wiql, int source, int maxId, String asOf, int pageSize, TreeExpansion.Runner runner) {
    List<WorkItemLink> out = new ArrayList<>();
    List<WorkItemLink> links = new ArrayList<>();
    long lo = 1;
    int width = pageSize;
    while (lo <= maxId) {
      long hi = Math.min(lo + width, (long) maxId + 1);
      List<WorkItemLink> rows;
      try {
        rows = runner.rows(WiqlSplitter.linkTargetRange(wiql, source, (int) lo, (int) hi, asOf));
      } catch (AzdoException e) {
        if (!"VS402337".equals(e.serviceCode()) || width == 1) {
          throw e;
        }
        width = Math.max(1, width / 2);
        continue;
      }
      for (WorkItemLink l : rows) {
        if (l.sourceId() != 0) {
          links.add(l);
        } else if (out.isEmpty()) {
          out.add(l);
        }
      }
      lo = hi;
      if (rows.size() < pageSize / 4 && width <= Integer.MAX_VALUE / 2) {
        width *= 2;
      }
    }
    out.addAll(links);
    return out;
  }
}
