package dev.azdo.emulator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** The emulator's one JSON mapper and small helpers around it. */
public final class Json {
  /** Shared, thread-safe mapper. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /** Returns a new empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Returns a new empty JSON array. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses JSON text, throwing a 400 the way the service does for a body it cannot read. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "VssRequestContentException",
          "The request body could not be parsed as JSON: " + e.getOriginalMessage());
    }
  }

  /** Serializes a value to JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serializes a value to UTF-8 JSON bytes. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a plain value (text, number, boolean, null, or anything the mapper serializes). */
  public static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else {
      g.writeObject(v);
    }
  }

  /**
   * Wraps values that need not be trees as the service wraps lists: {"count": N, "value": [...]}.
   */
  public static StreamedJson streamedList(Collection<?> values) {
    return StreamedJson.of(
        g -> {
          g.writeStartObject();
          g.writeNumberField("count", values.size());
          g.writeArrayFieldStart("value");
          for (Object v : values) {
            writeValue(g, v);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** Converts a JSON tree to a type. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Converts a value to a JSON tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Wraps values as the service wraps lists: {"count": N, "value": [...]}. */
  public static ObjectNode list(Collection<? extends JsonNode> values) {
    ObjectNode n = object();
    n.put("count", values.size());
    ArrayNode a = n.putArray("value");
    a.addAll(values);
    return n;
  }

  /** Formats an instant as the service does: ISO-8601 UTC with milliseconds. */
  public static String date(Instant instant) {
    return ISO.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
