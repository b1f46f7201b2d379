package dev.azdo.pipeline.endpoint;

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
}
