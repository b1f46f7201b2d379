package dev.azdo.pipeline.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.FieldInfo;
import dev.azdo.client.WorkItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns work items into rows: one column per field, identities flattened into {@code Field} ({@code
 * Name <email>}), {@code Field.displayName} and {@code Field.uniqueName} as ZappySys and CData
 * users expect; and the service's JSON for JSON formats.
 */
public final class WorkItemColumns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<FieldInfo> fields;

  /** Uses these fields, in order. */
  public WorkItemColumns(List<FieldInfo> fields) {
    this.fields = List.copyOf(fields);
  }

  /**
   * Resolves field names (reference or display names, any case) against the project's fields.
   *
   * @throws IllegalArgumentException naming the option and the unknown field
   */
  public static List<FieldInfo> resolve(String option, List<String> names, List<FieldInfo> known) {
    Map<String, FieldInfo> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (FieldInfo f : known) {
      byName.putIfAbsent(f.name(), f);
    }
    for (FieldInfo f : known) {
      byName.put(f.referenceName(), f);
    }
    List<FieldInfo> out = new ArrayList<>();
    // By reference name, not the record's equals: its first call spins two dozen method-handle
    // classes, a cost on an export's critical path.
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      String name = n.strip();
      if (name.startsWith("[") && name.endsWith("]")) {
        name = name.substring(1, name.length() - 1);
      }
      FieldInfo f = byName.get(name);
      if (f == null) {
        f = shortName(option, name, known);
      }
      if (f == null) {
        if (name.equalsIgnoreCase("System.Id") || name.equalsIgnoreCase("ID")) {
          f = new FieldInfo("System.Id", "ID", "integer", false, true);
        } else {
          throw new IllegalArgumentException(option + ": unknown field '" + n.strip() + "'");
        }
      }
      if (seen.add(f.referenceName())) {
        out.add(f);
      }
    }
    return out;
  }

  // "AssignedTo" or "StoryPoints", as SQL columns and other tools name fields: the display name
  // without spaces or the reference name's last part, when exactly one field has it.
  private static FieldInfo shortName(String option, String name, List<FieldInfo> known) {
    Map<String, FieldInfo> found = new TreeMap<>();
    for (FieldInfo f : known) {
      String ref = f.referenceName();
      if (f.name().replace(" ", "").equalsIgnoreCase(name)
          || ref.substring(ref.lastIndexOf('.') + 1).equalsIgnoreCase(name)) {
        found.put(ref, f);
      }
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          option
              + ": '"
              + name
              + "' could be any of "
              + String.join(", ", found.keySet())
              + "; give the reference name");
    }
    return found.isEmpty() ? null : found.values().iterator().next();
  }

  /** Returns the fields, in order. */
  public List<FieldInfo> fields() {
    return fields;
  }

  /** Returns the reference names of the fields. */
  public List<String> referenceNames() {
    return fields.stream().map(FieldInfo::referenceName).toList();
  }

  /** Returns the header: each field's reference name, identities as three columns. */
  public List<String> header() {
    List<String> h = new ArrayList<>();
    for (FieldInfo f : fields) {
      h.add(f.referenceName());
      if (f.identity()) {
        h.add(f.referenceName() + ".displayName");
        h.add(f.referenceName() + ".uniqueName");
      }
    }
    return h;
  }

  /** Returns a work item's flattened values in header order. */
  public List<String> values(WorkItem w) {
    List<String> v = new ArrayList<>();
    for (FieldInfo f : fields) {
      // An answer with every field leaves System.Id and System.Rev out of "fields" (they are
      // the item's id and rev).
      JsonNode n =
          f.referenceName().equals("System.Id")
              ? IntNode.valueOf(w.id())
              : f.referenceName().equals("System.Rev") && w.field("System.Rev").isMissingNode()
                  ? IntNode.valueOf(w.rev())
                  : w.field(f.referenceName());
      if (f.identity()) {
        v.add(identity(n));
        v.add(n.isObject() ? n.path("displayName").asText("") : displayName(n.asText("")));
        v.add(n.isObject() ? n.path("uniqueName").asText("") : uniqueName(n.asText("")));
      } else {
        v.add(text(n));
      }
    }
    return v;
  }

  /** Returns the work item as the service sent it: id, rev, fields, relations when read, url. */
  public static ObjectNode raw(WorkItem w) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", w.id());
    o.put("rev", w.rev());
    o.set("fields", w.fields() == null ? JSON.createObjectNode() : w.fields());
    if (w.relations() != null && !w.relations().isEmpty()) {
      o.putArray("relations").addAll(w.relations());
    }
    if (w.url() != null) {
      o.put("url", w.url());
    }
    return o;
  }

  /** A value as one cell: text as is, identities as {@code Name <email>}, arrays as JSON. */
  public static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (n.isObject() && n.has("displayName")) {
      return identity(n);
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  static String identity(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (!n.isObject()) {
      return n.asText();
    }
    String name = n.path("displayName").asText("");
    String unique = n.path("uniqueName").asText("");
    return unique.isEmpty() || unique.equalsIgnoreCase(name) ? name : name + " <" + unique + ">";
  }

  private static String displayName(String combined) {
    int lt = combined.lastIndexOf('<');
    return lt > 0 && combined.endsWith(">") ? combined.substring(0, lt).strip() : combined;
  }

  private static String uniqueName(String combined) {
    int lt = combined.lastIndexOf('<');
    return lt >= 0 && combined.endsWith(">")
        ? combined.substring(lt + 1, combined.length() - 1)
        : combined.contains("@") ? combined.toLowerCase(Locale.ROOT) : "";
  }
}
