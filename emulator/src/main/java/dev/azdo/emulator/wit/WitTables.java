package dev.azdo.emulator.wit;

import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Store;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.util.List;

/** The tables of the wit area; every piece of its state lives here so it survives a restart. */
public final class WitTables {
  /** Work items at their latest revision, by id. */
  public static final TableKey<WorkItem> WORK_ITEMS = new TableKey<>("workItems", WorkItem.class);

  /** Uploaded attachments by id. */
  public static final TableKey<Attachment> ATTACHMENTS =
      new TableKey<>("workItemAttachments", Attachment.class);

  /** Every revision of every work item, by "id:rev". */
  public static final TableKey<WorkItem> REVISIONS =
      new TableKey<>("workItemRevisions", WorkItem.class);

  private static final TableKey<Deletion> WORK_ITEM_DELETIONS =
      new TableKey<>("workItemDeletions", Deletion.class);
  private static final TableKey<Comment> WORK_ITEM_COMMENTS =
      new TableKey<>("workItemComments", Comment.class);
  private static final TableKey<Comment> WORK_ITEM_COMMENT_VERSIONS =
      new TableKey<>("workItemCommentVersions", Comment.class);
  private static final TableKey<CommentIds> WORK_ITEM_COMMENT_IDS =
      new TableKey<>("workItemCommentIds", CommentIds.class);
  private static final TableKey<Reactions> WORK_ITEM_COMMENT_REACTIONS =
      new TableKey<>("workItemCommentReactions", Reactions.class);

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

  /** Reactions to each comment, by "workItemId:commentId". */
  final Table<Reactions> reactions;

  WitTables(Store store) {
    items = store.table(WORK_ITEMS);
    revisions = store.table(REVISIONS);
    counters = store.table(TableKey.COUNTERS);
    deletions = store.table(WORK_ITEM_DELETIONS);
    comments = store.table(WORK_ITEM_COMMENTS);
    commentVersions = store.table(WORK_ITEM_COMMENT_VERSIONS);
    commentIds = store.table(WORK_ITEM_COMMENT_IDS);
    attachments = store.table(ATTACHMENTS);
    reactions = store.table(WORK_ITEM_COMMENT_REACTIONS);
  }

  /** The ids of the users who reacted to a comment, per reaction type, in the order they did. */
  record Reactions(java.util.Map<String, List<String>> byType) {}

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
