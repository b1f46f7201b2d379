package dev.azdo.client.internal;

import java.util.Locale;

/** Rewrites a flat WIQL query to return only ids above a bound, ordered by id. */
public final class WiqlSplitter {
  private WiqlSplitter() {}

  /**
   * Returns the query restricted to {@code [System.Id] > afterId} and ordered by id, keeping any
   * ASOF clause; used to page past the 20,000 result cap (VS402337).
   *
   * @throws IllegalArgumentException for link queries (FROM WorkItemLinks), which cannot be split
   */
  public static String withIdAbove(String wiql, int afterId) {
    String q = wiql.strip();
    int from = find(q, "FROM", 0);
    if (from < 0) {
      throw new IllegalArgumentException("not a WIQL query: no FROM clause");
    }
    String source = q.substring(from + 4).stripLeading().toLowerCase(Locale.ROOT);
    if (source.startsWith("workitemlinks")) {
      throw new IllegalArgumentException(
          "a FROM WorkItemLinks query over 20,000 results cannot be split by id; narrow it");
    }
    int where = find(q, "WHERE", from);
    int order = find(q, "ORDER", from);
    int asof = find(q, "ASOF", from);
    int end = q.length();
    int condEnd = min(order, asof, end);
    int headEnd = min(where, condEnd, end);
    String head = q.substring(0, headEnd).strip();
    String cond = where >= 0 ? q.substring(where + 5, condEnd).strip() : "";
    String tail = asof >= 0 ? " " + q.substring(asof).strip() : "";
    StringBuilder sb = new StringBuilder(head).append(" WHERE [System.Id] > ").append(afterId);
    if (!cond.isEmpty()) {
      sb.append(" AND (").append(cond).append(")");
    }
    return sb.append(" ORDER BY [System.Id] ASC").append(tail).toString();
  }

  private static int min(int a, int b, int end) {
    int m = end;
    if (a >= 0 && a < m) {
      m = a;
    }
    if (b >= 0 && b < m) {
      m = b;
    }
    return m;
  }

  // Finds a keyword at top level: outside quotes and [bracketed] names, on word boundaries.
  private static int find(String q, String keyword, int start) {
    char quote = 0;
    boolean bracket = false;
    for (int i = start; i < q.length(); i++) {
      char c = q.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (bracket) {
        if (c == ']') {
          bracket = false;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        bracket = true;
      } else if (q.regionMatches(true, i, keyword, 0, keyword.length())
          && (i == 0 || !Character.isLetterOrDigit(q.charAt(i - 1)))
          && (i + keyword.length() == q.length()
              || !Character.isLetterOrDigit(q.charAt(i + keyword.length())))) {
        return i;
      }
    }
    return -1;
  }
}
