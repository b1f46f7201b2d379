package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One response of a {@code $batch} call; the service sends the body as a JSON string.
 *
 * @param code the HTTP status of this item
 * @param headers the item's headers
 * @param body the parsed body (a work item, or an error envelope)
 */
public record BatchResult(int code, Map<String, String> headers, JsonNode body) {

  /** Tells whether this item succeeded. */
  public boolean isSuccess() {
    return code >= 200 && code < 300;
  }

  /** Returns the item's failure as an exception, or null when it succeeded. */
  public AzdoException error() {
    return isSuccess()
        ? null
        : AzdoException.fromEnvelope(code, body.toString(), "batch item failed");
  }
}
