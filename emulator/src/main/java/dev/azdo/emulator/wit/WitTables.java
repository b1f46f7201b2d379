package dev.azdo.emulator.wit;

import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Store;
import dev.azdo.emulator.store.Table;
import java.util.List;

/** The tables of the wit area; every piece of its state lives here so it survives a restart. */
final class WitTables {
  /** Latest revision of each work item, by id. */
  final Table<WorkItem> items;

  /** Every revision, by "id:rev". */
  final Table<WorkItem> revisions;

  /** Named id counters shared by the areas ("workItemId", "commentId"). */
  final Table<Long> counters;

  /** Who deleted a work item in the recycle bin and when, by id. */
  final Table<Deletion> deletions;

  /** Comments by "workItemId:commentId". */
  final Table<Comment> comments;

  /** Every version of every comment, by "workItemId:commentId:version". */
  final Table<Comment> commentVersions;

  /** Comment ids of each work item, in creation order, by work item id. */
  final Table<CommentIds> commentIds;

  /** Uploaded attachments by id. */
  final Table<Attachment> attachments;

  WitTables(Store store) {
    items = store.table("workItems", WorkItem.class);
    revisions = store.table("workItemRevisions", WorkItem.class);
    counters = store.table("counters", Long.class);
    deletions = store.table("workItemDeletions", Deletion.class);
    comments = store.table("workItemComments", Comment.class);
    commentVersions = store.table("workItemCommentVersions", Comment.class);
    commentIds = store.table("workItemCommentIds", CommentIds.class);
    attachments = store.table("workItemAttachments", Attachment.class);
  }

  /** A deleted work item's deleter ("Name <email>") and time (ISO). */
  record Deletion(int id, String deletedBy, String deletedDate) {}

  /** A work item comment; people are kept as "Name <email>". */
  record Comment(
      int workItemId,
      int id,
      int version,
      String text,
      String createdBy,
      String createdDate,
      String modifiedBy,
      String modifiedDate,
      boolean deleted,
      int createdInRevision) {}

  /** The comment ids of one work item. */
  record CommentIds(List<Integer> ids) {}

  /** An uploaded file: its bytes as base64. */
  record Attachment(
      String id, String fileName, String projectId, String createdDate, String data) {}
}
