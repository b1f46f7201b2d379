package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help, as `azdo ... --help` prints it: a short synopsis, sections in their order,
 * no line over the width, no word cut, and an Examples footer.
 *
 * <p>The test walks every command and subcommand of the real command line, so a new command without
 * an Examples footer (or with options outside the sections) fails it.
 */
class HelpLayoutTest {
  /** Every heading the layout may print, in the order it prints them. */
  private static final List<String> ORDER =
      List.of(
          "Arguments:",
          "Source:",
          "Mapping:",
          "Writing:",
          "Resume and output:",
          "Options:",
          "Connection:",
          "Sign-in:",
          "Other options:",
          "Commands:",
          "Examples:");

  private static List<CommandLine> all(CommandLine cl) {
    List<CommandLine> out = new ArrayList<>();
    out.add(cl);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals(sub.getCommandName())) {
                out.addAll(all(sub));
              }
            });
    return out;
  }

  private static String collapse(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void everyCommandsHelpHasOrderedSectionsFitsTheWidthCutsNoWordAndEndsWithExamples() {
    for (int width : List.of(100, 72)) {
      List<CommandLine> commands = all(Main.commandLine(width));
      assertThat(commands).hasSizeGreaterThanOrEqualTo(17);
      for (CommandLine cl : commands) {
        String name = cl.getCommandSpec().qualifiedName();
        String help = cl.getUsageMessage();
        List<String> lines = help.lines().toList();
        assertThat(lines.get(0)).as(name).startsWith("Usage: " + name);
        for (String line : lines) {
          assertThat(line.length())
              .as("%s at width %d: %s", name, width, line)
              .isLessThanOrEqualTo(width);
        }
        List<String> headings = lines.stream().filter(ORDER::contains).toList();
        assertThat(headings)
            .as(name)
            .isSortedAccordingTo((a, b) -> Integer.compare(ORDER.indexOf(a), ORDER.indexOf(b)));
        assertThat(headings).as(name).doesNotHaveDuplicates().endsWith("Examples:");
        int examples = lines.indexOf("Examples:");
        assertThat(lines.subList(examples + 1, lines.size()))
            .as(name)
            .isNotEmpty()
            .first()
            .satisfies(l -> assertThat(l).startsWith("  azdo "));
        // Wrapping only changes spaces: each text appears whole once the spaces are collapsed.
        String flat = collapse(help);
        for (String paragraph :
            HelpLayout.paragraphs(cl.getCommandSpec().usageMessage().description())) {
          assertThat(flat).as(name).contains(collapse(paragraph));
        }
        for (OptionSpec o : cl.getCommandSpec().options()) {
          assertThat(flat)
              .as(name + " " + o.longestName())
              .contains(collapse(String.join(" ", o.renderedDescription())));
        }
      }
    }
  }

  @Test
  void importHelpHasAShortSynopsisAndItsOptionsInSections() {
    CommandLine imp = Main.commandLine(100).getSubcommands().get("import");
    String help = imp.getUsageMessage();
    List<String> lines = help.lines().toList();
    assertThat(lines.get(0)).isEqualTo("Usage: azdo import SOURCE [options]");
    assertThat(lines.stream().filter(ORDER::contains))
        .containsSubsequence(
            "Source:", "Mapping:", "Writing:", "Resume and output:", "Connection:", "Sign-in:");
    assertThat(section(lines, "Source:")).anyMatch(l -> l.startsWith("  --query "));
    assertThat(section(lines, "Mapping:")).anyMatch(l -> l.startsWith("  --map SRC=FIELD"));
    assertThat(section(lines, "Writing:")).anyMatch(l -> l.startsWith("  --batch-size "));
    assertThat(section(lines, "Resume and output:"))
        .anyMatch(l -> l.startsWith("  --journal "))
        .anyMatch(l -> l.startsWith("  --progress "));
    assertThat(section(lines, "Connection:"))
        .anyMatch(l -> l.startsWith("  --org-url "))
        .anyMatch(l -> l.startsWith("  --retry-max-wait "));
    assertThat(section(lines, "Sign-in:"))
        .anyMatch(l -> l.startsWith("  --pat-file "))
        .anyMatch(l -> l.startsWith("  --entra-client-id "))
        .noneMatch(l -> l.startsWith("  --org-url "));
  }

  @Test
  void theWidthComesFromColumnsElse100() {
    assertThat(HelpLayout.width(Map.of())).isEqualTo(100);
    assertThat(HelpLayout.width(Map.of("COLUMNS", "132"))).isEqualTo(132);
    assertThat(HelpLayout.width(Map.of("COLUMNS", "wide"))).isEqualTo(100);
    assertThat(HelpLayout.wrap("a CSV/TSV, JSON/NDJSON or .xlsx file, a jdbc: URL", 2, 4, 20))
        .containsExactly(
            "  a CSV/TSV,", "    JSON/NDJSON or", "    .xlsx file, a", "    jdbc: URL");
  }

  private static List<String> section(List<String> lines, String heading) {
    int start = lines.indexOf(heading);
    List<String> out = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
      out.add(lines.get(i));
    }
    return out;
  }
}
