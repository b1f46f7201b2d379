package dev.azdo.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a WIQL query into pages that each stay under the 20,000 result cap (VS402337): by id
 * ranges (of the top-level source ids for link queries), or by a keyset over the query's own ORDER
 * BY so the pages keep its order.
 */
public final class WiqlSplitter {
  private static final Pattern SIDE =
      Pattern.compile("(?i)^\\[?(?:source|target)\\]?\\s*\\.\\s*\\[?([^\\]]+)\\]?$");

  private static final Pattern TARGET = Pattern.compile("(?i)(?<![\\w.])\\[?target\\]?\\s*\\.");
  private static final Pattern LINK_TYPE_NAME =
      Pattern.compile("(?i)\\[?(?:System\\.Links\\.LinkType|Link_Type)\\]?");
  private static final Pattern LINK_TYPE_EQUALS =
      Pattern.compile(
          "(?i)^\\[?(?:System\\.Links\\.LinkType|Link Type)\\]?\\s*=\\s*'((?:[^']|'')*)'$");

  private WiqlSplitter() {}

  /** One ORDER BY key: a field reference name and its direction. */
  public record SortKey(String field, boolean descending) {}

  /**
   * The top-level clauses of a WIQL statement.
   *
   * @param head {@code SELECT ... FROM source}
   * @param linkQuery true for {@code FROM WorkItemLinks}
   * @param where the WHERE condition without the keyword, or empty
   * @param orderBy the ORDER BY keys, in order
   * @param asOf the {@code ASOF '...'} clause, or empty
   */
  public record Parts(
      String head, boolean linkQuery, String where, List<SortKey> orderBy, String asOf) {

    /** Tells whether the order is by id alone (or unspecified), so id ranges keep it. */
    public boolean orderedById() {
      return orderBy.isEmpty()
          || (orderBy.size() == 1 && orderBy.get(0).field().equalsIgnoreCase("System.Id"));
    }
  }

