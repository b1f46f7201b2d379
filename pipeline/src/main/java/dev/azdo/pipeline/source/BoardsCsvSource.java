package dev.azdo.pipeline.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure Boards' own CSV (what its query export writes and its Import Work Items reads: {@code ID},
 * {@code Work Item Type}, {@code Title 1}, {@code Title 2}, ... then fields by display name) read
 * as a tree: a row's level is its one non-empty {@code Title N} column and its parent the nearest
 * row above it with a lower level. Each row gets three more columns: its title, its key (its ID, or
 * for a new row the path of titles from its nearest ancestor with an ID, so a rerun finds it and
 * rows added elsewhere do not move it) and its parent's key. Memory holds the open branch and one
 * counter per path.
 */
public final class BoardsCsvSource implements RowSource {
  /** The column holding the row's title, taken from its Title N column. */
  public static final String TITLE = "(tree) Title";

  /** The column holding the row's key. */
  public static final String KEY = "(tree) Key";

  /** The column holding the parent row's key, or the parent's work item id. */
  public static final String PARENT = "(tree) Parent";

  /** The column holding an existing work item's id. */
  public static final String ID = "ID";

  /** The column holding the work item type. */
  public static final String TYPE = "Work Item Type";

  private static final Pattern TITLE_N = Pattern.compile("(?i)title\\s+(\\d+)");
  // Tags hold at most 400 characters; a longer path is shortened and made unique by a digest.
  private static final int MAX_KEY = 200;

  private final RowSource source;
  private final SourceSchema schema;
  private final int idIndex;
  private final int[] titleIndex;
  private final int extra;
  // The open branch: the level, key and path of each row that can still get children.
  private final Deque<Node> branch = new ArrayDeque<>();
  private final Map<String, Integer> seen = new HashMap<>();

  private record Node(int level, String key, String path) {}

  private BoardsCsvSource(RowSource source) {
    this.source = source;
    SourceSchema s = source.schema();
    this.idIndex = s.indexOf(ID);
    this.titleIndex = titleColumns(s).stream().mapToInt(Integer::intValue).toArray();
    this.extra = s.size();
    this.schema = s.plus(TITLE).plus(KEY).plus(PARENT);
  }

  /**
   * Returns true for Azure Boards' CSV header: {@code ID}, {@code Work Item Type} and {@code Title
   * 1}, {@code Title 2}, ... without gaps.
   */
  public static boolean recognises(SourceSchema schema) {
    return schema.indexOf(ID) >= 0
        && schema.indexOf(TYPE) >= 0
        && !titleColumns(schema).isEmpty()
        && schema.indexOf(KEY) < 0;
  }

  /** Returns the Title N columns' positions in level order, or empty unless 1..N are all there. */
  static List<Integer> titleColumns(SourceSchema schema) {
    Map<Integer, Integer> byLevel = new HashMap<>();
    for (int i = 0; i < schema.size(); i++) {
      Matcher m = TITLE_N.matcher(schema.columns().get(i).strip());
      if (m.matches() && m.group(1).length() < 4) {
        byLevel.putIfAbsent(Integer.parseInt(m.group(1)), i);
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int level = 1; byLevel.containsKey(level); level++) {
      out.add(byLevel.get(level));
    }
    return out.size() == byLevel.size() ? out : List.of();
  }

  /** Returns the Title N column names, which the tree's title column replaces in a mapping. */
  public static List<String> titleColumnNames(SourceSchema schema) {
    return titleColumns(schema).stream().map(i -> schema.columns().get(i)).toList();
  }

  /** Wraps a source whose header {@link #recognises} as Azure Boards' CSV. */
  public static BoardsCsvSource of(RowSource source) {
    if (!recognises(source.schema())) {
      throw new IllegalArgumentException(source.describe() + " is not an Azure Boards CSV");
    }
    return new BoardsCsvSource(source);
  }

  @Override
  public SourceSchema schema() {
    return schema;
  }

  @Override
  public SourceRow next() {
    SourceRow row = source.next();
    if (row == null) {
      return null;
    }
    int level = 0;
    String title = null;
    List<String> filled = new ArrayList<>();
    for (int l = 0; l < titleIndex.length; l++) {
      String t = row.get(titleIndex[l]);
      if (t != null && !t.isBlank()) {
        filled.add(schema.columns().get(titleIndex[l]));
        if (level == 0) {
          level = l + 1;
          title = t.strip();
        }
      }
    }
    while (!branch.isEmpty() && branch.peek().level() >= Math.max(level, 1)) {
      branch.pop();
    }
    Node parent = branch.peek();
    String id = idIndex < 0 ? null : row.get(idIndex);
    id = id == null || id.isBlank() ? null : id.strip();
    String path = (parent == null ? "" : parent.path()) + "/" + (title == null ? "" : title);
    if (id != null) {
      path = "#" + id;
    }
    String key = id != null ? id : keyOf(path);
    String[] values = new String[extra + 3];
    for (int i = 0; i < extra; i++) {
      values[i] = row.get(i);
    }
    values[extra] = title;
    values[extra + 1] = key;
    values[extra + 2] = parent == null ? null : parent.key();
    if (level > 0) {
      // A rejected row stays on the branch, so its children are rejected with it, not moved.
      branch.push(new Node(level, key, path));
    }
    if (row.isMalformed()) {
      // Placed in the tree all the same when its titles could be read, so children follow it.
      return SourceRow.malformed(row.rowNumber(), schema, row.errorColumn(), row.error(), values);
    }
    if (filled.isEmpty()) {
      return SourceRow.malformed(
          row.rowNumber(),
          schema,
          titleColumnNames(source.schema()).get(0),
          "no Title N column holds a title; a row's title is in the column of its level",
          values);
    }
    if (filled.size() > 1) {
      return SourceRow.malformed(
          row.rowNumber(),
          schema,
          filled.get(1),
          String.join(" and ", filled)
              + " both hold a title; a row's title is in one Title N column, the one of its level",
          values);
    }
    return SourceRow.of(row.rowNumber(), schema, values);
  }

  // The path's key, numbered from the second row with the same path (two "Write tests" tasks).
  private String keyOf(String path) {
    int n = seen.merge(path.toLowerCase(Locale.ROOT), 1, Integer::sum);
    String key = n == 1 ? path : path + " #" + n;
    if (key.length() <= MAX_KEY) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return key.substring(0, MAX_KEY - 17) + "~" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String describe() {
    return source.describe() + " (Azure Boards CSV)";
  }

  @Override
  public void close() {
    source.close();
  }
}
