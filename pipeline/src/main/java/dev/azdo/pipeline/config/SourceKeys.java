package dev.azdo.pipeline.config;

import dev.azdo.pipeline.config.JobKey.Section;
import dev.azdo.pipeline.config.JobKey.Type;
import java.util.List;

/**
 * The settings of a job file's {@code source:} section: where rows come from and how the file,
 * sheet or query is read. {@link JobConfig#keys()} lists them with the others.
 */
public final class SourceKeys {
  /** A source file or dummy:N (the SOURCE argument). */
  public static final JobKey SOURCE_PATH =
      new JobKey(
          "path", Section.SOURCE, Type.STRING, null, null, "File or dummy:N.", null, "", List.of());

  /** A jdbc: URL (the SOURCE argument). */
  public static final JobKey SOURCE_URL =
      new JobKey(
          "url", Section.SOURCE, Type.STRING, null, null, "A jdbc: URL.", null, "", List.of());

  /** The source format. */
  public static final JobKey FORMAT =
      JobKey.of(
          "format",
          Section.SOURCE,
          Type.STRING,
          null,
          KeyChecks.oneOf("csv", "tsv", "json", "ndjson", "xlsx", "jdbc", "dummy"),
          "Source format: csv, tsv, json, ndjson, xlsx, jdbc, dummy (default: from SOURCE).");

  /** The CSV delimiter. */
  public static final JobKey DELIMITER =
      JobKey.of(
          "delimiter",
          Section.SOURCE,
          Type.STRING,
          null,
          v ->
              v.toString().length() == 1
                      || v.toString().equals("\\t")
                      || v.toString().equalsIgnoreCase("tab")
                  ? null
                  : "\"" + v + "\" must be one character or tab",
          "CSV delimiter; tab for TSV.");

  /** The charset of text files. */
  public static final JobKey ENCODING =
      JobKey.of(
          "encoding",
          Section.SOURCE,
          Type.STRING,
          null,
          KeyChecks::charset,
          "Charset of text files (default: UTF-8; a BOM wins).");

  /** The Excel sheet. */
  public static final JobKey SHEET =
      JobKey.of("sheet", Section.SOURCE, Type.STRING, null, null, "Excel sheet name or number.");

  /** The 1-based row holding the column names. */
  public static final JobKey HEADER_ROW =
      JobKey.of(
          "header-row",
          Section.SOURCE,
          Type.INT,
          null,
          KeyChecks.range(1, Integer.MAX_VALUE),
          "The row holding the column names in a CSV/TSV (blank lines not counted) or sheet (as"
              + " Excel numbers it); rows above it are skipped (default: the first).");

  /** Rows skipped after the header. */
  public static final JobKey SKIP_ROWS =
      JobKey.of(
          "skip-rows",
          Section.SOURCE,
          Type.INT,
          "0",
          KeyChecks.range(0, Integer.MAX_VALUE),
          "Rows skipped after the header (they keep their row numbers).");

  /** Only the first rows of the source, to try a job (the designer's validate-only preview). */
  public static final JobKey LIMIT =
      JobKey.of(
          "limit",
          Section.SOURCE,
          Type.LONG,
          null,
          KeyChecks.range(1, Long.MAX_VALUE),
          "Read only the first N rows of the source (after skip-rows), e.g. to try a job.");

  /** The SQL query. */
  public static final JobKey QUERY =
      JobKey.of("query", Section.SOURCE, Type.STRING, null, null, "SQL query of a jdbc: SOURCE.");

  /** The database user. */
  public static final JobKey DB_USER =
      new JobKey(
          "user",
          Section.SOURCE,
          Type.STRING,
          null,
          null,
          "Database user of a jdbc: SOURCE.",
          "--db-user",
          "USER",
          List.of("db-user"));

  /** The environment variable holding the database password. */
  public static final JobKey DB_PASSWORD_ENV =
      new JobKey(
          "password-env",
          Section.SOURCE,
          Type.STRING,
          null,
          null,
          "Environment variable holding the database password.",
          "--db-password-env",
          "NAME",
          List.of("db-password-env"));

  /** The JDBC fetch size. */
  public static final JobKey FETCH_SIZE =
      JobKey.of(
          "fetch-size",
          Section.SOURCE,
          Type.INT,
          null,
          KeyChecks.range(1, 1_000_000),
          "JDBC fetch size.");

  /** Rows of a dummy source. */
  public static final JobKey ROWS =
      JobKey.of(
          "rows",
          Section.SOURCE,
          Type.LONG,
          null,
          KeyChecks.range(0, Long.MAX_VALUE),
          "Rows of a dummy SOURCE.");

  /** Seed of a dummy source. */
  public static final JobKey SEED =
      JobKey.of("seed", Section.SOURCE, Type.LONG, null, null, "Seed of a dummy SOURCE.");

  private SourceKeys() {}
}