  /** Splits a WIQL statement into its clauses; keywords inside quotes or [names] are ignored. */
  public static Parts parse(String wiql) {
    String q = wiql.strip();
    int from = find(q, "FROM", 0);
    if (from < 0) {
      throw new IllegalArgumentException("not a WIQL query: no FROM clause");
    }
    String source = q.substring(from + 4).stripLeading().toLowerCase(Locale.ROOT);
    boolean links = source.startsWith("workitemlinks");
    int where = find(q, "WHERE", from);
    int order = find(q, "ORDER", from);
    int asof = find(q, "ASOF", from);
    int mode = find(q, "MODE", from);
    int end = q.length();
    int condEnd = min(min(order, asof, end), mode, end);
    int headEnd = min(where, condEnd, end);
    String head = q.substring(0, headEnd).strip();
    String cond = where >= 0 && where < condEnd ? q.substring(where + 5, condEnd).strip() : "";
    List<SortKey> keys = new ArrayList<>();
    if (order >= 0) {
      int by = find(q, "BY", order);
      int orderEnd = min(asof > order ? asof : -1, mode > order ? mode : -1, end);
      for (String item : splitTopLevel(q.substring(by + 2, orderEnd))) {
        String s = item.strip();
        boolean desc = false;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith(" desc")) {
          desc = true;
          s = s.substring(0, s.length() - 5).strip();
        } else if (lower.endsWith(" asc")) {
          s = s.substring(0, s.length() - 4).strip();
        }
        // A link query's key may name its side ([Source].[X], [Target].[X]); its top-level items
        // sort by X either way.
        Matcher side = SIDE.matcher(s);
        if (side.matches()) {
          s = side.group(1).strip();
        } else if (s.startsWith("[") && s.endsWith("]")) {
          s = s.substring(1, s.length() - 1);
        }
        if (!s.isEmpty()) {
          keys.add(new SortKey(s, desc));
        }
      }
    }
    String asOfText = "";
    if (asof >= 0) {
      asOfText = q.substring(asof, mode > asof ? mode : end).strip();
    }
    return new Parts(head, links, cond, List.copyOf(keys), asOfText);
  }

  /**
   * Returns the query restricted to {@code [System.Id] > afterId} and ordered by id, keeping any
   * ASOF clause; used to page past the 20,000 result cap (VS402337).
   *
   * @throws IllegalArgumentException for link queries (FROM WorkItemLinks), which cannot be split
   */
  public static String withIdAbove(String wiql, int afterId) {
    return idRange(parse(wiql), afterId, false, null);
  }

  /**
   * Returns one id-range page of a query: ids after a bound (above it, or below it when descending;
   * no bound when null), ordered by id, at the query's ASOF or the given one.
   *
   * @throws IllegalArgumentException for link queries
   */
  public static String idRange(Parts p, Integer after, boolean descending, String asOf) {
    refuseLinks(p);
    StringBuilder sb = new StringBuilder(p.head());
    if (after != null) {
      sb.append(" WHERE [System.Id] ").append(descending ? "< " : "> ").append(after);
      if (!p.where().isEmpty()) {
        sb.append(" AND (").append(p.where()).append(")");
      }
    } else if (!p.where().isEmpty()) {
      sb.append(" WHERE ").append(p.where());
    }
    sb.append(" ORDER BY [System.Id] ").append(descending ? "DESC" : "ASC");
    if (!p.asOf().isEmpty()) {
      sb.append(' ').append(p.asOf());
    } else if (asOf != null) {
      sb.append(" ASOF ").append(asOf);
    }
    return sb.toString();
  }

  /**
   * Returns one keyset page of a query: its condition, and when a cursor is given only the items
   * that sort after the cursor (the last item of the previous page), ordered by the query's keys
   * then by id, at a fixed ASOF so every page reads the same moment.
   *
   * @param p the parsed query
   * @param keys the sort keys other than System.Id
   * @param cursor WIQL literals of the last item's values for the keys, or null on the first page
   * @param lastId the last item's id (ignored on the first page)
   * @param idDescending the direction of the id tie-breaker
   * @param asOf a WIQL date literal for ASOF (used when the query has none), or null
   * @throws IllegalArgumentException for link queries
   */
  public static String keysetPage(
      Parts p,
      List<SortKey> keys,
      List<String> cursor,
      int lastId,
      boolean idDescending,
      String asOf) {
    refuseLinks(p);
    StringBuilder sb = new StringBuilder(p.head());
    List<String> conds = new ArrayList<>();
    if (cursor != null) {
      conds.add(cursorCondition("", keys, cursor, lastId, idDescending));
    }
    if (!p.where().isEmpty()) {
      conds.add("(" + p.where() + ")");
    }
    if (!conds.isEmpty()) {
      sb.append(" WHERE ").append(String.join(" AND ", conds));
    }
    sb.append(" ORDER BY ");
    for (SortKey k : keys) {
      sb.append('[').append(k.field()).append(k.descending() ? "] DESC, " : "] ASC, ");
    }
    sb.append("[System.Id] ").append(idDescending ? "DESC" : "ASC");
    if (!p.asOf().isEmpty()) {
      sb.append(' ').append(p.asOf());
    } else if (asOf != null) {
      sb.append(" ASOF ").append(asOf);
    }
    return sb.toString();
  }

  /**
   * Returns the query with one more condition ANDed to its WHERE (and an ASOF when given and the
   * query has none), keeping its SELECT and ORDER BY.
   */
  public static String withCondition(String wiql, String condition, String asOf) {
    Parts p = parse(wiql);
    StringBuilder sb = new StringBuilder(p.head()).append(" WHERE ");
    sb.append(p.where().isEmpty() ? condition : "(" + p.where() + ") AND " + condition);
    appendOrderBy(sb, p.orderBy());
    if (!p.asOf().isEmpty()) {
      sb.append(' ').append(p.asOf());
    } else if (asOf != null) {
      sb.append(" ASOF ").append(literal(asOf));
    }
    return sb.toString();
  }

  /** Returns the query read at a fixed moment: with {@code ASOF 'asOf'} unless it has one. */
  public static String withAsOf(String wiql, String asOf) {
    Parts p = parse(wiql);
    return p.asOf().isEmpty() ? wiql.strip() + " ASOF " + literal(asOf) : wiql;
  }

  /**
   * Returns one page of a one-hop link query (FROM WorkItemLinks): only the links whose source id
   * is in {@code [fromId, toId)}, keeping its ORDER BY and MODE, at the query's ASOF or the given
   * one (a WIQL literal); past the 20,000 result cap the pages are source id ranges.
   */
  public static String linkSourceRange(String wiql, int fromId, int toId, String asOf) {
    return linkPage(
        wiql, "[Source].[System.Id] >= " + fromId + " AND [Source].[System.Id] < " + toId, asOf);
  }

  /**
   * Returns one page of a one-hop link query restricted to one source's links to targets whose id
   * is in {@code [fromTarget, toTarget)}, keeping its ORDER BY and MODE, at the query's ASOF or the
   * given one (a WIQL literal); used when one source's links alone pass the 20,000 result cap.
   */
  public static String linkTargetRange(
      String wiql, int sourceId, int fromTarget, int toTarget, String asOf) {
    return linkPage(
        wiql,
        "[Source].[System.Id] = "
            + sourceId
            + " AND [Target].[System.Id] >= "
            + fromTarget
            + " AND [Target].[System.Id] < "
            + toTarget,
        asOf);
  }

  // The link query with a range condition ANDed before its own, and the ASOF given.
  private static String linkPage(String wiql, String range, String asOf) {
    LinkClauses c = LinkClauses.of(wiql);
    StringBuilder sb = new StringBuilder(c.head()).append(" WHERE ");
    if (c.condition() != null) {
      sb.append(range).append(" AND (").append(c.condition()).append(')');
    } else {
      sb.append(range);
    }
    String rest = c.q().substring(c.condEnd()).strip();
    if (c.asof() < 0 && asOf != null) {
      // WIQL's clause order is ... ORDER BY, ASOF, MODE.
      int m = find(rest, "MODE", 0);
      rest =
          m < 0
              ? (rest + " ASOF " + asOf).strip()
              : (rest.substring(0, m).strip() + " ASOF " + asOf + " " + rest.substring(m)).strip();
    }
    return rest.isEmpty() ? sb.toString() : sb.append(' ').append(rest).toString();
  }

  /** Tells whether a link query asks for trees ({@code MODE (Recursive)}). */
  public static boolean recursive(String wiql) {
    String q = wiql.strip();
    int mode = find(q, "MODE", 0);
    return mode >= 0 && find(q, "RECURSIVE", mode) >= 0;
  }

  /** Quotes a string as a WIQL literal, doubling single quotes. */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /**
   * Returns one keyset page of a link query (FROM WorkItemLinks): when a cursor is given only the
   * top-level (source) items that sort after the cursor (the last top-level item of the previous
   * page), ordered by the keys then by id, keeping its condition and MODE, at the query's ASOF or
   * the given one (a WIQL literal).
   *
   * @param keys the sort keys other than System.Id, without their side
   * @param cursor WIQL literals of the last top-level item's values for the keys, or null first
   */
  public static String linkKeysetPage(
      String wiql,
      List<SortKey> keys,
      List<String> cursor,
      int lastId,
      boolean idDescending,
      String asOf) {
    LinkClauses c = LinkClauses.of(wiql);
    String q = c.q();
    int asof = c.asof();
    int mode = c.mode();
    int end = q.length();
    StringBuilder sb = new StringBuilder(c.head());
    List<String> conds = new ArrayList<>();
    if (cursor != null) {
      conds.add(cursorCondition("[Source].", keys, cursor, lastId, idDescending));
    }
    if (c.condition() != null) {
      conds.add("(" + c.condition() + ")");
    }
    if (!conds.isEmpty()) {
      sb.append(" WHERE ").append(String.join(" AND ", conds));
    }
    sb.append(" ORDER BY ");
    for (SortKey k : keys) {
      sb.append('[').append(k.field()).append(k.descending() ? "] DESC, " : "] ASC, ");
    }
    sb.append("[System.Id] ").append(idDescending ? "DESC" : "ASC");
    if (asof >= 0) {
      sb.append(' ').append(q.substring(asof, mode > asof ? mode : end).strip());
    } else if (asOf != null) {
      sb.append(" ASOF ").append(asOf);
    }
    if (mode >= 0) {
      sb.append(' ').append(q.substring(mode).strip());
    }
    return sb.toString();
  }

  /**
   * The link type a tree query (MODE (Recursive)) follows, for reading one of its trees level by
   * level: the one of its {@code [System.Links.LinkType] = '...'} condition, Hierarchy-Forward when
   * it names none (the emulator's default).
   *
   * @throws IllegalArgumentException naming why one-hop levels could not give the service's rows: a
   *     condition on [Target] fields (which decides which linked items a tree shows), or a link
   *     type condition other than one equality
   */
  public static String treeLinkType(String wiql) {
    String cond = LinkClauses.of(wiql).condition();
    String type = null;
    for (String term : conjuncts(cond == null ? "" : cond)) {
      String bare = maskLiterals(term);
      if (TARGET.matcher(bare).find()) {
        throw new IllegalArgumentException("it has a condition on [Target] fields (" + term + ")");
      }
      if (LINK_TYPE_NAME.matcher(bare).find()) {
        Matcher m = LINK_TYPE_EQUALS.matcher(term);
        if (!m.matches() || (type != null && !type.equalsIgnoreCase(m.group(1)))) {
          throw new IllegalArgumentException(
              "its link type condition is not one [System.Links.LinkType] = '...' (" + term + ")");
        }
        type = m.group(1).replace("''", "'");
      }
    }
    return type != null ? type : "System.LinkTypes.Hierarchy-Forward";
  }

  /**
   * Returns one level of a tree read level by level: the query's SELECT over the one-hop links of a
   * type from the given items (MODE (MustContain)), each item's targets in the query's ORDER BY, at
   * the query's ASOF or the given one (a WIQL literal).
   */
  public static String treeLevel(String wiql, String linkType, List<Integer> parents, String asOf) {
    Parts p = parse(wiql);
    // The query's own SELECT, so the answers carry its columns.
    StringBuilder sb = new StringBuilder(p.head()).append(" WHERE [Source].[System.Id] IN (");
    for (int i = 0; i < parents.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(parents.get(i));
    }
    sb.append(") AND [System.Links.LinkType] = ").append(literal(linkType));
    appendOrderBy(sb, p.orderBy());
    if (!p.asOf().isEmpty()) {
      sb.append(' ').append(p.asOf());
    } else if (asOf != null) {
      sb.append(" ASOF ").append(asOf);
    }
    return sb.append(" MODE (MustContain)").toString();
  }

  // The query's own ORDER BY, when it has one.
  private static void appendOrderBy(StringBuilder sb, List<SortKey> keys) {
    for (int i = 0; i < keys.size(); i++) {
      SortKey k = keys.get(i);
      sb.append(i > 0 ? ", [" : " ORDER BY [")
          .append(k.field())
          .append(k.descending() ? "] DESC" : "]");
    }
  }

  // The terms of a condition's top-level AND, with groups that are ANDs themselves opened:
  // "(a AND b) AND c" gives a, b and c.
  private static List<String> conjuncts(String cond) {
    List<String> out = new ArrayList<>();
    String c = cond.strip();
    if (c.isEmpty()) {
      return out;
    }
    String masked = maskLiterals(c);
    int depth = 0;
    int start = 0;
    for (int i = 0; i < masked.length(); i++) {
      char ch = masked.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (depth == 0
          && masked.regionMatches(true, i, "AND", 0, 3)
          && (i == 0 || Character.isWhitespace(masked.charAt(i - 1)) || masked.charAt(i - 1) == ')')
          && i + 3 < masked.length()
          && (Character.isWhitespace(masked.charAt(i + 3)) || masked.charAt(i + 3) == '(')) {
        out.add(c.substring(start, i).strip());
        start = i + 3;
      }
    }
    out.add(c.substring(start).strip());
    List<String> opened = new ArrayList<>();
    for (String t : out) {
      if (t.startsWith("(") && closingParen(maskLiterals(t)) == t.length() - 1) {
        opened.addAll(conjuncts(t.substring(1, t.length() - 1)));
      } else {
        opened.add(t);
      }
    }
    return opened;
  }

  // The index of the parenthesis closing the one at 0.
  private static int closingParen(String masked) {
    int depth = 0;
    for (int i = 0; i < masked.length(); i++) {
      if (masked.charAt(i) == '(') {
        depth++;
      } else if (masked.charAt(i) == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  // The text with what is inside quotes and [names] blanked, so keywords and parentheses there do
  // not count; brackets around names are kept.
  private static String maskLiterals(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    char quote = 0;
    boolean bracket = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        sb.append(c == quote ? c : ' ');
        if (c == quote) {
          quote = 0;
        }
      } else if (bracket) {
        sb.append(c == ']' || c == '.' ? c : Character.isLetterOrDigit(c) ? c : '_');
        bracket = c != ']';
      } else {
        sb.append(c);
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '[') {
          bracket = true;
        }
      }
    }
    return sb.toString();
  }

  /**
   * Where a link query's clauses start: its WHERE, ASOF and MODE (-1 when absent), where its
   * condition ends (at ORDER BY, ASOF or MODE) and where its head (SELECT ... FROM ...) ends.
   */
  private record LinkClauses(String q, int where, int asof, int mode, int condEnd, int headEnd) {
    static LinkClauses of(String wiql) {
      String q = wiql.strip();
      int from = find(q, "FROM", 0);
      int where = find(q, "WHERE", from);
      int order = find(q, "ORDER", from);
      int asof = find(q, "ASOF", from);
      int mode = find(q, "MODE", from);
      int end = q.length();
      int condEnd = min(min(order, asof, end), mode, end);
      return new LinkClauses(q, where, asof, mode, condEnd, min(where, condEnd, end));
    }

    String head() {
      return q.substring(0, headEnd).strip();
    }

    // The WHERE condition's text, or null when the query has none.
    String condition() {
      return where >= 0 && where < condEnd ? q.substring(where + 5, condEnd).strip() : null;
    }
  }

  // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ... OR (k1 = v1 AND ... AND [System.Id] > lastId);
  // side is "" for flat queries, "[Source]." for link queries.
  private static String cursorCondition(
      String side, List<SortKey> keys, List<String> cursor, int lastId, boolean idDescending) {
    List<String> terms = new ArrayList<>();
    StringBuilder equal = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      SortKey k = keys.get(i);
      String f = side + "[" + k.field() + "]";
      terms.add("(" + equal + f + (k.descending() ? " < " : " > ") + cursor.get(i) + ")");
      equal.append(f).append(" = ").append(cursor.get(i)).append(" AND ");
    }
    terms.add("(" + equal + side + "[System.Id] " + (idDescending ? "< " : "> ") + lastId + ")");
    return "(" + String.join(" OR ", terms) + ")";
  }

  private static void refuseLinks(Parts p) {
    if (p.linkQuery()) {
      throw new IllegalArgumentException(
          "a FROM WorkItemLinks query over 20,000 results cannot be split by id; narrow it");
    }
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

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    char quote = 0;
    boolean bracket = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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
      } else if (c == ',') {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
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
