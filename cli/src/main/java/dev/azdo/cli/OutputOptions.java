package dev.azdo.cli;

import dev.azdo.pipeline.export.RowFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The read commands' --format and --out (a picocli mixin). */
final class OutputOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "table, csv, json, ndjson or xlsx (default: from --out, else table).")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (atomically).")
  Path out;

  /** The format from --format, else from the --out file's extension, else a table. */
  RowFormat rowFormat() {
    return ReadSupport.format(format, out, RowFormat.forQueries(), RowFormat.TABLE);
  }

  /** Tells on stderr how many rows went to --out, when there is one. */
  void reportWritten(long rows, PrintWriter err) {
    if (out != null) {
      err.println("azdo: " + rows + (rows == 1 ? " row" : " rows") + " written to " + out);
    }
  }
}
