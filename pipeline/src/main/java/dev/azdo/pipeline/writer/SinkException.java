package dev.azdo.pipeline.writer;

import dev.azdo.client.AzdoException;

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

  /**
   * Tells whether a failed call must stop the run rather than be tried again: bad credentials, a
   * missing project, an untrusted host, or a demanded wait over retry-max-wait (trying again sooner
   * only earns another refusal).
   */
  public static boolean isFatal(AzdoException e) {
    return switch (e.kind()) {
      case AUTHENTICATION, FORBIDDEN, NOT_FOUND, UNTRUSTED_HOST, WAIT_TOO_LONG -> true;
      default -> false;
    };
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
