package dev.azdo.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One emulator shared by a contract test class, and the checks the contract tests make against
 * Microsoft's OpenAPI definitions and httpExamples (see {@link SwaggerContract}).
 */
final class ContractSession implements AutoCloseable {
  static final String CORE = "core/7.1/core.json";
  static final String WIT = "wit/7.1/workItemTracking.json";
  static final String OPERATIONS = "operations/7.1/operations.json";
  static final String WIT_EX = "wit/7.1/httpExamples/";
  static final String CORE_EX = "core/7.1/httpExamples/";
  // The keys an IdentityRef carries in every example (System.CreatedBy, createdBy, revisedBy).
  private static final Set<String> IDENTITY_KEYS =
      Set.of("displayName", "url", "_links", "id", "uniqueName", "imageUrl", "descriptor");

  final Http http;
  final String project;
  private final Emulator emulator;

  private ContractSession(Emulator emulator) {
    this.emulator = emulator;
    this.http = new Http(emulator);
    this.project = emulator.config().project();
  }

  /** Starts the default emulator (seeded project, PAT) for one test class. */
  static ContractSession start() {
    return new ContractSession(Emulator.startDefault());
  }

  /** Stops the emulator. */
  @Override
  public void close() {
    emulator.close();
  }

  /** Creates a Task with this title and priority through the REST API. */
  JsonNode createTask(String title, int priority) {
    return ok(
        http.send(
            "POST",
            project + "/_apis/wit/workitems/$Task?api-version=7.1",
            titlePatch(title, priority),
            "application/json-patch+json"),
        200);
  }

  /** The JSON Patch that sets a title and a priority. */
  static List<Object> titlePatch(String title, int priority) {
    return List.of(
        Map.of("op", "add", "path", "/fields/System.Title", "value", title),
        Map.of("op", "add", "path", "/fields/Microsoft.VSTS.Common.Priority", "value", priority));
  }

  /** The seeded project's id. */
  String projectId() {
    return ok(http.get("_apis/projects/" + project + "?api-version=7.1"), 200).path("id").asText();
  }

  /** The JSON body, after checking the status (the message names the request and the body). */
  static JsonNode ok(Http.Res res, int status) {
    assertThat(res.status())
        .as("%s %s answered %s", res.raw().request().method(), res.raw().uri(), res.body())
        .isEqualTo(status);
    return res.json();
  }

  /** The `value` array of a {"count":N,"value":[...]} list, checking the count matches. */
  static List<JsonNode> values(JsonNode list) {
    assertThat(list.path("value").isArray()).as("a {count, value} list: %s", list).isTrue();
    assertThat(list.path("count").asInt(-1))
        .as("count of %s", list)
        .isEqualTo(list.path("value").size());
    List<JsonNode> out = new ArrayList<>();
    list.path("value").forEach(out::add);
    return out;
  }

  /** The node whose key has this value. */
  static JsonNode find(List<JsonNode> nodes, String key, String value) {
    return nodes.stream()
        .filter(n -> value.equals(n.path(key).asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + "=" + value + " in " + nodes));
  }

  /** The response body of one of the service's httpExamples. */
  static JsonNode example(String file) {
    return SwaggerContract.exampleBody(file);
  }

  /** The first element of an example's value list. */
  static JsonNode firstValue(String file) {
    return example(file).path("value").get(0);
  }

  /** No violations of the definition and no properties it does not declare (links aside). */
  static void assertConforms(String doc, String definition, JsonNode node) {
    assertThat(SwaggerContract.violations(doc, definition, node))
        .as("%s#/definitions/%s violations for %s", doc, definition, Json.write(node))
        .isEmpty();
    // ReferenceLinks is declared as {links: {...}} but the service writes the links themselves
    // ({"self": {"href": ...}}); anything else undeclared is a property the service never sends.
    assertThat(SwaggerContract.undeclared(doc, definition, node))
        .filteredOn(path -> !path.contains("/_links/"))
        .as(
            "properties %s#/definitions/%s does not declare, in %s",
            doc, definition, Json.write(node))
        .isEmpty();
  }

  /** Every key path is present in the node. */
  static void assertHasKeys(JsonNode node, Set<String> keys) {
    assertThat(SwaggerContract.missing(node, keys))
        .as("properties the service shows, missing from %s", Json.write(node))
        .isEmpty();
  }

  /** The keys an IdentityRef carries in the service's examples. */
  static void assertIdentity(JsonNode identity) {
    assertHasKeys(identity, IDENTITY_KEYS);
  }

  /** The field reference names the work item lacks. */
  static Set<String> missingFields(JsonNode item, Set<String> refs) {
    Set<String> out = new TreeSet<>();
    for (String ref : refs) {
      if (!item.path("fields").has(ref)) {
        out.add(ref);
      }
    }
    return out;
  }

  /** An absolute link the emulator returned, relative to the organization URL. */
  String relative(String absolute) {
    String base = http.orgUrl();
    assertThat(absolute).as("operation url under the organization").startsWith(base);
    return absolute.substring(base.length());
  }

  /** A short random suffix keeping names unique. */
  static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
