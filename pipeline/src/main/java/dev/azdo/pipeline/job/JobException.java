package dev.azdo.pipeline.job;

import java.util.List;

/** A job that cannot run as described: one message per bad key, found before any write. */
public final class JobException extends RuntimeException {
  private final List<String> problems;

  /** Creates the error from its problems, each one line naming the key and the reason. */
  public JobException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one line per bad key or option. */
  public List<String> problems() {
    return problems;
  }
}
