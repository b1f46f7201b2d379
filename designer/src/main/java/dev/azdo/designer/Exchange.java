package dev.azdo.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the designer's JSON API and its answer.
 *
 * @param method the HTTP method in upper case
 * @param path the path below {@code /api/}
 * @param query the query parameters (first value of each)
 * @param body the request body
 */
record Exchange(String method, String path, Map<String, String> query, byte[] body) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Returns the body as a JSON object (empty when there is no body). */
  ObjectNode json() {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n instanceof ObjectNode o) {
        return o;
      }
    } catch (IOException e) {
      throw new BadRequest("the body is not JSON: " + Messages.of(e));
    }
    throw new BadRequest("the body must be a JSON object");
  }

  /** A request the API refuses with 400 and a message the page shows. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  /**
   * An answer: status, content type, body and extra headers.
   *
   * @param status the HTTP status
   * @param contentType the media type
   * @param body the bytes sent
   * @param headers extra headers such as Content-Disposition
   */
  record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Answer json(Object value) {
      return json(200, value);
    }

    static Answer json(int status, Object value) {
      try {
        return new Answer(
            status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), Map.of());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static Answer error(int status, String message) {
      ObjectNode n = JSON.createObjectNode().put("error", message);
      return json(status, n);
    }

    static Answer download(String fileName, String contentType, byte[] bytes) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Disposition", "attachment; filename=\"" + fileName.replace("\"", "") + "\"");
      return new Answer(200, contentType, bytes, h);
    }

    static Answer text(String contentType, String text) {
      return new Answer(200, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }
  }
}
