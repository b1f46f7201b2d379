package dev.azdo.jdbc;

import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.endpoint.NodeNames;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.core.TableModify;

/**
 * How the rows of a table besides WorkItems are written: the catalogue's endpoint for each
 * operation (create-team, update-team, delete-team, create-area, delete-area, create-iteration,
 * delete-iteration, add-comment, add-link) and the input line of each row. The rows go through the
 * pipeline's one import task, as WorkItems rows do, so a refused row is rejected alone.
 */
final class RowWrites {
  /** The input line of one row for an endpoint. */
  @FunctionalInterface
  interface Line {
    /**
     * Returns the endpoint's input values, in the order of its header.
     *
     * @param old the row as read (null for INSERT)
     * @param neu the row as written (null for DELETE)
     */
    String[] of(Object[] old, Object[] neu);
  }

  /** The table column each input of one row's line is taken from, in the order of the header. */
  @FunctionalInterface
  interface Sources {
    /**
     * Returns the column names, named when the service refuses the row.
     *
     * @param old the row as read (null for INSERT)
     * @param neu the row as written (null for DELETE)
     */
    List<String> of(Object[] old, Object[] neu);
  }

  /** A check of one row before it is sent. */
  @FunctionalInterface
  interface Check {
    /**
     * Returns why the row is refused, starting with the column at fault, or null to send it.
     *
     * @param old the row as read (null for INSERT)
     * @param neu the row as written (null for DELETE)
     */
    String of(Object[] old, Object[] neu);
  }

  /**
   * One operation's endpoint, its input columns, the table column each is taken from in a row
   * (named when the service refuses it), each row's line and the check it passes first.
   */
  record Endpoint(String name, List<String> header, Sources sources, Line line, Check check) {
    Endpoint(String name, List<String> header, Sources sources, Line line) {
      this(name, header, sources, line, (o, n) -> null);
    }

    Endpoint(String name, List<String> header, List<String> columns, Line line) {
      this(name, header, (o, n) -> columns, line);
    }

    Endpoint(String name, List<String> header, Line line) {
      this(name, header, header, line);
    }
  }

  private final String table;
  private final String keyName;
  private final Endpoint insert;
  private final Endpoint update;
  private final Endpoint delete;

  private RowWrites(
      String table, String keyName, Endpoint insert, Endpoint update, Endpoint delete) {
    this.table = table;
    this.keyName = keyName;
    this.insert = insert;
    this.update = update;
    this.delete = delete;
  }

  /** Teams (Id, Name, Description): created by name, updated and deleted by id. */
  static RowWrites teams() {
    return new RowWrites(
        "Teams",
        "team",
        new Endpoint("create-team", List.of("Name", "Description"), (o, n) -> texts(n[1], n[2])),
        new Endpoint(
            "update-team",
            List.of("Name", "NewName", "Description"),
            // The team is found by its Id; a new Name is the endpoint's NewName.
            List.of("Id", "Name", "Description"),
            // Only what the SET changed is sent; an unchanged name would be a rename to itself.
            (o, n) -> texts(o[0], changed(o[1], n[1]), changed(o[2], n[2]))),
        new Endpoint("delete-team", List.of("Name"), List.of("Id"), (o, n) -> texts(o[0])));
  }

  /**
   * Areas (Id, Name, Path, HasChildren): created by path (or name, at the top), deleted by path.
   */
  static RowWrites areas() {
    return new RowWrites(
        "Areas",
        "area",
        new Endpoint(
            "create-area",
            List.of("Path"),
            (o, n) -> List.of(nodeColumn(n)),
            (o, n) -> texts(n[2] != null ? n[2] : n[1]),
            (o, n) -> nodeName(n, "area")),
        null,
        new Endpoint("delete-area", List.of("Path"), (o, n) -> texts(o[2])));
  }

  /** Iterations (Id, Name, Path, HasChildren, StartDate, FinishDate): like areas, with dates. */
  static RowWrites iterations() {
    return new RowWrites(
        "Iterations",
        "iteration",
        new Endpoint(
            "create-iteration",
            List.of("Path", "StartDate", "FinishDate"),
            (o, n) -> List.of(nodeColumn(n), "StartDate", "FinishDate"),
            (o, n) -> texts(n[2] != null ? n[2] : n[1], day(n[4]), day(n[5])),
            (o, n) -> nodeName(n, "iteration")),
        null,
        new Endpoint("delete-iteration", List.of("Path"), (o, n) -> texts(o[2])));
  }

