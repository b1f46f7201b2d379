package dev.azdo.pipeline.mapping;

/**
 * A row ready to write: its number, key (null without {@code --key}), work item type, the key or id
 * of its parent (null without one) and the patch of field values.
 */
public record MappedRow(
    long rowNumber, String key, String workItemType, String parentKey, WorkItemPatch patch)
    implements MappingResult {}
