package dev.azdo.cli;

import dev.azdo.pipeline.mapping.EditDistance;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports command-line mistakes in one line each, with did-you-mean suggestions, and never echoes
 * the word that followed an unknown option: it may be a secret meant for a mistyped --pat.
 */
final class UsageErrors {
  private static final int MAX_SUGGESTIONS = 3;

  private UsageErrors() {}

  /** Prints the mistake and where to find help; returns the usage exit code. */
  static int report(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    if (ex instanceof UnmatchedArgumentException unmatched) {
      unmatchedLines(cl.getCommandSpec(), unmatched.getUnmatched(), args)
          .forEach(l -> err.println("azdo: " + l));
    } else {
      err.println("azdo: " + ex.getMessage());
    }
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return Main.USAGE;
  }

  /** One line per unknown option or unexpected word; values after unknown options stay unshown. */
  static List<String> unmatchedLines(CommandSpec spec, List<String> unmatched, String[] args) {
    Set<String> unknownOptions = new LinkedHashSet<>();
    for (String a : unmatched) {
      if (a.startsWith("-") && a.length() > 1) {
        unknownOptions.add(optionName(a));
      }
    }
    List<String> lines = new ArrayList<>();
    for (String name : unknownOptions) {
      List<String> close = suggestionsAmongOptions(name, optionNames(spec));
      lines.add(
          "unknown option "
              + name
              + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
    }
    int hidden = 0;
    for (String a : unmatched) {
      if (a.startsWith("-") && a.length() > 1) {
        continue;
      }
      if (followsUnknownOption(a, args, unknownOptions)) {
        hidden++;
      } else if (!spec.subcommands().isEmpty() && spec.positionalParameters().isEmpty()) {
        List<String> close = suggestions(a, new ArrayList<>(spec.subcommands().keySet()));
        lines.add(
            "unknown command '"
                + a
                + "'"
                + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
      } else {
        lines.add("unexpected argument '" + a + "'");
      }
    }
    if (hidden > 0) {
      lines.add(
          hidden == 1
              ? "the value after the unknown option was ignored (not shown)"
              : hidden + " values after unknown options were ignored (not shown)");
    }
    return lines;
  }

  private static boolean followsUnknownOption(String word, String[] args, Set<String> unknown) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals(word) && unknown.contains(args[i - 1])) {
        return true;
      }
    }
    return false;
  }

  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg : arg.substring(0, eq);
  }

  private static List<List<String>> optionNames(CommandSpec spec) {
    List<List<String>> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        names.add(List.of(o.names()));
      }
    }
    return names;
  }

  /** For each option, the one of its names (flag and aliases) closest to {@code typed}. */
  private static List<String> suggestionsAmongOptions(String typed, List<List<String>> options) {
    String t = letters(typed);
    List<String> closest = new ArrayList<>();
    for (List<String> names : options) {
      names.stream()
          .min(Comparator.comparingInt((String n) -> EditDistance.between(t, letters(n))))
          .ifPresent(closest::add);
    }
    return suggestions(typed, closest);
  }

  /** Up to three candidates close to {@code typed}: same letters ignoring case and dashes first. */
  static List<String> suggestions(String typed, List<String> candidates) {
    String t = letters(typed);
    int limit = Math.max(2, t.length() / 3);
    return candidates.stream()
        .distinct()
        .filter(c -> EditDistance.between(t, letters(c)) <= limit || related(t, letters(c)))
        .sorted(Comparator.comparingInt((String c) -> EditDistance.between(t, letters(c))))
        .limit(MAX_SUGGESTIONS)
        .toList();
  }

  private static boolean related(String typed, String candidate) {
    return typed.length() >= 4 && (candidate.startsWith(typed) || candidate.contains(typed));
  }

  private static String letters(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
