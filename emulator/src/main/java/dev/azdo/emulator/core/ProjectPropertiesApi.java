package dev.azdo.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A project's properties ({@code _apis/projects/{projectId}/properties}): the service's own
 * System.* properties, derived from the project, and the ones clients set with a JSON patch.
 */
final class ProjectPropertiesApi {
  /** The properties clients set, per project id (names keep the case they were set with). */
  record Stored(Map<String, JsonNode> values) {}

  static final TableKey<Stored> PROPERTIES = new TableKey<>("projectProperties", Stored.class);

  private final CoreState state;
  private final Table<Stored> table;

  ProjectPropertiesApi(CoreState state) {
    this.state = state;
    this.table = state.store().table(PROPERTIES);
  }

  /** GET: every property, or those whose names match one of keys (comma-separated, * and ?). */
  Object get(ApiRequest req) {
    Project p = state.find(req.requireRoute("projectId"));
    List<Pattern> keys = keys(req.query("keys"));
    List<JsonNode> out = new ArrayList<>();
    all(p)
        .forEach(
            (name, value) -> {
              if (keys.isEmpty() || keys.stream().anyMatch(k -> k.matcher(name).matches())) {
                ObjectNode n = Json.object();
                n.put("name", name);
                n.set("value", value);
                out.add(n);
              }
            });
    return Json.list(out);
  }

  /** PATCH: a JSON patch of add, replace and remove operations on /{name}; 204, as the service. */
  Object patch(ApiRequest req) {
    Project p = state.find(req.requireRoute("projectId"));
    JsonNode ops = req.json();
    if (!ops.isArray() || ops.isEmpty()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "The request body must be a JSON patch document: an array of operations.");
    }
    state
        .store()
        .run(
            tx -> {
              Stored old = table.get(p.id());
              Map<String, JsonNode> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
              if (old != null) {
                values.putAll(old.values());
              }
              for (JsonNode op : ops) {
                apply(values, op);
              }
              tx.put(table, p.id(), new Stored(new LinkedHashMap<>(values)));
            });
    return ApiResponse.empty(204);
  }

  private static void apply(Map<String, JsonNode> values, JsonNode op) {
    String kind = op.path("op").asText("").toLowerCase(Locale.ROOT);
    String path = op.path("path").asText("");
    String name = path.startsWith("/") ? path.substring(1) : "";
    if (name.isEmpty() || name.contains("/")) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "The path '" + path + "' must name one property, as /{propertyName}.");
    }
    if (name.regionMatches(true, 0, "System.", 0, 7)) {
      // The service derives these from the project; a client cannot set them.
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "The property '" + name + "' is reserved by the system and cannot be changed.");
    }
    switch (kind) {
      case "add", "replace" -> {
        JsonNode value = op.get("value");
        if (value == null || value.isNull()) {
          throw ApiException.badRequest(
              "VssPropertyValidationException", "The operation on '" + path + "' has no value.");
        }
        values.put(name, value);
      }
      case "remove" -> values.remove(name);
      default ->
          throw ApiException.badRequest(
              "VssPropertyValidationException",
              "The operation '"
                  + op.path("op").asText("")
                  + "' on '"
                  + path
                  + "' is not supported; use add, replace or remove.");
    }
  }

  /** The System.* properties the service derives, then the stored ones by name. */
  private Map<String, JsonNode> all(Project p) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    SystemProcess process = SystemProcess.find(p.processId());
    out.put("System.CurrentProcessTemplateId", TextNode.valueOf(p.processId()));
    out.put("System.OriginalProcessTemplateId", TextNode.valueOf(p.processId()));
    out.put("System.ProcessTemplateType", TextNode.valueOf(p.processId()));
    if (process != null) {
      out.put("System.Process Template", TextNode.valueOf(process.displayName()));
    }
    if (p.defaultTeamId() != null) {
      out.put("System.Microsoft.TeamFoundation.Team.Default", TextNode.valueOf(p.defaultTeamId()));
    }
    boolean git = !"Tfvc".equalsIgnoreCase(p.sourceControlType());
    // The service's flags: 1 for TFVC, 2 for Git.
    out.put("System.SourceControlCapabilityFlags", TextNode.valueOf(git ? "2" : "1"));
    if (git) {
      out.put("System.SourceControlGitEnabled", TextNode.valueOf("True"));
      out.put("System.SourceControlGitPermissionsInitialized", TextNode.valueOf("True"));
    } else {
      out.put("System.SourceControlTfvcEnabled", TextNode.valueOf("True"));
    }
    Stored stored = table.get(p.id());
    if (stored != null) {
      new TreeMap<>(stored.values()).forEach(out::put);
    }
    return out;
  }

  private static List<Pattern> keys(String keys) {
    List<Pattern> out = new ArrayList<>();
    if (keys == null || keys.isBlank()) {
      return out;
    }
    for (String k : keys.split(",")) {
      String t = k.trim();
      if (t.isEmpty()) {
        continue;
      }
      // The service's wildcards: * any run of characters, ? one character.
      StringBuilder re = new StringBuilder();
      for (char c : t.toCharArray()) {
        re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
      }
      out.add(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE));
    }
    return out;
  }
}
