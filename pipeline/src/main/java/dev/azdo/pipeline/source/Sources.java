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
}
