package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.report.FieldNotKept;
import java.util.List;

/**
 * The result of one write: the HTTP status of that item, the work item id on success, the service's
 * message on failure, when the service names one, the field it blames (reference or display name)
 * so the rejection can name the column and, on success, the fields sent that the service answered
 * without (or with another value).
 */
public record WriteOutcome(
    int status, Integer id, String message, String field, List<FieldNotKept> notKept) {

  /** Takes a missing list of fields not kept as none. */
  public WriteOutcome {
    notKept = notKept == null ? List.of() : List.copyOf(notKept);
  }

  /** A result without a blamed field. */
  public WriteOutcome(int status, Integer id, String message) {
    this(status, id, message, null, List.of());
  }

  /** A result that may blame a field. */
  public WriteOutcome(int status, Integer id, String message, String field) {
    this(status, id, message, field, List.of());
  }

  /** Returns a success for a work item id. */
  public static WriteOutcome ok(int id) {
    return new WriteOutcome(200, id, null);
  }

  /** Returns a success whose answer did not hold every field as sent. */
  public static WriteOutcome ok(int id, List<FieldNotKept> notKept) {
    return new WriteOutcome(200, id, null, null, notKept);
  }

  /** Returns a failure with the service's status and message. */
  public static WriteOutcome failed(int status, String message) {
    return new WriteOutcome(status, null, message);
  }

  /** Returns a failure the service blames on a field (reference or display name, may be null). */
  public static WriteOutcome failed(int status, String message, String field) {
    return new WriteOutcome(status, null, message, field);
  }

  /** Returns true for a 2xx status. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Returns true when trying again may succeed: throttled (429) or a server error (5xx). */
  public boolean isRetryable() {
    return status == 429 || status >= 500;
  }
}
