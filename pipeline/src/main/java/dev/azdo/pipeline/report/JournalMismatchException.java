package dev.azdo.pipeline.report;

/** A journal recorded writes to another organization or project than this run's. */
public final class JournalMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the one-line message a user sees. */
  public JournalMismatchException(String message) {
    super(message);
  }
}
