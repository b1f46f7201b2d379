package dev.azdo.pipeline.source;

/** A stream of rows read one at a time, so memory does not grow with the input; not thread-safe. */
public interface RowSource extends AutoCloseable {

  /** Returns the columns known so far; a JSON source may add columns as later rows bring them. */
  SourceSchema schema();

  /**
   * Returns the next row, or null at the end of the input.
   *
   * @throws SourceException when the input cannot be read further (the message names the line)
   */
  SourceRow next();

  /** Returns a short description of the source for reports, such as the file name. */
  String describe();

  /** Releases the file, workbook or database connection. */
  @Override
  void close();
}
