package dev.azdo.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where in a WIQL query the token a service error names stands. The service's syntax and
 * field errors end "The error is caused by «token»." and give no position, so the position is the
 * token's place in the query text: at its end for an empty token, and every place when it occurs
 * more than once (the service does not say which one it stopped at).
 */
final class WiqlErrorPosition {
  private static final Pattern CAUSED_BY = Pattern.compile("The error is caused by «(.*?)»");
  private static final int MAX_PLACES = 3;

  private WiqlErrorPosition() {}

  /** Returns the exception with its position in query added, or the exception itself. */
  static AzdoException annotate(AzdoException e, String query) {
    String where = describe(e.getMessage(), query);
    if (where == null) {
      return e;
    }
    return new AzdoException(
        e.kind(), e.status(), e.serviceCode(), e.typeKey(), e.getMessage() + " " + where, e);
  }

  /** Returns "(line L, column C of the query)" for the token message names, or null. */
  static String describe(String message, String query) {
    if (message == null || query == null) {
      return null;
    }
    Matcher m = CAUSED_BY.matcher(message);
    if (!m.find()) {
      return null;
    }
    String token = m.group(1);
    if (token.isBlank()) {
      return "(at the end of the query, " + place(query, query.stripTrailing().length()) + ")";
    }
    List<Integer> at = occurrences(query, token);
    if (at.isEmpty()) {
      return null;
    }
    StringBuilder b =
        new StringBuilder("(").append(place(query, at.get(0))).append(" of the query");
    if (at.size() > 1) {
      List<String> others = new ArrayList<>();
      for (int i = 1; i < Math.min(at.size(), MAX_PLACES + 1); i++) {
        others.add(place(query, at.get(i)));
      }
      if (at.size() > MAX_PLACES + 1) {
        others.add((at.size() - MAX_PLACES - 1) + " more places");
      }
      b.append("; «").append(token).append("» also appears at ");
      for (int i = 0; i < others.size(); i++) {
        b.append(i == 0 ? "" : i == others.size() - 1 ? " and " : ", ").append(others.get(i));
      }
    }
    return b.append(")").toString();
  }

  // WIQL keywords and field names are case-insensitive, so the token may differ in case.
  private static List<Integer> occurrences(String query, String token) {
    String q = query.toLowerCase(Locale.ROOT);
    String t = token.toLowerCase(Locale.ROOT);
    List<Integer> at = new ArrayList<>();
    for (int i = q.indexOf(t); i >= 0; i = q.indexOf(t, i + t.length())) {
      at.add(i);
    }
    return at;
  }

  private static String place(String query, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", column " + (offset - lineStart + 1);
  }
}
