package dev.azdo.pipeline.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code azdo export} reads and where it writes.
 *
 * @param project the project to export
 * @param wiql a WIQL query choosing the items (null: every item of the project)
 * @param types work item types to keep (empty: all)
 * @param fields the fields to write (empty: the default ten, or all with allFields)
 * @param allFields every field of the project
 * @param format csv, json, ndjson, xlsx or boards-csv
 * @param out the output file
 * @param relations also a parent id column and a links file ({@code NAME.links.csv})
 * @param comments also a comments file ({@code NAME.comments.csv})
 * @param history also every revision, from the reporting API ({@code NAME.history.ndjson})
 * @param since only items changed after this ISO date or time (null: all, or the state file's)
 * @param stateFile keeps the watermark of the last successful run, for incremental runs (or null)
 * @param concurrency work item reads in flight
 */
public record ExportOptions(
    String project,
    String wiql,
    List<String> types,
    List<String> fields,
    boolean allFields,
    RowFormat format,
    Path out,
    boolean relations,
    boolean comments,
    boolean history,
    String since,
    Path stateFile,
    int concurrency) {

  /** Checks the options and copies the lists. */
  public ExportOptions {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    types = types == null ? List.of() : List.copyOf(types);
    fields = fields == null ? List.of() : List.copyOf(fields);
    if (allFields && !fields.isEmpty()) {
      throw new IllegalArgumentException("--fields and --all-fields cannot be combined");
    }
    if (format == RowFormat.TABLE) {
      throw new IllegalArgumentException("--format: table is for azdo query; export writes files");
    }
    if (concurrency < 1 || concurrency > 32) {
      throw new IllegalArgumentException("--concurrency: must be between 1 and 32");
    }
  }
}
