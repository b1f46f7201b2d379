package dev.azdo.pipeline.source;

/** A source cannot be read any further; the message is one line naming the file and line. */
public final class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean serviceFailed;

  /** Creates the exception with a one-line message. */
  public SourceException(String message) {
    this(message, null, false);
  }

  /** Creates the exception with a one-line message and the underlying cause. */
  public SourceException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private SourceException(String message, Throwable cause, boolean serviceFailed) {
    super(message, cause);
    this.serviceFailed = serviceFailed;
  }

  /**
   * A source that asks Azure DevOps for values (lookups) cannot go on because the service failed:
   * the rows themselves are fine, and the run stops as for any service failure, the rows not handed
   * on counted as not attempted.
   */
  public static SourceException serviceFailed(String message, Throwable cause) {
    return new SourceException(message, cause, true);
  }

  /** Tells whether the service failed rather than the source (a re-run resumes). */
  public boolean isServiceFailure() {
    return serviceFailed;
  }
}
