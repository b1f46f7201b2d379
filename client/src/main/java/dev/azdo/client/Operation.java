package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A long-running operation from {@code _apis/operations/{id}}.
 *
 * @param id the operation id
 * @param status notSet, queued, inProgress, cancelled, succeeded or failed
 * @param resultMessage the service's message, or null
 * @param url the operation URL
 */
public record Operation(String id, String status, String resultMessage, String url) {

  /** Tells whether the operation has finished, well or badly. */
  public boolean isDone() {
    return "succeeded".equalsIgnoreCase(status)
        || "failed".equalsIgnoreCase(status)
        || "cancelled".equalsIgnoreCase(status);
  }

  /** Tells whether the operation succeeded. */
  public boolean succeeded() {
    return "succeeded".equalsIgnoreCase(status);
  }

  static Operation from(JsonNode n) {
    return new Operation(
        Json.text(n, "id"),
        Json.text(n, "status"),
        Json.text(n, "resultMessage"),
        Json.text(n, "url"));
  }
}
