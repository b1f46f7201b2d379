package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.internal.Background;
import dev.azdo.client.internal.Urls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The work item types of a project and their fields, cached per project and type. */
final class WorkItemTypeFields {
  private final AzdoClient client;
  private final Map<String, List<WorkItemField>> fieldCache = new ConcurrentHashMap<>();
  private final Map<String, Map<String, JsonNode>> fieldDefinitionCache = new ConcurrentHashMap<>();

  WorkItemTypeFields(AzdoClient client) {
    this.client = client;
  }

  /** Lists the work item types of a project. */
  List<WorkItemType> listWorkItemTypes(String project) {
    return Json.list(
            client
                .json(
                    client.send(
                        "GET",
                        client.api("/" + Urls.segment(project) + "/_apis/wit/workitemtypes"),
                        null,
                        null,
                        false,
                        "list work item types"))
                .get("value"))
        .stream()
        .map(WorkItemType::from)
        .toList();
  }

  /**
   * Returns the fields of a work item type with data types and picklists, cached per project and
   * type.
   */
  List<WorkItemField> listFields(String project, String type) {
    String key =
        project.toLowerCase(java.util.Locale.ROOT)
            + "\u0000"
            + type.toLowerCase(java.util.Locale.ROOT);
    List<WorkItemField> cached = fieldCache.get(key);
    if (cached != null) {
      return cached;
    }
    // The organization's field definitions and the type's fields are two calls that need nothing
    // of each other: in parallel, the catalogue costs one round trip fewer before an import writes.
    CompletableFuture<Map<String, JsonNode>> definitions =
        fieldDefinitionCache.containsKey(project.toLowerCase(java.util.Locale.ROOT))
            ? CompletableFuture.completedFuture(fieldDefinitions(project))
            : CompletableFuture.supplyAsync(
                () -> fieldDefinitions(project), Background.thread("azdo-field-definitions"));
    String url =
        client.api(
                "/"
                    + Urls.segment(project)
                    + "/_apis/wit/workitemtypes/"
                    + Urls.segment(type)
                    + "/fields")
            + "&$expand=all";
    JsonNode typeFields =
        client.json(client.send("GET", url, null, null, false, "list fields of " + type));
    Map<String, JsonNode> defs = Background.join(definitions);
    List<WorkItemField> fields =
        Json.list(typeFields.get("value")).stream()
            .map(f -> WorkItemField.from(f, defs.get(Json.text(f, "referenceName"))))
            .toList();
    fieldCache.put(key, fields);
    return fields;
  }

  /** Forgets cached fields, e.g. after a process change. */
  void clearCache() {
    fieldCache.clear();
    fieldDefinitionCache.clear();
  }

  private Map<String, JsonNode> fieldDefinitions(String project) {
    return fieldDefinitionCache.computeIfAbsent(
        project.toLowerCase(java.util.Locale.ROOT),
        p -> {
          Map<String, JsonNode> m = new LinkedHashMap<>();
          Json.list(
                  client
                      .json(
                          client.send(
                              "GET",
                              client.api("/" + Urls.segment(project) + "/_apis/wit/fields"),
                              null,
                              null,
                              false,
                              "list fields"))
                      .get("value"))
              .forEach(f -> m.put(Json.text(f, "referenceName"), f));
          return m;
        });
  }
}
