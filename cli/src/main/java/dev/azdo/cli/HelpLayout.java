package dev.azdo.cli;

import dev.azdo.client.ConfigKey;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders our commands' help instead of picocli's default layout: a short synopsis ({@code azdo
 * import SOURCE [options]}), descriptions as paragraphs wrapped at spaces, options in sections
 * (source, mapping, writing, resume and output, connection, sign-in) taken from the job and
 * connection setting definitions, and each command's Examples footer.
 */
final class HelpLayout {
  /** The width when COLUMNS does not say. */
  static final int DEFAULT_WIDTH = 100;

  /** The section of options no setting definition covers (--help, --version, ...). */
  static final String OTHER = "Other options";

  // Options declared on a command class (not derived from a setting) name their section in
  // descriptionKey, which picocli otherwise uses only to look descriptions up in a bundle.
  private static final Map<String, String> DECLARED =
      Map.of(
          "source", JobKey.Help.SOURCE.title(),
          "writing", JobKey.Help.WRITING.title(),
          "output", JobKey.Help.OUTPUT.title());

  private static final int OPTION_COLUMN = 30;

  private HelpLayout() {}

  /** The help width: COLUMNS when it is a number from 40 up, else 100. */
  static int width(Map<String, String> env) {
    try {
      int c = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
      return c >= 40 ? c : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }

  /** Uses this layout for the command and every subcommand below it. */
  static void install(CommandLine cl, int width) {
    Map<String, CommandLine.IHelpSectionRenderer> m = new LinkedHashMap<>();
    CommandSpec spec = cl.getCommandSpec();
    m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, h -> synopsis(spec));
    m.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, h -> description(spec, width));
    m.put(
        CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        h -> parameters(spec, width));
    m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, h -> options(spec, width));
    m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, h -> commands(spec, width));
    m.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, h -> footer(spec, width));
    cl.setHelpSectionKeys(new ArrayList<>(m.keySet()));
    cl.setHelpSectionMap(m);
    cl.setUsageHelpWidth(Math.max(55, width));
    cl.getSubcommands().values().forEach(sub -> install(sub, width));
  }

  /** {@code Usage: azdo import SOURCE [options]}. */
  static String synopsis(CommandSpec spec) {
    StringBuilder b = new StringBuilder("Usage: ").append(spec.qualifiedName());
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        String label = p.paramLabel();
        b.append(' ').append(p.arity().min == 0 ? "[" + label + "]" : label);
      }
    }
    if (!spec.subcommands().isEmpty()) {
      b.append(" COMMAND");
    }
    if (!spec.options().isEmpty()) {
      b.append(" [options]");
    }
    return b.append(System.lineSeparator()).toString();
  }

  private static String description(CommandSpec spec, int width) {
    StringBuilder b = new StringBuilder();
    for (String paragraph : paragraphs(spec.usageMessage().description())) {
      b.append(System.lineSeparator());
      wrap(paragraph, 0, 0, width).forEach(l -> b.append(l).append(System.lineSeparator()));
    }
    return b.toString();
  }

  private static String parameters(CommandSpec spec, int width) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        rows.add(new String[] {p.paramLabel(), String.join(" ", p.renderedDescription())});
      }
    }
    return rows.isEmpty() ? "" : section("Arguments", rows, width);
  }

  private static String options(CommandSpec spec, int width) {
    Map<String, List<String[]>> sections = new LinkedHashMap<>();
    for (JobKey.Help h : JobKey.Help.values()) {
      sections.put(h.title(), new ArrayList<>());
    }
    sections.put("Options", new ArrayList<>());
    for (ConfigKey.Section s : ConfigKey.Section.values()) {
      sections.put(s.title(), new ArrayList<>());
    }
    sections.put(OTHER, new ArrayList<>());
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      sections.get(sectionOf(spec, o)).add(new String[] {label(o), describe(o)});
    }
    StringBuilder b = new StringBuilder();
    sections.forEach(
        (title, rows) -> {
          if (!rows.isEmpty()) {
            b.append(section(title, rows, width));
          }
        });
    return b.toString();
  }

  /** The section an option is shown in, from the setting it comes from. */
  static String sectionOf(CommandSpec spec, OptionSpec o) {
    String flag = primary(o);
    if (o.usageHelp() || o.versionHelp()) {
      return OTHER;
    }
    if (spec.userObject() instanceof NeedsConnection) {
      Optional<ConfigKey> k = ConnectionConfig.key(flag.substring(2));
      if (k.isPresent() && ("--" + k.get().name()).equalsIgnoreCase(flag)) {
        return k.get().section().title();
      }
    }
    if (spec.userObject() instanceof ImportCommand) {
      for (JobKey k : JobConfig.keys()) {
        if (flag.equals(k.flag())) {
          return k.help().title();
        }
      }
    }
    String declared = o.descriptionKey() == null ? null : DECLARED.get(o.descriptionKey());
    return declared != null ? declared : "Options";
  }

  // The name a command declares first: ours (--org-url), before the seed tool's
  // (--OrganizationUrl).
  private static String primary(OptionSpec o) {
    for (String n : o.names()) {
      if (n.startsWith("--")) {
        return n;
      }
    }
    return o.names()[0];
  }

  private static String label(OptionSpec o) {
    String label = primary(o);
    if (o.arity().max > 0 && o.typeInfo() != null && !o.typeInfo().isBoolean()) {
      label += " " + o.paramLabel().replaceAll("^<(.*)>$", "$1");
    }
    return label;
  }

  private static String describe(OptionSpec o) {
    String text = String.join(" ", o.renderedDescription());
    List<String> others = new ArrayList<>();
    for (String n : o.names()) {
      if (!n.equals(primary(o))) {
        others.add(n);
      }
    }
    // The seed tool's names (--AuthScheme) stay accepted but need not widen the option column.
    return others.isEmpty() ? text : text + " Also " + String.join(", ", others) + ".";
  }

  private static String commands(CommandSpec spec, int width) {
    List<String[]> rows = new ArrayList<>();
    spec.subcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandSpec().usageMessage().hidden()
                  && name.equals(sub.getCommandName())) {
                String[] d = sub.getCommandSpec().usageMessage().description();
                String first = paragraphs(d).stream().findFirst().orElse("");
                rows.add(new String[] {name, first});
              }
            });
    return rows.isEmpty() ? "" : section("Commands", rows, width);
  }

  private static String footer(CommandSpec spec, int width) {
    String[] lines = spec.usageMessage().footer();
    if (lines.length == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(System.lineSeparator());
    for (String line : lines) {
      int indent = line.length() - line.stripLeading().length();
      boolean command = line.stripLeading().startsWith("azdo ");
      // A long example command goes on over lines ending in a backslash, so it still pastes.
      List<String> wrapped = wrap(line.strip(), indent, indent + 4, command ? width - 2 : width);
      for (int i = 0; i < wrapped.size(); i++) {
        b.append(wrapped.get(i)).append(command && i < wrapped.size() - 1 ? " \\" : "");
        b.append(System.lineSeparator());
      }
    }
    return b.toString();
  }

  private static String section(String title, List<String[]> rows, int width) {
    StringBuilder b = new StringBuilder(System.lineSeparator()).append(title).append(':');
    b.append(System.lineSeparator());
    for (String[] row : rows) {
      String left = "  " + row[0];
      int longest = 0;
      for (String word : row[1].split("\\s+")) {
        longest = Math.max(longest, word.length());
      }
      if (longest > width - OPTION_COLUMN) {
        // A word (a URL) wider than the text column: the text goes below, nearly full width.
        b.append(left).append('\n');
        wrap(row[1], 6, 6, width).forEach(l -> b.append(l).append('\n'));
      } else if (left.length() <= OPTION_COLUMN - 2) {
        List<String> text = wrap(row[1], OPTION_COLUMN, OPTION_COLUMN, width);
        String first = text.isEmpty() ? "" : text.get(0).substring(OPTION_COLUMN);
        b.append(String.format("%-" + OPTION_COLUMN + "s", left)).append(first).append('\n');
        text.stream().skip(1).forEach(l -> b.append(l).append('\n'));
      } else {
        b.append(left).append('\n');
        wrap(row[1], OPTION_COLUMN, OPTION_COLUMN, width).forEach(l -> b.append(l).append('\n'));
      }
    }
    return b.toString().replace("\n", System.lineSeparator());
  }

  /**
   * Joins a description's lines into paragraphs: a line that does not end a sentence continues on
   * the next, so text written across several lines is wrapped as one.
   */
  static List<String> paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    List<String> split = new ArrayList<>();
    for (String raw : lines) {
      // picocli's own texts (the help command's) break lines with %n.
      split.addAll(List.of(raw.split("%n")));
    }
    for (String raw : split) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (cur.length() > 0) {
        cur.append(' ');
      }
      cur.append(line);
      if (line.endsWith(".") || line.endsWith(":") || line.endsWith("!") || line.endsWith("?")) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  /**
   * Wraps text at spaces to the width; the first line starts at {@code first}, later ones at {@code
   * rest}. A word is never cut: one longer than a line stands on a line of its own.
   */
  static List<String> wrap(String text, int first, int rest, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(" ".repeat(first));
    int start = first;
    for (String word : text.strip().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      boolean empty = line.length() == start;
      if (!empty && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line = new StringBuilder(" ".repeat(rest));
        start = rest;
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > start || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
