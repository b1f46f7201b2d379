package dev.azdo.pipeline.report;

/** Another run holds the journal; this one writes nothing and stops (exit 2). */
public final class JournalLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the one-line message a user sees. */
  public JournalLockedException(String message) {
    super(message);
  }
}
