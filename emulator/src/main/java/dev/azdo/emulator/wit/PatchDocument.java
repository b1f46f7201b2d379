package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItem.Relation;
import dev.azdo.emulator.wit.WorkItemEngine.Draft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Patch document of a work item create or update: checks its operations and applies them
 * to a draft's fields and relations (add, replace, remove, test, copy, move; /rev tests, $batch's
 * temporary /id). Values are taken as sent; {@link FieldValues} converts and checks them after.
 */
final class PatchDocument {
  private final WitServices services;

  PatchDocument(WitServices services) {
    this.services = services;
  }

  /** The operations of a patch document, or the service's 400 when it is not one. */
  static List<JsonNode> operations(JsonNode patch) {
    if (patch == null || !patch.isArray() || patch.isEmpty()) {
      throw invalidPatch();
    }
    List<JsonNode> ops = new ArrayList<>();
    for (JsonNode op : patch) {
      if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
        throw invalidPatch();
      }
      ops.add(op);
    }
    return ops;
  }

  // The service's answer to a body that is not a JSON Patch array of operations.
  private static ApiException invalidPatch() {
    return new ApiException(
        400,
        "VssPropertyValidationException",
        "Microsoft.VisualStudio.Services.Common.VssPropertyValidationException,"
            + " Microsoft.VisualStudio.Services.Common",
        "You must pass a valid patch document in the body of the request.");
  }

  /** Applies the operations to a draft; before is the latest revision (null for a create). */
  void apply(Draft d, List<JsonNode> ops, WorkItem before) {
    for (JsonNode op : ops) {
      String kind = op.path("op").asText().toLowerCase(Locale.ROOT);
      String path = op.path("path").asText();
      JsonNode value = op.get("value");
      if (!Set.of("add", "replace", "remove", "test", "copy", "move").contains(kind)) {
        throw ApiException.badRequest(
            "VssPropertyValidationException",
            "The operation '" + op.path("op").asText() + "' is not supported.");
      }
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.equals("/rev")) {
        if (kind.equals("test")) {
          int expected = value == null ? -1 : value.asInt(-1);
          int actual = before == null ? 0 : before.rev();
          if (expected != actual) {
            throw new ApiException(
                412,
                "WorkItemRevisionMismatchException",
                "TF26071: This work item has been changed by someone else since you opened it."
                    + " You will need to refresh it and discard your changes.");
          }
          continue;
        }
        throw badPath(path);
      }
      if (lower.equals("/id")) {
        // $batch declares a temporary negative id with add /id so links can refer to it; the
        // service also takes it as a string ("-1", as Microsoft's MCP server sends it).
        Integer temp = null;
        if (value != null && value.isNumber() && value.canConvertToInt()) {
          temp = value.asInt();
        } else if (value != null
            && value.isTextual()
            && value.asText().trim().matches("-\\d{1,9}")) {
          temp = Integer.valueOf(value.asText().trim());
        }
        if (before == null && temp != null && temp < 0) {
          d.tempId = temp;
          continue;
        }
        throw badPath(path);
      }
      if (lower.startsWith("/multilinefieldsformat/")) {
        continue;
      }
      if (lower.startsWith("/fields/")) {
        applyField(d, kind, path.substring(8), value, op.path("from").asText(null));
        continue;
      }
      if (lower.startsWith("/relations/")) {
        applyRelation(d, kind, path.substring(11), value);
        continue;
      }
      throw badPath(path);
    }
  }

  private static ApiException badPath(String path) {
    return ApiException.badRequest(
        "VssPropertyValidationException",
        "The path '" + path + "' is not valid for a work item patch operation.");
  }

  private FieldDef fieldOrFail(String name) {
    FieldDef def = services.field(name);
    if (def == null) {
      throw new ApiException(
          400, "WorkItemFieldInvalidException", "TF51535: Cannot find field " + name + ".");
    }
    return def;
  }

  private void applyField(Draft d, String kind, String name, JsonNode value, String from) {
    FieldDef def = fieldOrFail(name);
    String ref = def.referenceName();
    switch (kind) {
      case "add", "replace" -> {
        d.fields.put(ref, Json.MAPPER.convertValue(value, Object.class));
        d.given.add(ref);
      }
      case "remove" -> {
        d.fields.remove(ref);
        d.given.add(ref);
      }
      case "test" -> {
        Object want = Json.MAPPER.convertValue(value, Object.class);
        if (!FieldValues.same(d.fields.get(ref), want)) {
          throw new ApiException(
              412,
              "WorkItemRevisionMismatchException",
              "TF26071: This work item has been changed by someone else since you opened it."
                  + " You will need to refresh it and discard your changes.");
        }
      }
      default -> {
        // copy and move take the value from another field.
        if (from == null || !from.toLowerCase(Locale.ROOT).startsWith("/fields/")) {
          throw badPath(from == null ? "" : from);
        }
        FieldDef src = fieldOrFail(from.substring(8));
        d.fields.put(ref, d.fields.get(src.referenceName()));
        d.given.add(ref);
        if (kind.equals("move")) {
          d.fields.remove(src.referenceName());
          d.given.add(src.referenceName());
        }
      }
    }
  }

  private void applyRelation(Draft d, String kind, String rest, JsonNode value) {
    String[] parts = rest.split("/", 3);
    if (parts[0].equals("-")) {
      if (!kind.equals("add") || value == null || !value.isObject()) {
        throw badPath("/relations/" + rest);
      }
      d.relations.add(relationFrom(value));
      return;
    }
    int index;
    try {
      index = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw badPath("/relations/" + rest);
    }
    if (index < 0 || index >= d.relations.size()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "Index " + index + " is out of range for the relations of this work item.");
    }
    Relation cur = d.relations.get(index);
    if (parts.length == 1) {
      switch (kind) {
        case "remove" -> d.relations.remove(index);
        case "replace", "add" -> d.relations.set(index, relationFrom(value));
        case "test" -> {}
        default -> throw badPath("/relations/" + rest);
      }
      return;
    }
    if (parts.length == 3 && parts[1].equalsIgnoreCase("attributes")) {
      Map<String, Object> attrs =
          new LinkedHashMap<>(cur.attributes() == null ? Map.of() : cur.attributes());
      if (kind.equals("remove")) {
        attrs.remove(parts[2]);
      } else {
        attrs.put(parts[2], Json.MAPPER.convertValue(value, Object.class));
      }
      d.relations.set(index, new Relation(cur.rel(), cur.url(), attrs));
      return;
    }
    throw badPath("/relations/" + rest);
  }

  private static Relation relationFrom(JsonNode value) {
    if (value == null || !value.path("rel").isTextual() || !value.path("url").isTextual()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "A relation must have a 'rel' and a 'url': " + (value == null ? "null" : value));
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    JsonNode a = value.get("attributes");
    if (a != null && a.isObject()) {
      a.fields()
          .forEachRemaining(
              e -> attrs.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
    }
    return new Relation(value.path("rel").asText(), value.path("url").asText(), attrs);
  }
}
