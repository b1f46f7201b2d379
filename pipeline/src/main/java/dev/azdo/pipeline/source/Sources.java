package dev.azdo.pipeline.source;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the source that options describe. */
public final class Sources {
  private Sources() {}

  /**
   * Opens a source; the caller closes it.
   *
   * @throws SourceException when the file is missing or unreadable, the query fails, or a JDBC
   *     source has no query (the message is one line)
   */
  public static RowSource open(SourceOptions options) {
    RowSource all = openAll(options);
    return options.limit() > 0 ? new FirstRows(all, options.limit()) : all;
  }

  private static RowSource openAll(SourceOptions options) {
    switch (options.format()) {
      case JDBC:
        if (options.query() == null || options.query().isBlank()) {
          throw new SourceException(
              "a JDBC source needs a query, such as --query \"select * from bugs\"");
        }
        return JdbcSource.open(
            options.location(),
            options.user(),
            options.password(),
            options.query(),
            options.fetchSize());
      case DUMMY:
        long rows;
        try {
          rows = options.rows();
        } catch (NumberFormatException e) {
          throw new SourceException(
              "\"" + options.location() + "\": use dummy:N with N a number of rows");
        }
        return DummyDataSource.of(rows, options.seed());
      default:
        Path file = Path.of(options.location());
        if (!Files.isRegularFile(file)) {
          throw new SourceException(options.location() + ": no such file");
        }
        return switch (options.format()) {
          case JSON, NDJSON -> JsonSource.open(file, options.charset());
          case XLSX ->
              ExcelSource.open(file, options.sheet(), options.headerRow(), options.skipRows());
          default ->
              CsvSource.open(
                  file,
                  options.charset(),
                  options.delimiter(),
                  options.headerRow(),
                  options.skipRows());
        };
    }
  }

  /** The first rows of a source only; the rest is never read. */
  private static final class FirstRows implements RowSource {
    private final RowSource source;
    private long left;

    FirstRows(RowSource source, long limit) {
      this.source = source;
      this.left = limit;
    }

    @Override
    public SourceSchema schema() {
      return source.schema();
    }

    @Override
    public SourceRow next() {
      if (left <= 0) {
        return null;
      }
      left--;
      return source.next();
    }

    @Override
    public String describe() {
      return source.describe();
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
