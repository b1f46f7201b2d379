package dev.azdo.pipeline.endpoint;

import java.util.Locale;
import java.util.Set;

/**
 * Azure DevOps' rule for one area or iteration node name (its "naming restrictions", refused as
 * TF50316): at most 255 characters, none of {@code \ / $ ? * : " & > < # % | +} nor a control
 * character, not only periods, and not a system reserved name. Checked before a row is sent, so a
 * bad name is refused alone and with the character at fault.
 */
public final class NodeNames {
  /** The characters a node name may not hold, besides control characters. */
  public static final String FORBIDDEN = "\\/$?*:\"&><#%|+";

  private static final int MAX_LENGTH = 255;
  private static final Set<String> RESERVED =
      Set.of(
          "AUX",
          "CON",
          "NUL",
          "PRN",
          "COM1",
          "COM2",
          "COM3",
          "COM4",
          "COM5",
          "COM6",
          "COM7",
          "COM8",
          "COM9",
          "COM10",
          "LPT1",
          "LPT2",
          "LPT3",
          "LPT4",
          "LPT5",
          "LPT6",
          "LPT7",
          "LPT8",
          "LPT9",
          "SERVER",
          "SIGNUP",
          "REDIRECT",
          "WEB.CONFIG");

  private NodeNames() {}

  /**
   * Returns why the name may not name an area or iteration, or null when it may.
   *
   * @param what "area" or "iteration", for the reason
   */
  public static String fault(String name, String what) {
    String n = name.strip();
    if (n.isEmpty()) {
      return "the " + what + " name is empty";
    }
    for (int i = 0; i < n.length(); i++) {
      char ch = n.charAt(i);
      if (FORBIDDEN.indexOf(ch) >= 0 || Character.isISOControl(ch)) {
        String shown =
            Character.isISOControl(ch) ? String.format("U+%04X", (int) ch) : "\"" + ch + "\"";
        return "the "
            + what
            + " name \""
            + n
            + "\" holds "
            + shown
            + ", which Azure DevOps does not allow in a node name (none of "
            + FORBIDDEN
            + " nor control characters)"
            + (ch == '/' || ch == '\\' ? "; to create a node below another, give its Path" : "");
      }
    }
    if (n.length() > MAX_LENGTH) {
      return "the " + what + " name is " + n.length() + " characters long, more than " + MAX_LENGTH;
    }
    if (n.chars().allMatch(c -> c == '.')) {
      return "the " + what + " name \"" + n + "\" is only periods";
    }
    if (RESERVED.contains(n.toUpperCase(Locale.ROOT))) {
      return "the " + what + " name \"" + n + "\" is a name Azure DevOps reserves";
    }
    return null;
  }
}
