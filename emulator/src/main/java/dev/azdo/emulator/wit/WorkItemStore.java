package dev.azdo.emulator.wit;

import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import java.util.List;

/**
 * Read access to work items for other areas (WIQL); provided through the context. Values are the
 * stored, immutable revisions.
 */
public final class WorkItemStore {
  private final Table<WorkItem> items;
  private final Table<WorkItem> revisions;
  private final WitTables tables;

  WorkItemStore(WitTables tables) {
    this.items = tables.items;
    this.revisions = tables.revisions;
    this.tables = tables;
  }

  /** The texts of a work item's comments that are not deleted, oldest first (for search). */
  public List<String> commentTexts(int id) {
    WitTables.CommentIds ids = tables.commentIds.get(Integer.toString(id));
    List<String> out = new java.util.ArrayList<>();
    if (ids != null) {
      for (int c : ids.ids()) {
        WitTables.Comment comment = tables.comments.get(id + ":" + c);
        if (comment != null && !comment.deleted()) {
          out.add(comment.text());
        }
      }
    }
    return out;
  }

  /** The latest revision of a work item that is not in the recycle bin, or null. */
  public WorkItem get(int id) {
    WorkItem w = items.get(Integer.toString(id));
    return w == null || w.deleted() ? null : w;
  }

  /** One revision of a work item, or null. */
  public WorkItem revision(int id, int rev) {
    return revisions.get(id + ":" + rev);
  }

  /** Every work item that is not in the recycle bin, latest revisions, in no particular order. */
  public List<WorkItem> all() {
    return items.where(w -> !w.deleted());
  }

  /** The work items in the recycle bin. */
  public List<WorkItem> deleted() {
    return items.where(WorkItem::deleted);
  }
}
