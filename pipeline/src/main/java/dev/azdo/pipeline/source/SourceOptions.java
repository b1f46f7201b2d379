package dev.azdo.pipeline.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Where rows come from and how to read them: a file (CSV, TSV, JSON, NDJSON, XLSX), a JDBC URL with
 * a query, or {@code dummy:N} generated rows. The format is detected from the location unless set.
 * Immutable; {@link #toString()} never shows the database password.
 */
public final class SourceOptions {
  /** The kinds of source. */
  public enum Format {
    CSV,
    TSV,
    JSON,
    NDJSON,
    XLSX,
    JDBC,
    DUMMY
  }

  private final String location;
  private final Format format;
  private final Charset charset;
  private final Character delimiter;
  private final String sheet;
  private final int headerRow;
  private final int skipRows;
  private final long limit;
  private final String query;
  private final String user;
  private final String password;
  private final int fetchSize;
  private final long rows;
  private final long seed;

  private SourceOptions(Builder b) {
    this.location = b.location;
    this.format = b.format != null ? b.format : detect(b.location);
    this.charset = b.charset;
    this.delimiter = b.delimiter;
    this.sheet = b.sheet;
    this.headerRow = b.headerRow;
    this.skipRows = b.skipRows;
    this.limit = b.limit;
    this.query = b.query;
    this.user = b.user;
    this.password = b.password;
    this.fetchSize = b.fetchSize;
    this.rows = b.rows;
    this.seed = b.seed;
  }

  /** Returns a builder for a location: a file path, a {@code jdbc:} URL or {@code dummy[:N]}. */
  public static Builder builder(String location) {
    return new Builder(location);
  }

  /**
   * Returns the format a location implies: {@code jdbc:} is JDBC, {@code dummy} or {@code dummy:N}
   * is generated data, otherwise the file extension (.csv, .tsv/.tab, .json, .ndjson/.jsonl,
   * .xlsx); anything else reads as CSV.
   */
  public static Format detect(String location) {
    String lower = location.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:")) {
      return Format.JDBC;
    }
    if (lower.equals("dummy") || lower.startsWith("dummy:")) {
      return Format.DUMMY;
    }
    if (lower.endsWith(".tsv") || lower.endsWith(".tab")) {
      return Format.TSV;
    }
    if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) {
      return Format.NDJSON;
    }
    if (lower.endsWith(".json")) {
      return Format.JSON;
    }
    if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
      return Format.XLSX;
    }
    return Format.CSV;
  }

  /**
   * Returns what identifies the source in a journal: a file's absolute path, a JDBC URL without
   * what may carry credentials plus the query, or a dummy source's row count and seed.
   */
  public String identity() {
    return switch (format) {
      case JDBC -> "jdbc " + JdbcSource.safeName(location) + " query " + query;
      case DUMMY -> "dummy rows " + rows() + " seed " + seed;
      default -> "file " + java.nio.file.Path.of(location).toAbsolutePath().normalize();
    };
  }

  /** Returns the location as given. */
  public String location() {
    return location;
  }

  /** Returns the format. */
  public Format format() {
    return format;
  }

  /** Returns the charset of text files (default UTF-8; a BOM overrides it). */
  public Charset charset() {
    return charset;
  }

  /** Returns the delimiter: as set, else tab for TSV and comma otherwise. */
  public char delimiter() {
    return delimiter != null ? delimiter : format == Format.TSV ? '\t' : ',';
  }

  /** Returns the sheet name or 1-based number, or null for the first sheet. */
  public String sheet() {
    return sheet;
  }

  /**
   * Returns the 1-based row holding the column names (a CSV record, blank lines not counted, or a
   * sheet row as Excel numbers it), or 0 for the first non-empty one.
   */
  public int headerRow() {
    return headerRow;
  }

  /** Returns how many rows after the header are skipped (they keep their row numbers). */
  public int skipRows() {
    return skipRows;
  }

  /** Returns how many rows are read at most, or 0 for all of them. */
  public long limit() {
    return limit;
  }

  /** Returns the SQL query of a JDBC source. */
  public String query() {
    return query;
  }

  /** Returns the database user, or null. */
  public String user() {
    return user;
  }

  /** Returns the database password, or null; never printed. */
  public String password() {
    return password;
  }

  /** Returns the JDBC fetch size (default 1000). */
  public int fetchSize() {
    return fetchSize;
  }

  /** Returns the number of generated rows: {@code dummy:N}, else as set (default 100). */
  public long rows() {
    String lower = location.toLowerCase(Locale.ROOT);
    if (format == Format.DUMMY && lower.startsWith("dummy:")) {
      return Long.parseLong(location.substring("dummy:".length()).strip());
    }
    return rows;
  }

  /** Returns the seed of generated rows (default 1). */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return format + " " + location + (query != null ? " query " + query : "");
  }

  /** Collects source options. */
  public static final class Builder {
    private final String location;
    private Format format;
    private Charset charset = StandardCharsets.UTF_8;
    private Character delimiter;
    private String sheet;
    private int headerRow;
    private int skipRows;
    private long limit;
    private String query;
    private String user;
    private String password;
    private int fetchSize = JdbcSource.DEFAULT_FETCH_SIZE;
    private long rows = 100;
    private long seed = 1;

    private Builder(String location) {
      this.location = Objects.requireNonNull(location, "location").strip();
    }

    /** Sets the format instead of detecting it. */
    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    /** Sets the format by name (csv, tsv, json, ndjson, xlsx, jdbc, dummy). */
    public Builder format(String name) {
      try {
        this.format = name == null ? null : Format.valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "format \"" + name + "\" is not one of csv, tsv, json, ndjson, xlsx, jdbc, dummy");
      }
      return this;
    }

    /** Sets the charset of text files. */
    public Builder charset(Charset charset) {
      this.charset = Objects.requireNonNull(charset, "charset");
      return this;
    }

    /** Sets the delimiter; "\t" or "tab" mean a tab. */
    public Builder delimiter(String delimiter) {
      if (delimiter == null) {
        this.delimiter = null;
      } else if (delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab")) {
        this.delimiter = '\t';
      } else if (delimiter.length() == 1) {
        this.delimiter = delimiter.charAt(0);
      } else {
        throw new IllegalArgumentException(
            "delimiter \"" + delimiter + "\" must be one character or tab");
      }
      return this;
    }

    /** Sets the sheet by name or 1-based number. */
    public Builder sheet(String sheet) {
      this.sheet = sheet;
      return this;
    }

    /** Sets the 1-based header row of a CSV/TSV or sheet; 0 means the first non-empty one. */
    public Builder headerRow(int row) {
      this.headerRow = row;
      return this;
    }

    /** Sets how many rows after the header are skipped. */
    public Builder skipRows(int rows) {
      this.skipRows = rows;
      return this;
    }

    /** Sets how many rows are read at most (the first ones); 0 reads all. */
    public Builder limit(long rows) {
      this.limit = rows;
      return this;
    }

    /** Sets the SQL query. */
    public Builder query(String query) {
      this.query = query;
      return this;
    }

    /** Sets the database user and password. */
    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** Sets the JDBC fetch size. */
    public Builder fetchSize(int fetchSize) {
      this.fetchSize = fetchSize;
      return this;
    }

    /** Sets the number of generated rows. */
    public Builder rows(long rows) {
      this.rows = rows;
      return this;
    }

    /** Sets the seed of generated rows. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Returns the options. */
    public SourceOptions build() {
      return new SourceOptions(this);
    }
  }
}
