package dev.azdo.pipeline.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordered column names of a source, with a fast name-to-index lookup. A name may repeat (Jira
 * exports {@code Labels, Labels, Labels}): {@code Labels[2]} is its second occurrence and {@code
 * Labels[last]} its last.
 */
public final class SourceSchema {
  private static final Pattern PICK = Pattern.compile("(?s)(.*?)\\s*\\[\\s*(\\d+|last)\\s*]");

  private final List<String> columns;
  private final Map<String, List<Integer>> exact;
  private final Map<String, List<Integer>> folded;

  private SourceSchema(List<String> columns) {
    this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
    this.exact = new HashMap<>(columns.size() * 2);
    this.folded = new HashMap<>(columns.size() * 2);
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      exact.computeIfAbsent(name, k -> new ArrayList<>(1)).add(i);
      folded.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(i);
    }
  }

  /** Returns a schema of the given column names; a name may appear more than once. */
  public static SourceSchema of(List<String> columns) {
    return new SourceSchema(columns);
  }

  /** Returns a schema of the given column names. */
  public static SourceSchema of(String... columns) {
    return new SourceSchema(List.of(columns));
  }

  /** Returns this schema with one more column at the end. */
  public SourceSchema plus(String column) {
    List<String> more = new ArrayList<>(columns);
    more.add(column);
    return new SourceSchema(more);
  }

  /** Returns the column names in source order. */
  public List<String> columns() {
    return columns;
  }

  /** Returns the number of columns. */
  public int size() {
    return columns.size();
  }

  /**
   * Returns the column's index: an exact match first, else a case-insensitive one, else -1. A
   * repeated name gives its first occurrence; {@code Name[N]} (1-based) and {@code Name[last]} pick
   * one.
   */
  public int indexOf(String column) {
    List<Integer> all = positions(column);
    return all.isEmpty() ? -1 : all.get(0);
  }

  /**
   * Returns every index a column reference names, in order: all occurrences of a repeated name
   * (exact matches first, else case-insensitive ones), or the one that {@code Name[N]} or {@code
   * Name[last]} picks; empty when there is none.
   */
  public List<Integer> positions(String column) {
    List<Integer> all = byName(column);
    if (!all.isEmpty()) {
      return all;
    }
    Matcher pick = PICK.matcher(column);
    if (!pick.matches()) {
      return List.of();
    }
    List<Integer> named = byName(pick.group(1));
    if (named.isEmpty()) {
      return List.of();
    }
    if (pick.group(2).equals("last")) {
      return List.of(named.get(named.size() - 1));
    }
    int n = Integer.parseInt(pick.group(2));
    return n >= 1 && n <= named.size() ? List.of(named.get(n - 1)) : List.of();
  }

  /**
   * Returns every position of the repeated name a {@code Name[last]} reference picks from, so the
   * last non-empty value can be taken (Jira fills repeated columns from the left); empty for any
   * other reference.
   */
  public List<Integer> lastOf(String column) {
    Matcher pick = PICK.matcher(column);
    if (!byName(column).isEmpty() || !pick.matches() || !pick.group(2).equals("last")) {
      return List.of();
    }
    List<Integer> named = byName(pick.group(1));
    return named.size() > 1 ? named : List.of();
  }

  private List<Integer> byName(String column) {
    List<Integer> i = exact.get(column);
    if (i == null) {
      i = folded.get(column.toLowerCase(Locale.ROOT));
    }
    return i == null ? List.of() : i;
  }

  /**
   * Returns why a reference to a single value is ambiguous: the name repeats and no {@code [N]} or
   * {@code [last]} picks one; null when it names one column (or none).
   */
  public String ambiguity(String column) {
    List<Integer> all = byName(column);
    if (all.size() < 2) {
      return null;
    }
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      at.append(i == 0 ? "" : i == all.size() - 1 ? " and " : ", ").append(all.get(i) + 1);
    }
    String name = columns.get(all.get(0));
    return "column \""
        + name
        + "\" appears "
        + all.size()
        + " times (columns "
        + at
        + "); pick one with \""
        + name
        + "[1]\" to \""
        + name
        + "["
        + all.size()
        + "]\" or \""
        + name
        + "[last]\"";
  }

  /** Returns the columns with their 1-based positions, as a dry run shows them: 1 Key, 2 Title. */
  public String numbered() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(i + 1).append(' ').append(columns.get(i));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return String.join(", ", columns);
  }
}
