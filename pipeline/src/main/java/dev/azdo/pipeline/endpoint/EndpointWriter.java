package dev.azdo.pipeline.endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Performs one endpoint's write for a row. Implementations are called from several threads at once
 * and leave retrying to the client.
 */
public interface EndpointWriter {

  /**
   * Writes a row.
   *
   * @return the id of what the row became (a number or a GUID, as text)
   * @throws RowRejected when the row cannot be written, with a reason
   * @throws dev.azdo.client.AzdoException when the service refused it or could not be reached
   */
  String write(EndpointRow row);

  /**
   * Looks for the effect of an earlier attempt whose answer was lost, before writing again.
   *
   * @return the id when that attempt took effect, else null
   */
  default String findDone(EndpointRow row) {
    return null;
  }

  /** Returns how many rows one {@link #writeAll} call takes; 1 means one request per row. */
  default int batchSize(int jobBatchSize) {
    return 1;
  }

  /**
   * Writes rows, each succeeding or failing on its own.
   *
   * @return per row, in order: the id (a String), a {@link RowRejected}, or the RuntimeException
   *     that failed it
   * @throws RuntimeException when the call as a whole failed, so no row's outcome is known
   */
  default List<Object> writeAll(List<EndpointRow> rows) {
    List<Object> out = new ArrayList<>(rows.size());
    for (EndpointRow row : rows) {
      try {
        out.add(write(row));
      } catch (RuntimeException e) {
        out.add(e);
      }
    }
    return out;
  }
}
