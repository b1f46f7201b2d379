package dev.azdo.pipeline.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Patch document that creates or updates one work item: {@code add} operations on {@code
 * /fields/REF} ({@code remove} for a field it clears) plus relations. The one form a row's patch
 * has from mapping to the wire: Jackson writes it straight into a {@code $batch} body (it is {@link
 * JsonSerializable}), and a dry run writes the same bytes. Immutable.
 */
public final class WorkItemPatch implements JsonSerializable {
  /** The value of a field the patch clears: written as a {@code remove} operation. */
  public static final Object CLEAR =
      new Object() {
        @Override
        public String toString() {
          return "(cleared)";
        }
      };

  /** The link type from a child to its parent. */
  public static final String PARENT_LINK = "System.LinkTypes.Hierarchy-Reverse";

  private static final JsonFactory JSON = new JsonFactory();
  private static final SerializableString OP = new SerializedString("op");
  private static final SerializableString ADD = new SerializedString("add");
  private static final SerializableString REMOVE = new SerializedString("remove");
  private static final SerializableString PATH = new SerializedString("path");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString RELATIONS = new SerializedString("/relations/-");
  private static final SerializableString REL = new SerializedString("rel");
  private static final SerializableString URL = new SerializedString("url");

  private final String[] fields;
  private final SerializableString[] paths;
  private final Object[] values;
  private final int size;
  private final List<Relation> relations;

  /** A link to another work item: its link type and the target's API URL. */
  public record Relation(String rel, String url) {}

  WorkItemPatch(
      String[] fields,
      SerializableString[] paths,
      Object[] values,
      int size,
      List<Relation> relations) {
    this.fields = fields;
    this.paths = paths;
    this.values = values;
    this.size = size;
    this.relations = relations;
  }

  /**
   * Returns a patch of the given field values (reference name to String, Long, Double or Boolean).
   */
  public static WorkItemPatch of(Map<String, Object> fieldValues) {
    int n = fieldValues.size();
    String[] fields = new String[n];
    SerializableString[] paths = new SerializableString[n];
    Object[] values = new Object[n];
    int i = 0;
    for (Map.Entry<String, Object> e : fieldValues.entrySet()) {
      fields[i] = e.getKey();
      paths[i] = fieldPath(e.getKey());
      values[i] = e.getValue();
      i++;
    }
    return new WorkItemPatch(fields, paths, values, n, List.of());
  }

  static SerializableString fieldPath(String referenceName) {
    return new SerializedString("/fields/" + referenceName);
  }

  /** Returns this patch with one more relation, such as the parent link. */
  public WorkItemPatch withRelation(String rel, String url) {
    List<Relation> more = new ArrayList<>(relations.size() + 1);
    more.addAll(relations);
    more.add(new Relation(rel, url));
    return new WorkItemPatch(fields, paths, values, size, Collections.unmodifiableList(more));
  }

  /** Returns this patch with one more field value (replacing nothing; callers add new fields). */
  public WorkItemPatch withField(String referenceName, Object value) {
    String[] f = java.util.Arrays.copyOf(fields, size + 1);
    SerializableString[] p = java.util.Arrays.copyOf(paths, size + 1);
    Object[] v = java.util.Arrays.copyOf(values, size + 1);
    f[size] = referenceName;
    p[size] = fieldPath(referenceName);
    v[size] = value;
    return new WorkItemPatch(f, p, v, size + 1, relations);
  }

  /** Returns the field values by reference name, in patch order. */
  public Map<String, Object> fields() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(fields[i], values[i]);
    }
    return map;
  }

  /** Returns the value of a field, or null when the patch does not set it. */
  public Object value(String referenceName) {
    for (int i = 0; i < size; i++) {
      if (fields[i].equalsIgnoreCase(referenceName)) {
        return values[i];
      }
    }
    return null;
  }

  /** Returns the relations to add. */
  public List<Relation> relations() {
    return relations;
  }

  /** Returns the number of operations the patch holds. */
  public int operationCount() {
    return size + relations.size();
  }

  /** Writes the patch as a JSON array of operations. */
  public void writeJson(JsonGenerator json) throws IOException {
    json.writeStartArray();
    for (int i = 0; i < size; i++) {
      json.writeStartObject();
      json.writeFieldName(OP);
      Object value = values[i];
      if (value == CLEAR) {
        json.writeString(REMOVE);
        json.writeFieldName(PATH);
        json.writeString(paths[i]);
        json.writeEndObject();
        continue;
      }
      json.writeString(ADD);
      json.writeFieldName(PATH);
      json.writeString(paths[i]);
      json.writeFieldName(VALUE);
      if (value instanceof String s) {
        json.writeString(s);
      } else if (value instanceof Long l) {
        json.writeNumber(l);
      } else if (value instanceof Double d) {
        json.writeNumber(d);
      } else if (value instanceof Boolean b) {
        json.writeBoolean(b);
      } else if (value == null) {
        json.writeNull();
      } else {
        json.writeString(value.toString());
      }
      json.writeEndObject();
    }
    for (Relation relation : relations) {
      json.writeStartObject();
      json.writeFieldName(OP);
      json.writeString(ADD);
      json.writeFieldName(PATH);
      json.writeString(RELATIONS);
      json.writeFieldName(VALUE);
      json.writeStartObject();
      json.writeFieldName(REL);
      json.writeString(relation.rel());
      json.writeFieldName(URL);
      json.writeString(relation.url());
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** Returns this patch without the relations whose URL matches, such as stand-in parents. */
  public WorkItemPatch withoutRelations(java.util.function.Predicate<String> url) {
    List<Relation> kept = relations.stream().filter(r -> !url.test(r.url())).toList();
    return kept.size() == relations.size()
        ? this
        : new WorkItemPatch(fields, paths, values, size, kept);
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    writeJson(gen);
  }

  @Override
  public void serializeWithType(
      JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
      throws IOException {
    writeJson(gen);
  }

  /** Returns the patch as JSON text. */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      writeJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
