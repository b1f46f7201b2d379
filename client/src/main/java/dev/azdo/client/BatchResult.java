package dev.azdo.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One response of a {@code $batch} call. The service sends each body as a JSON string; it is parsed
 * only when asked for, because a bulk writer usually needs just the {@link #id()} (parsing every
 * created work item was the largest cost of an import's answer handling).
 */
public final class BatchResult {
  private final int code;
  private final Map<String, String> headers;
  private final String rawBody;
  private JsonNode body;

  /** A result whose body is already parsed. */
  public BatchResult(int code, Map<String, String> headers, JsonNode body) {
    this(code, headers, null, body == null ? Json.MAPPER.nullNode() : body);
  }

  private BatchResult(int code, Map<String, String> headers, String rawBody, JsonNode body) {
    this.code = code;
    this.headers = Map.copyOf(headers);
    this.rawBody = rawBody;
    this.body = body;
  }

  /** A result whose body is the JSON text the service sent, parsed on first use. */
  static BatchResult ofText(int code, Map<String, String> headers, String rawBody) {
    return new BatchResult(code, headers, Objects.requireNonNull(rawBody, "rawBody"), null);
  }

  /** Returns the HTTP status of this item. */
  public int code() {
    return code;
  }

  /** Returns the item's headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns the parsed body (a work item, or an error envelope); text that is not JSON as is. */
  public synchronized JsonNode body() {
    if (body == null) {
      try {
        JsonNode parsed = Json.MAPPER.readTree(rawBody);
        body = parsed == null ? Json.MAPPER.nullNode() : parsed;
      } catch (IOException notJson) {
        body = Json.MAPPER.getNodeFactory().textNode(rawBody);
      }
    }
    return body;
  }

  /**
   * Returns the body's top-level {@code id}, or 0 when it has none, reading only as far as the id
   * (the service puts it first).
   */
  public int id() {
    synchronized (this) {
      if (body != null) {
        return body.path("id").asInt();
      }
    }
    try (JsonParser p = Json.MAPPER.getFactory().createParser(rawBody)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return 0;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("id") && p.currentToken().isNumeric()) {
          return p.getIntValue();
        }
        p.skipChildren();
      }
      return 0;
    } catch (IOException notJson) {
      return 0;
    }
  }

  /**
   * Returns the body's {@code fields} object with only the fields named (in any case), or null when
   * the body has none. The other fields and the rest of the work item are read past, not built: a
   * writer comparing what it sent needs a few of the thirty-odd fields the service answers.
   */
  public JsonNode fields(Collection<String> names) {
    synchronized (this) {
      if (body != null) {
        return body.get("fields");
      }
    }
    Set<String> wanted = new HashSet<>();
    for (String name : names) {
      wanted.add(name.toLowerCase(Locale.ROOT));
    }
    try (JsonParser p = Json.MAPPER.getFactory().createParser(rawBody)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!name.equals("fields")) {
          p.skipChildren();
        } else if (value != JsonToken.START_OBJECT) {
          return Json.MAPPER.readTree(p);
        } else {
          ObjectNode kept = Json.MAPPER.createObjectNode();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (wanted.contains(field.toLowerCase(Locale.ROOT))) {
              kept.set(field, Json.MAPPER.readTree(p));
            } else {
              p.skipChildren();
            }
          }
          return kept;
        }
      }
      return null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Tells whether this item succeeded. */
  public boolean isSuccess() {
    return code >= 200 && code < 300;
  }

  /** Returns the item's failure as an exception, or null when it succeeded. */
  public AzdoException error() {
    return isSuccess()
        ? null
        : AzdoException.fromEnvelope(code, body().toString(), "batch item failed");
  }

  @Override
  public String toString() {
    return "BatchResult[code=" + code + "]";
  }
}
