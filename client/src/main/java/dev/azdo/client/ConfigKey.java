package dev.azdo.client;

import java.util.List;
import java.util.Optional;

/**
 * One connection setting: name, type, default, validator and documentation, like Kafka's
 * ConfigDef.ConfigKey.
 *
 * @param name the canonical name, also the CLI flag without dashes
 * @param type the value type
 * @param defaultValue the default as text, or null when there is none
 * @param validator checks the converted value; null accepts anything
 * @param doc one sentence for help text
 * @param aliases other accepted spellings (seed tool names, JDBC property names)
 * @param section the help section that shows it
 */
public record ConfigKey(
    String name,
    Type type,
    String defaultValue,
    Validator validator,
    String doc,
    List<String> aliases,
    Section section) {

  /** Creates a setting of the connection section. */
  public ConfigKey(
      String name,
      Type type,
      String defaultValue,
      Validator validator,
      String doc,
      List<String> aliases) {
    this(name, type, defaultValue, validator, doc, aliases, Section.CONNECTION);
  }

  /** Returns the same setting in another help section. */
  public ConfigKey in(Section other) {
    return new ConfigKey(name, type, defaultValue, validator, doc, aliases, other);
  }

  /** Where a setting is shown in help, in the order shown. */
  public enum Section {
    /** Which organization and how calls are made and retried. */
    CONNECTION("Connection"),
    /** How to sign in: PAT, OAuth, Entra ID. */
    SIGN_IN("Sign-in");

    private final String title;

    Section(String title) {
      this.title = title;
    }

    /** Returns the section's heading. */
    public String title() {
      return title;
    }
  }

  /** The value types a setting can have. */
  public enum Type {
    /** Free text. */
    STRING,
    /** A whole number. */
    INT,
    /** true or false (also yes/no, 1/0). */
    BOOLEAN,
    /** Comma-separated text values. */
    LIST,
    /** A length of time: 30s, 5m, 1h, 500ms, a number of seconds, or ISO-8601 (PT5M). */
    DURATION,
    /** A secret: given as a value, {@code env:NAME} or {@code file:PATH}; never printed. */
    PASSWORD
  }

  /** Checks a converted value and returns an error message without the key, or null if valid. */
  @FunctionalInterface
  public interface Validator {
    /** Returns why the value is bad, or null. */
    String check(Object value);
  }

  /**
   * A validator that accepts a fixed list of values (ignoring case), which forms show as choices.
   *
   * @param values the accepted values, in lower case
   */
  public record OneOf(List<String> values) implements Validator {
    @Override
    public String check(Object value) {
      String s = value instanceof Enum<?> e ? e.name() : String.valueOf(value);
      return values.contains(s.toLowerCase(java.util.Locale.ROOT))
          ? null
          : "must be one of " + String.join(", ", values);
    }
  }

  /** Returns the values a setting accepts when it has a fixed list, else an empty list. */
  public List<String> choices() {
    return validator instanceof OneOf o ? o.values() : List.of();
  }

  /** Returns the default, if any. */
  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultValue);
  }

  /** Tells whether this setting holds a secret. */
  public boolean isSecret() {
    return type == Type.PASSWORD;
  }
}
