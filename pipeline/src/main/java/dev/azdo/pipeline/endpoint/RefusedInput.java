package dev.azdo.pipeline.endpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The input column a service refusal of one row points at, for the rejects file: the service's own
 * hint when its message quotes the value of one input or names one input, else the input naming
 * what the endpoint's call is about (a team's or project's Name, a node's Path, the work item a
 * comment or attachment goes to), else none: a link joins two work items, and naming either end
 * would be a guess.
 */
final class RefusedInput {
  // Values the service quotes back, as in "The team name 'Crew 0' is already in use".
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'|\"([^\"]*)\"");

  private RefusedInput() {}

  /**
   * Returns the input column at fault, or null when nothing points at one.
   *
   * @param endpoint the endpoint name, such as {@code create-team}
   * @param row the refused row's input values
   * @param message the service's refusal, or null
   */
  static String of(String endpoint, EndpointRow row, String message) {
    if (row == null) {
      return null;
    }
    String text = message == null ? "" : message;
    Set<String> quoted = new HashSet<>();
    Matcher q = QUOTED.matcher(text);
    while (q.find()) {
      quoted.add((q.group(1) != null ? q.group(1) : q.group(2)).strip().toLowerCase(Locale.ROOT));
    }
    List<String> byValue = new ArrayList<>();
    row.values()
        .forEach(
            (input, value) -> {
              if (quoted.contains(value.toLowerCase(Locale.ROOT))) {
                byValue.add(input);
              }
            });
    if (byValue.size() == 1) {
      return byValue.get(0);
    }
    // The service's own words only: quoted parts and echoed values (a team called Description)
    // are not hints.
    String words = QUOTED.matcher(text).replaceAll(" ");
    List<String> values = new ArrayList<>(row.values().values());
    values.sort(Comparator.comparingInt(String::length).reversed());
    for (String v : values) {
      words = words.replace(v, " ");
    }
    List<String> byName = new ArrayList<>();
    for (String input : row.values().keySet()) {
      if (Pattern.compile("\\b" + Pattern.quote(input) + "\\b", Pattern.CASE_INSENSITIVE)
          .matcher(words)
          .find()) {
        byName.add(input);
      }
    }
    if (byName.size() == 1) {
      return byName.get(0);
    }
    for (String input : identifying(endpoint)) {
      if (row.get(input) != null) {
        return input;
      }
    }
    return null;
  }

  // The inputs each call is made by, in the order tried.
  private static List<String> identifying(String endpoint) {
    return switch (endpoint) {
      case "create-team",
          "update-team",
          "delete-team",
          "create-project",
          "update-project",
          "delete-project" ->
          List.of("Name");
      case "create-area", "delete-area", "create-iteration", "delete-iteration" -> List.of("Path");
      case "add-comment", "add-attachment" -> List.of("WorkItemId", "Key");
      default -> List.of();
    };
  }
}
