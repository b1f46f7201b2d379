package dev.azdo.pipeline.writer;

/**
 * The result of one write: the HTTP status of that item, the work item id on success, the service's
 * message on failure and, when the service names one, the field it blames (reference or display
 * name) so the rejection can name the column.
 */
public record WriteOutcome(int status, Integer id, String message, String field) {

  /** A result without a blamed field. */
  public WriteOutcome(int status, Integer id, String message) {
    this(status, id, message, null);
  }

  /** Returns a success for a work item id. */
  public static WriteOutcome ok(int id) {
    return new WriteOutcome(200, id, null);
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
