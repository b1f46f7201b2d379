package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.WorkItemPatch;

/**
 * One write inside a batch.
 *
 * @param kind create, update or delete
 * @param rowNumber the source row, for messages
 * @param workItemType the type to create; for delete the type the item must have (null: any); null
 *     for update
 * @param id the work item to update or delete (null for create)
 * @param patch the fields and relations (empty for delete)
 */
public record WorkItemWrite(
    Kind kind, long rowNumber, String workItemType, Integer id, WorkItemPatch patch) {

  /** The HTTP operation a write becomes. */
  public enum Kind {
    /** PATCH _apis/wit/workitems/$TYPE. */
    CREATE,
    /** PATCH _apis/wit/workitems/ID. */
    UPDATE,
    /** DELETE _apis/wit/workitems/ID. */
    DELETE
  }
}
