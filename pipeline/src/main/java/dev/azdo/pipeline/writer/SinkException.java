package dev.azdo.pipeline.writer;

/**
 * A whole batch call failed, so the outcome of its writes is unknown. Fatal failures (bad
 * credentials, missing project) stop the run at once; others are retried after a lookup by key.
 */
public final class SinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean fatal;
  private final boolean refused;

  /** Creates the exception; the message is one line without secrets. */
  public SinkException(String message, boolean fatal, Throwable cause) {
    this(message, fatal, false, cause);
  }

  /**
   * Creates the exception; {@code refused} when the service answered the call as a whole with 400
   * or 413 (a body over its limit, one item's value too long), so nothing of it was written.
   */
  public SinkException(String message, boolean fatal, boolean refused, Throwable cause) {
    super(message, cause);
    this.fatal = fatal;
    this.refused = refused;
  }

  /** Returns true when the service refused the whole call: smaller parts may go through. */
  public boolean isRefused() {
    return refused;
  }

  /** Returns true when retrying cannot help, such as a 401 or a missing project. */
  public boolean isFatal() {
    return fatal;
  }
}
