package dev.azdo.cli;

/** Turns exceptions into the one line a user sees. */
final class Errors {
  private Errors() {}

  /** The most useful single line for an exception: its own message, or its cause's. */
  static String oneLine(Throwable t) {
    Throwable cur = t;
    while (cur.getMessage() == null && cur.getCause() != null) {
      cur = cur.getCause();
    }
    String msg = cur.getMessage() == null ? cur.getClass().getSimpleName() : cur.getMessage();
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }
}
