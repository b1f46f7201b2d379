package dev.azdo.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.azdo.client.http.Response;
import dev.azdo.client.internal.Urls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Lists the fields a project's work items can carry ({@code GET {project}/_apis/wit/fields}). */
public final class ProjectFields {
  private final AzdoClient client;

  /** Creates the reader over a client. */
  public ProjectFields(AzdoClient client) {
    this.client = client;
  }

  /** Returns every field of the project (organization-wide when project is null). */
  public List<FieldInfo> list(String project) {
    String path =
        project == null ? "/_apis/wit/fields" : "/" + Urls.segment(project) + "/_apis/wit/fields";
    Response r = client.send("GET", client.api(path), null, null, false, "list fields");
    try {
      return read(r.body());
    } catch (IOException e) {
      throw ResponseErrors.unreadable(r);
    }
  }

  // Reads the answer token by token, keeping a field's five members and stepping over the rest:
  // a project's catalogue is ~200 KB, mostly each field's supportedOperations, and building it as
  // a tree took ~20 ms before an export's first read.
  static List<FieldInfo> read(byte[] body) throws IOException {
    List<FieldInfo> out = new ArrayList<>();
    if (body.length == 0) {
      return out;
    }
    try (JsonParser p = Json.MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("value") && t == JsonToken.START_ARRAY) {
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
              out.add(field(p));
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("the answer ended early");
      }
    }
    return out;
  }

  // One field object, read as FieldInfo.from reads its tree: text members as text (absent or null
  // as null), flags true only when they are.
  private static FieldInfo field(JsonParser p) throws IOException {
    String referenceName = null;
    String name = null;
    String type = null;
    boolean isIdentity = false;
    boolean readOnly = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      switch (key) {
        case "referenceName" -> referenceName = text(p, v);
        case "name" -> name = text(p, v);
        case "type" -> type = text(p, v);
        case "isIdentity" -> isIdentity = flag(p, v);
        case "readOnly" -> readOnly = flag(p, v);
        default -> {}
      }
      p.skipChildren();
    }
    return new FieldInfo(
        referenceName, name, type, isIdentity || "identity".equalsIgnoreCase(type), readOnly);
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    return v.isScalarValue() ? p.getText() : ""; // a tree's asText of an object or array
  }

  private static boolean flag(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_TRUE -> true;
      case VALUE_NUMBER_INT -> p.getLongValue() != 0;
      case VALUE_STRING -> p.getText().trim().equals("true");
      default -> false;
    };
  }
}
