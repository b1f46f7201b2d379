package dev.azdo.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.core.TableModify;

/**
 * One connection's writes of table rows (WorkItems, Teams, Areas, ...). While a statement of the
 * driver's runs ({@code executeUpdate}, {@code executeBatch}, ...) the rows each execution submits
 * are held, and written together when it ends, so the N executions of a batch share the import's
 * {@code $batch} calls (⌈N/200⌉ for N single-row INSERTs). A row that is not written makes the
 * statement throw a {@link BatchUpdateException} whose counts say which executions failed and whose
 * message and chained exceptions give each row's reason; the other rows are written. Used by one
 * thread at a time, as a JDBC connection is.
 */
final class StatementWrites {
  private static final int REASONS_IN_MESSAGE = 5;

  private List<Submitted> held;

  /** Writes rows of one kind and returns, per row, null when written or the reason it was not. */
  @FunctionalInterface
  interface RowsWriter {
    /**
     * Writes the rows.
     *
     * @throws SQLException when nothing could be written (the job could not be planned)
     */
    List<String> write(List<Object[]> rows) throws SQLException;
  }

  /**
   * One execution's rows.
   *
   * @param kind rows of equal kinds are written together (table, operation and columns)
   * @param keyName what the first column of an UPDATE or DELETE row identifies, for reasons
   */
  private record Submitted(
      String kind,
      TableModify.Operation op,
      String keyName,
      List<Object[]> rows,
      RowsWriter writer) {}

  /** Starts holding rows until {@link #finish}. */
  void begin() {
    held = new ArrayList<>();
  }

  /** Forgets the held rows (the statement failed before its writes). */
  void discard() {
    held = null;
  }

  /**
   * Takes one execution's rows and returns their count; outside a statement of the driver's they
   * are written at once (a failure is then an unchecked exception, which Calcite reports).
   */
  long submit(
      String kind,
      TableModify.Operation op,
      String keyName,
      List<Object[]> rows,
      RowsWriter writer) {
    Submitted s = new Submitted(kind, op, keyName, rows, writer);
    if (held != null) {
      held.add(s);
      return rows.size();
    }
    try {
      long[] counts = write(List.of(s), new long[] {rows.size()});
      return counts[0];
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Writes the held rows and returns each execution's count of rows written.
   *
   * @param executed the counts Calcite returned per execution (rows held by each, in order)
   * @throws BatchUpdateException when a row was not written, with {@link Statement#EXECUTE_FAILED}
   *     for its execution
   */
  long[] finish(long[] executed) throws SQLException {
    List<Submitted> rows = held == null ? List.of() : held;
    held = null;
    return write(rows, executed);
  }

  private long[] write(List<Submitted> submitted, long[] executed) throws SQLException {
    // Executions that held rows are matched, in order, to the submissions that carried rows
    // (an UPDATE that matched nothing submits none).
    List<Submitted> carrying = submitted.stream().filter(s -> !s.rows().isEmpty()).toList();
    int[] executionOf = new int[carrying.size()];
    int next = 0;
    for (int e = 0; e < executed.length && next < carrying.size(); e++) {
      if (executed[e] > 0) {
        executionOf[next++] = e;
      }
    }
    long[] counts = Arrays.copyOf(executed, executed.length);
    boolean[] failed = new boolean[executed.length];
    List<String> reasons = new ArrayList<>();
    Map<String, List<Integer>> kinds = new LinkedHashMap<>();
    for (int i = 0; i < carrying.size(); i++) {
      kinds.computeIfAbsent(carrying.get(i).kind(), k -> new ArrayList<>()).add(i);
    }
    long rowsFailed = 0;
    long rowsAll = 0;
    List<List<Integer>> ordered = new ArrayList<>(kinds.values());
    for (int k = 0; k < ordered.size(); k++) {
      List<Integer> kind = ordered.get(k);
      Submitted first = carrying.get(kind.get(0));
      List<Object[]> all = new ArrayList<>();
      for (int i : kind) {
        all.addAll(carrying.get(i).rows());
      }
      List<String> result;
      try {
        result = first.writer().write(all);
      } catch (SQLException e) {
        // The job could not be planned: none of this kind was sent, nor of the kinds after it.
        for (List<Integer> notSent : ordered.subList(k, ordered.size())) {
          for (int i : notSent) {
            failed[executionOf[i]] = true;
          }
        }
        throw failure(e.getMessage(), e.getSQLState(), counts, failed, List.of(), e);
      }
      int at = 0;
      for (int i : kind) {
        int execution = executionOf[i];
        long written = 0;
        List<Object[]> rows = carrying.get(i).rows();
        for (int r = 0; r < rows.size(); r++, at++) {
          rowsAll++;
          String reason = result.get(at);
          if (reason == null) {
            written++;
          } else {
            rowsFailed++;
            failed[execution] = true;
            reasons.add(where(execution, executed.length, first, rows.get(r), r) + reason);
          }
        }
        counts[execution] = written;
      }
    }
    if (rowsFailed > 0) {
      String msg =
          rowsFailed
              + " of "
              + rowsAll
              + " rows not written: "
              + String.join("; ", reasons.subList(0, Math.min(REASONS_IN_MESSAGE, reasons.size())))
              + (reasons.size() > REASONS_IN_MESSAGE
                  ? "; and " + (reasons.size() - REASONS_IN_MESSAGE) + " more (getNextException)"
                  : "");
      throw failure(msg, "22000", counts, failed, reasons, null);
    }
    return counts;
  }

  private static String where(
      int execution, int executions, Submitted s, Object[] row, int rowInExecution) {
    StringBuilder b = new StringBuilder();
    if (executions > 1) {
      b.append("batch entry ").append(execution + 1);
    }
    if (s.op() != TableModify.Operation.INSERT && row.length > 0 && row[0] != null) {
      b.append(b.length() > 0 ? ", " : "").append(s.keyName()).append(' ').append(row[0]);
    } else if (executions == 1 || s.rows().size() > 1) {
      b.append(b.length() > 0 ? ", " : "").append("row ").append(rowInExecution + 1);
    }
    return b.append(": ").toString();
  }

  private static BatchUpdateException failure(
      String message,
      String state,
      long[] counts,
      boolean[] failed,
      List<String> reasons,
      Throwable cause) {
    long[] shown = Arrays.copyOf(counts, counts.length);
    for (int i = 0; i < failed.length; i++) {
      if (failed[i]) {
        shown[i] = Statement.EXECUTE_FAILED;
      }
    }
    BatchUpdateException e = new BatchUpdateException(message, state, 0, shown, cause);
    for (String r : reasons) {
      e.setNextException(new SQLException(r, state));
    }
    return e;
  }
}
