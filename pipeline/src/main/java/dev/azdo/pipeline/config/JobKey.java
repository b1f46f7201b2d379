package dev.azdo.pipeline.config;

import java.util.List;
import java.util.Locale;

/**
 * One import setting: where a job file keeps it, its type, default, validator, help and aliases,
 * and the {@code azdo import} flag derived from it (Kafka Connect's ConfigDef.ConfigKey).
 *
 * @param name the job file key within its section, such as {@code batch-size}
 * @param section the job file section holding it
 * @param type the value type
 * @param defaultValue the default as text, or null when there is none
 * @param validator checks the converted value; null accepts anything
 * @param doc one sentence for help text
 * @param flag the {@code azdo import} option, such as {@code --batch-size}; null when the setting
 *     comes from elsewhere on the command line (the SOURCE argument, the connection's --project)
 * @param paramLabel the value's placeholder in help, such as {@code N} or {@code FILE}
 * @param aliases other accepted spellings in job files and flags
 * @param help the section of {@code azdo import --help} that shows its flag
 */
public record JobKey(
    String name,
    Section section,
    Type type,
    String defaultValue,
    Validator validator,
    String doc,
    String flag,
    String paramLabel,
    List<String> aliases,
    Help help) {

  /** Creates a setting shown in the help section its job file section suggests. */
  public JobKey(
      String name,
      Section section,
      Type type,
      String defaultValue,
      Validator validator,
      String doc,
      String flag,
      String paramLabel,
      List<String> aliases) {
    this(
        name,
        section,
        type,
        defaultValue,
        validator,
        doc,
        flag,
        paramLabel,
        aliases,
        switch (section) {
          case SOURCE -> Help.SOURCE;
          case TOP -> Help.MAPPING;
          case OPTIONS -> Help.WRITING;
        });
  }

  /**
   * Creates a setting whose flag is {@code --NAME}, with no aliases and a value placeholder that
   * follows its type ({@code N}, {@code FILE}, none for a switch, else the name in capitals).
   */
  public static JobKey of(
      String name, Section section, Type type, String def, Validator v, String doc) {
    String label =
        switch (type) {
          case INT, LONG -> "N";
          case PATH -> "FILE";
          case BOOLEAN -> "";
          default -> name.toUpperCase(Locale.ROOT);
        };
    return new JobKey(name, section, type, def, v, doc, "--" + name, label, List.of());
  }

  /** Returns the same setting shown in another help section. */
  public JobKey in(Help section) {
    return new JobKey(
        name, this.section, type, defaultValue, validator, doc, flag, paramLabel, aliases, section);
  }

  /** The sections of {@code azdo import --help}, in the order shown. */
  public enum Help {
    /** Where rows come from. */
    SOURCE("Source"),
    /** How columns become fields. */
    MAPPING("Mapping"),
    /** How and where rows are written. */
    WRITING("Writing"),
    /** Journal, rejects, reruns and what is printed. */
    OUTPUT("Resume and output");

    private final String title;

    Help(String title) {
      this.title = title;
    }

    /** Returns the section's heading. */
    public String title() {
      return title;
    }
  }

  /** Where a setting sits in a job file. */
  public enum Section {
    /** Top level: endpoint, project, type, mapping, key, ... */
    TOP(""),
    /** Under {@code source:}. */
    SOURCE("source."),
    /** Under {@code options:}. */
    OPTIONS("options.");

    private final String prefix;

    Section(String prefix) {
      this.prefix = prefix;
    }

    /** Returns the prefix of a key's name in messages, such as {@code options.}. */
    public String prefix() {
      return prefix;
    }
  }

  /** The value types a setting can have. */
  public enum Type {
    /** Free text. */
    STRING,
    /** A whole number (int). */
    INT,
    /** A whole number (long). */
    LONG,
    /** true or false. */
    BOOLEAN,
    /** A file or folder; relative paths in a job file resolve against its folder. */
    PATH,
    /** Repeatable text values, in order. */
    LIST,
    /** Repeatable NAME=VALUE pairs. */
    MAP
  }

  /** Checks a converted value and returns why it is bad (without the key's name), or null. */
  @FunctionalInterface
  public interface Validator {
    /** Returns why the value is bad, or null. */
    String check(Object value);
  }

  /**
   * A validator that accepts one of a fixed list of values, ignoring case; forms show them as
   * choices.
   *
   * @param values the accepted values
   */
  public record OneOf(List<String> values) implements Validator {
    @Override
    public String check(Object v) {
      return values.stream().anyMatch(x -> x.equalsIgnoreCase(v.toString().strip()))
          ? null
          : "\"" + v + "\" is not one of " + String.join(", ", values);
    }
  }

  /** Returns the values the setting accepts when it has a fixed list, else an empty list. */
  public List<String> choices() {
    return validator instanceof OneOf o ? o.values() : List.of();
  }

  /** Returns the name a job file uses for it, such as {@code options.batch-size}. */
  public String yamlName() {
    return section.prefix() + name;
  }

  /** Returns true for settings given more than once (a list or NAME=VALUE pairs). */
  public boolean repeatable() {
    return type == Type.LIST || type == Type.MAP;
  }
}
