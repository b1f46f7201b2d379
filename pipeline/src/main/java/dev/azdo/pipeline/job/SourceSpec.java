package dev.azdo.pipeline.job;

import dev.azdo.pipeline.source.CsvSource;
import dev.azdo.pipeline.source.DummyDataSource;
import dev.azdo.pipeline.source.ExcelSource;
import dev.azdo.pipeline.source.JdbcSource;
import dev.azdo.pipeline.source.JsonSource;
import dev.azdo.pipeline.source.RowSource;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where rows come from: a file (csv, tsv, json, ndjson, xlsx), a JDBC query, or generated dummy
 * rows. The type is taken from the file's extension unless given.
 */
public record SourceSpec(
    String type,
    Path path,
    char delimiter,
    Charset encoding,
    String sheet,
    String url,
    String query,
    String user,
    String password,
    long rows,
    long seed) {

  /** The source types users can name. */
  public static final List<String> TYPES =
      List.of("csv", "tsv", "json", "ndjson", "xlsx", "jdbc", "dummy");

  /** Guesses a type from a path's extension, or null. */
  public static String typeOf(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".csv") || p.endsWith(".txt")) {
      return "csv";
    }
    if (p.endsWith(".tsv") || p.endsWith(".tab")) {
      return "tsv";
    }
    if (p.endsWith(".ndjson") || p.endsWith(".jsonl")) {
      return "ndjson";
    }
    if (p.endsWith(".json")) {
      return "json";
    }
    if (p.endsWith(".xlsx") || p.endsWith(".xlsm")) {
      return "xlsx";
    }
    if (p.startsWith("jdbc:")) {
      return "jdbc";
    }
    if (p.startsWith("dummy:")) {
      return "dummy";
    }
    return null;
  }

  /** Opens the source for streaming; the caller closes it. */
  public RowSource open() {
    return switch (type) {
      case "csv" -> CsvSource.open(path, encoding, delimiter);
      case "tsv" -> CsvSource.open(path, encoding, delimiter == ',' ? '\t' : delimiter);
      case "json", "ndjson" -> JsonSource.open(path, encoding);
      case "xlsx" -> ExcelSource.open(path, sheet);
      case "jdbc" ->
          JdbcSource.open(
              url, user, Secrets.resolve(password), query, JdbcSource.DEFAULT_FETCH_SIZE);
      case "dummy" -> DummyDataSource.of(rows, seed);
      default -> throw new IllegalStateException("unknown source type " + type);
    };
  }

  /** A short description for progress lines and reports (no secrets). */
  public String describe() {
    return switch (type) {
      case "jdbc" -> "jdbc query on " + url.replaceAll("(?i)(password=)[^;&]*", "$1***");
      case "dummy" -> rows + " generated rows (seed " + seed + ")";
      default -> type + " " + path;
    };
  }
}
