package dev.azdo.pipeline.mapping;

/**
 * A row ready to write: its number, key (null without {@code --key}), work item type, the key or id
 * of its parent (null without one), the patch of field values and, when the row names the existing
 * work item it updates (an Azure Boards CSV's ID), that item's id.
 */
public record MappedRow(
    long rowNumber,
    String key,
    String workItemType,
    String parentKey,
    WorkItemPatch patch,
    Integer workItemId)
    implements MappingResult {

  /** A row that names no existing work item. */
  public MappedRow(
      long rowNumber, String key, String workItemType, String parentKey, WorkItemPatch patch) {
    this(rowNumber, key, workItemType, parentKey, patch, null);
  }
}