  /** Comments (WorkItemId, CommentId, Version, Text, ...): added to a work item. */
  static RowWrites comments() {
    return new RowWrites(
        "Comments",
        "comment",
        new Endpoint("add-comment", List.of("WorkItemId", "Text"), (o, n) -> texts(n[0], n[3])),
        null,
        null);
  }

  /** WorkItemLinks (SourceId, TargetId, LinkType): added between two work items. */
  static RowWrites links() {
    return new RowWrites(
        "WorkItemLinks",
        "link from",
        new Endpoint(
            "add-link",
            List.of("SourceId", "TargetId", "LinkType"),
            (o, n) -> texts(n[0], n[1], n[2])),
        null,
        null);
  }

  /** The endpoint of the operation, or null when the catalogue has none for this table. */
  Endpoint endpoint(TableModify.Operation op) {
    return switch (op) {
      case INSERT -> insert;
      case UPDATE -> update;
      case DELETE -> delete;
      default -> null;
    };
  }

  /** The operations offered, for the message refusing another. */
  String offered() {
    List<String> ops = new ArrayList<>();
    for (TableModify.Operation op : TableModify.Operation.values()) {
      Endpoint e = endpoint(op);
      if (e != null) {
        ops.add(ImportedRows.verb(op) + " (" + e.name() + ")");
      }
    }
    return String.join(", ", ops);
  }

  String keyName() {
    return keyName;
  }

  /**
   * Writes rows of one operation and returns, per row, null or the reason it was not written.
   *
   * @param rows each holds the table's columns as read ({@code width} of them), then for UPDATE the
   *     SET values of {@code setColumns}
   */
  List<String> write(
      AzdoContext ctx,
      String project,
      TableModify.Operation op,
      int width,
      int[] setColumns,
      List<Object[]> rows)
      throws SQLException {
    Endpoint e = endpoint(op);
    List<String[]> lines = new ArrayList<>();
    List<List<String>> sources = new ArrayList<>();
    // Per row: the reason it was refused before sending, or null when it is among the lines.
    List<String> refused = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] read = Arrays.copyOf(r, width);
      Object[] old = op == TableModify.Operation.INSERT ? null : read;
      Object[] neu = op == TableModify.Operation.DELETE ? null : read.clone();
      if (op == TableModify.Operation.UPDATE) {
        for (int i = 0; i < setColumns.length; i++) {
          neu[setColumns[i]] = r[width + i];
        }
      }
      String refusal = e.check().of(old, neu);
      refused.add(refusal);
      if (refusal == null) {
        lines.add(e.line().of(old, neu));
        sources.add(e.sources().of(old, neu));
      }
    }
    if (lines.isEmpty()) {
      return refused;
    }
    DriverOptions o = ctx.options();
    List<String> sent =
        ImportRun.run(
            ctx,
            ImportedRows.verb(op) + " " + table,
            e.header(),
            sources,
            lines,
            (csv, dir) ->
                ImportJob.builder(csv.toString())
                    .endpoint(e.name())
                    .project(project)
                    .journal(dir.resolve("journal"))
                    .rejects(dir.resolve("rejects.csv"))
                    .batchSize(200)
                    .validateOnly(o.validateOnly())
                    .build());
    List<String> out = new ArrayList<>(rows.size());
    int next = 0;
    for (String refusal : refused) {
      out.add(refusal != null ? refusal : sent.get(next++));
    }
    return out;
  }

  // A Name alone is one node's name, not a path: a "/" in it would otherwise create a node below
  // another (or fail on a parent that is not there), so it is refused with the service's rule.
  private static String nodeName(Object[] neu, String what) {
    if (neu[1] == null) {
      return null;
    }
    String fault = NodeNames.fault(neu[1].toString(), what);
    return fault == null ? null : "column \"Name\": " + fault;
  }

  // A node given only its Name is created at the top by that name; a refusal of its path is then
  // about the Name the statement gave.
  private static String nodeColumn(Object[] neu) {
    return neu[2] == null && neu[1] != null ? "Name" : "Path";
  }

  private static String changed(Object before, Object after) {
    return Objects.equals(before, after) ? null : Objects.toString(after, null);
  }

  // Iteration dates are days; Calcite gives TIMESTAMP values as UTC milliseconds.
  private static String day(Object millis) {
    return millis instanceof Number n
        ? Instant.ofEpochMilli(n.longValue()).atOffset(ZoneOffset.UTC).toLocalDate().toString()
        : null;
  }

  private static String[] texts(Object... values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? "" : values[i].toString();
    }
    return out;
  }
}
