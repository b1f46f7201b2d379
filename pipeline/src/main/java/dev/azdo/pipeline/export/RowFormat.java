package dev.azdo.pipeline.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How read rows are written: a terminal table, CSV, JSON, NDJSON, Excel or Azure Boards' CSV. */
public enum RowFormat {
  /** Aligned columns cut to the terminal's width. */
  TABLE("table"),
  /** RFC 4180 CSV with a header row; identities flattened. */
  CSV("csv"),
  /** One JSON array of the service's objects. */
  JSON("json"),
  /** One JSON object per line. */
  NDJSON("ndjson"),
  /** An Excel workbook, one sheet, a header row; identities flattened. */
  XLSX("xlsx"),
  /** Azure Boards' CSV: ID, Work Item Type, Title 1..N as the tree, then field display names. */
  BOARDS_CSV("boards-csv");

  private final String label;

  RowFormat(String label) {
    this.label = label;
  }

  /** Returns the name users type, such as {@code boards-csv}. */
  public String label() {
    return label;
  }

  /** Tells whether rows keep the service's JSON instead of flattened columns. */
  public boolean raw() {
    return this == JSON || this == NDJSON;
  }

  /**
   * Parses a format among the allowed ones.
   *
   * @throws IllegalArgumentException naming the option and the choices
   */
  public static RowFormat parse(String option, String text, List<RowFormat> allowed) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (RowFormat f : allowed) {
      if (f.label.equals(t)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        option
            + ": '"
            + text
            + "' is not one of "
            + String.join(", ", allowed.stream().map(RowFormat::label).toList()));
  }

  /** Every format but boards-csv, as queries and read endpoints offer. */
  public static List<RowFormat> forQueries() {
    return Arrays.stream(values()).filter(f -> f != BOARDS_CSV).toList();
  }
}
