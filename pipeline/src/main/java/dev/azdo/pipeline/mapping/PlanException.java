package dev.azdo.pipeline.mapping;

import java.util.List;

/** The import cannot start: every problem found in the mapping, one clear line each. */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  /** Creates the exception from its problems. */
  public PlanException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, one line each. */
  public List<String> problems() {
    return problems;
  }
}
