package dev.azdo.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code workitemsbatch} answer's {@code value} array token by token into work items,
 * without a tree of the whole answer: a 200-item answer is about 1 MB of tree, and eight of them in
 * flight were what the export's garbage collector spent its time promoting.
 */
final class WorkItemBatchReader {
  /** What a slimmed identity leaves out: its links and avatar, not what names the person. */
  private static final Set<String> IDENTITY_LINKS = Set.of("url", "_links", "imageUrl");

  private final boolean slimIdentities;

  /**
   * @param slimIdentities leave out an identity's url, _links and imageUrl (two thirds of an item's
   *     answer), keeping its names, id and descriptor
   */
  WorkItemBatchReader(boolean slimIdentities) {
    this.slimIdentities = slimIdentities;
  }

  /** Reads the items of an answer's {@code value} array, skipping nulls (errorPolicy omit). */
  List<WorkItem> read(byte[] body, int expected) throws IOException {
    List<WorkItem> out = new ArrayList<>(expected);
    if (body.length == 0) {
      return out;
    }
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if ("value".equals(name) && t == JsonToken.START_ARRAY) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
              out.add(item(p));
            } else if (t != JsonToken.VALUE_NULL) {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return out;
  }

  private WorkItem item(JsonParser p) throws IOException {
    int id = 0;
    int rev = 0;
    String url = null;
    JsonNode fields = JsonNodeFactory.instance.objectNode();
    List<JsonNode> relations = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      // Jackson's getValueAs* answer 0 or null for an object, an array or a null, as the tree's
      // asInt and text did.
      switch (name) {
        case "id" -> id = p.getValueAsInt();
        case "rev" -> rev = p.getValueAsInt();
        case "url" -> url = p.getValueAsString();
        case "fields" -> fields = t == JsonToken.START_OBJECT ? fields(p) : tree(p);
        case "relations" -> {
          JsonNode r = tree(p);
          if (r.isArray()) {
            r.forEach(relations::add);
          }
        }
        default -> {}
      }
      // Steps over what no case read (an odd id's object, an unread member); a no-op otherwise.
      p.skipChildren();
    }
    return new WorkItem(id, rev, fields, relations, url);
  }

  private ObjectNode fields(JsonParser p) throws IOException {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      fields.set(name, slimIdentities && t == JsonToken.START_OBJECT ? slim(p) : tree(p));
    }
    return fields;
  }

  /**
   * The value at the parser as the node Jackson's readTree would make, built here: readTree per
   * value set up a deserialization context each time, a fifth of an export's parsing.
   */
  static JsonNode tree(JsonParser p) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    if (t == null) {
      return f.nullNode();
    }
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, tree(p));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(tree(p));
        }
        yield a;
      }
      case VALUE_STRING -> f.textNode(p.getText());
      // As readTree: int, long or big integer by size; a fraction as a double.
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> f.numberNode(p.getIntValue());
            case LONG -> f.numberNode(p.getLongValue());
            default -> f.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      case VALUE_NULL -> f.nullNode();
      default -> {
        JsonNode n = p.readValueAsTree();
        yield n == null ? f.nullNode() : n;
      }
    };
  }

  /**
   * An object value with, once it has shown itself an identity (a displayName, which the service
   * writes first), its links and avatar left out; any other object is kept whole.
   */
  private static ObjectNode slim(JsonParser p) throws IOException {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (o.has("displayName") && IDENTITY_LINKS.contains(name)) {
        p.skipChildren();
      } else {
        o.set(name, tree(p));
      }
    }
    return o;
  }
}
