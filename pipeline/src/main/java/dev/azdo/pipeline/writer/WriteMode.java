package dev.azdo.pipeline.writer;

import java.util.Locale;

/** What the import does with each row, named after the write endpoints. */
public enum WriteMode {
  /** Creates a work item per row ({@code create-workitem}). */
  CREATE("create-workitem"),
  /** Updates the work item the row's key finds ({@code update-workitem}). */
  UPDATE("update-workitem"),
  /** Updates the work item the key finds, or creates one ({@code upsert-workitem}). */
  UPSERT("upsert-workitem"),
  /** Deletes the work item the key finds ({@code delete-workitem}). */
  DELETE("delete-workitem");

  private final String endpoint;

  WriteMode(String endpoint) {
    this.endpoint = endpoint;
  }

  /** Returns the endpoint name, such as {@code create-workitem}. */
  public String endpoint() {
    return endpoint;
  }

  /** Returns true when the rows need the fields a create requires. */
  public boolean createsItems() {
    return this == CREATE || this == UPSERT;
  }

  /**
   * Returns the mode for an endpoint name, or throws IllegalArgumentException listing the names.
   */
  public static WriteMode fromEndpoint(String name) {
    for (WriteMode mode : values()) {
      if (mode.endpoint.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "endpoint \""
            + name
            + "\" does not write work items row by row (use create-workitem, update-workitem,"
            + " upsert-workitem or delete-workitem)");
  }
}
