package dev.azdo.pipeline.endpoint;

/** A row cannot be written: the input column at fault (or null) and a reason a person reads. */
public final class RowRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String input;

  /** Creates the rejection for an input column (null for the whole row). */
  public RowRejected(String input, String reason) {
    super(reason);
    this.input = input;
  }

  /** Returns the input column at fault, or null. */
  public String input() {
    return input;
  }
}
