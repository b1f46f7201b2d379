package dev.azdo.pipeline.source;

/** A source cannot be read any further; the message is one line naming the file and line. */
public final class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public SourceException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and the underlying cause. */
  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
