package dev.azdo.cli;

/** A usage or configuration error: exit code 2 and one clear line. */
public final class UsageException extends RuntimeException {
  /** Creates the error with the line the user sees. */
  public UsageException(String message) {
    super(message);
  }
}
