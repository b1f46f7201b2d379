package dev.azdo.client;

import java.util.List;

/** Reports invalid connection settings, one clear message per bad key. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> errors;

  /** Creates the exception from the list of messages. */
  public ConfigException(List<String> errors) {
    super(String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  /** Returns one message per bad key. */
  public List<String> errors() {
    return errors;
  }
}
