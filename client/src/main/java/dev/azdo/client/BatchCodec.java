package dev.azdo.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire form of the work items {@code $batch} call: the request array and the answer's items.
 */
final class BatchCodec {
  private BatchCodec() {}

  /**
   * Returns exactly the bytes {@link AzdoClient#batch} sends for these requests, so a dry run can
   * show what a real run would send.
   */
  static byte[] body(List<BatchRequest> requests) {
    ArrayNode body = Json.MAPPER.createArrayNode();
    for (BatchRequest r : requests) {
      ObjectNode o = body.addObject().put("method", r.method()).put("uri", r.uri());
      ObjectNode h = o.putObject("headers");
      r.headers().forEach(h::put);
      if (r.body() != null) {
        o.set("body", r.body());
      }
    }
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize request body", e);
    }
  }

  /**
   * Parses a $batch response as a stream; each item's body arrives as a JSON string and is kept as
   * text until someone asks for more than its id.
   */
  static List<BatchResult> parse(byte[] response) throws IOException {
    List<BatchResult> out = new ArrayList<>();
    try (JsonParser p = Json.MAPPER.getFactory().createParser(response)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!field.equals("value") || t != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          out.add(batchItem(p));
        }
      }
    }
    return out;
  }

  private static BatchResult batchItem(JsonParser p) throws IOException {
    int code = 0;
    Map<String, String> headers = new LinkedHashMap<>();
    String text = null;
    JsonNode tree = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "code" -> code = p.getValueAsInt();
        case "headers" -> {
          if (t == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String name = p.currentName();
              p.nextToken();
              headers.put(name, p.getValueAsString());
            }
          } else {
            p.skipChildren();
          }
        }
        case "body" -> {
          if (t == JsonToken.VALUE_STRING) {
            text = p.getText();
          } else {
            tree = Json.MAPPER.readTree(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    return text != null
        ? BatchResult.ofText(code, headers, text)
        : new BatchResult(code, headers, tree);
  }
}
