package dev.azdo.pipeline.report;

import java.util.List;

/**
 * How one input row ended: written (with the id it became), rejected (with the reason), skipped as
 * unchanged since an earlier run, skipped as created earlier with content changed since, or not
 * attempted because the run stopped.
 *
 * @param row the source row number
 * @param key the row's key, or null without {@code --key}
 * @param status how the row ended
 * @param id the work item number or GUID the row became or was found as, or null
 * @param reason why it was rejected, skipped with changed content or not attempted, else null
 * @param notKept for a written row, the fields sent that the service did not keep as sent
 */
public record RowOutcome(
    long row, String key, Status status, String id, String reason, List<FieldNotKept> notKept) {

  /** Takes a missing list of fields not kept as none. */
  public RowOutcome {
    notKept = notKept == null ? List.of() : List.copyOf(notKept);
  }

  /** An outcome without fields not kept. */
  public RowOutcome(long row, String key, Status status, String id, String reason) {
    this(row, key, status, id, reason, List.of());
  }

  /** The ends a row can come to. */
  public enum Status {
    /** Created, updated or deleted by this run (or found written by an earlier, lost answer). */
    WRITTEN,
    /** Refused by the plan or the service, with a reason; in the rejects file. */
    REJECTED,
    /** Written by an earlier run with the same content. */
    UNCHANGED,
    /** Created by an earlier run; its content changed and this endpoint cannot apply it. */
    CHANGED,
    /** The run stopped before the row was sent. */
    NOT_ATTEMPTED
  }
}
