package dev.azdo.pipeline.writer;

/**
 * A whole batch call failed, so the outcome of its writes is unknown. Fatal failures (bad
 * credentials, missing project) stop the run at once; others are retried after a lookup by key.
 */
public final class SinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean fatal;

  /** Creates the exception; the message is one line without secrets. */
  public SinkException(String message, boolean fatal, Throwable cause) {
    super(message, cause);
    this.fatal = fatal;
  }

  /** Returns true when retrying cannot help, such as a 401 or a missing project. */
  public boolean isFatal() {
    return fatal;
  }
}
