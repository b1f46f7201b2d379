package dev.azdo.designer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the mapping row a plan problem belongs to, so the page shows it inline: the column of a
 * {@code --map} rule, the field a required-field problem names, or the key and parent key.
 */
final class PlanProblems {
  private static final Pattern MAP = Pattern.compile("^--map ([^=]+)=([^:]+?)(:[^:]*)?: ");
  private static final Pattern REQUIRED = Pattern.compile("^field (\\S+).* is required by");

  private PlanProblems() {}

  /** Returns {@code column}, {@code field} or {@code target} (key, parent-key) for the problem. */
  static Map<String, String> locate(String problem) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = MAP.matcher(problem);
    if (m.find()) {
      out.put("column", m.group(1).strip());
      out.put("field", m.group(2).strip());
      return out;
    }
    m = REQUIRED.matcher(problem);
    if (m.find()) {
      out.put("field", m.group(1));
      out.put("required", "true");
      return out;
    }
    if (problem.startsWith("--key:") || problem.startsWith("key:")) {
      out.put("target", "key");
    } else if (problem.startsWith("--parent-key:") || problem.startsWith("parent-key:")) {
      out.put("target", "parent-key");
    }
    return out;
  }
}
