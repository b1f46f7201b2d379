package dev.azdo.pipeline.writer;

/**
 * The result of one write: the HTTP status of that item, the work item id on success, the service's
 * message on failure.
 */
public record WriteOutcome(int status, Integer id, String message) {

  /** Returns a success for a work item id. */
  public static WriteOutcome ok(int id) {
    return new WriteOutcome(200, id, null);
  }

  /** Returns a failure with the service's status and message. */
  public static WriteOutcome failed(int status, String message) {
    return new WriteOutcome(status, null, message);
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
