package dev.azdo.pipeline;

import java.util.List;

/** A job file or option set is invalid: one clear line per bad key. */
public final class JobException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  /** Creates the exception from its problems. */
  public JobException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, one line each. */
  public List<String> problems() {
    return problems;
  }
}
