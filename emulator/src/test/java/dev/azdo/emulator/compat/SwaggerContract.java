package dev.azdo.emulator.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.azdo.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Microsoft's OpenAPI (swagger 2.0) documents for Azure DevOps 7.1 and 7.2, vendored under
 * src/test/resources/azure-devops-rest-specs, used to validate emulator responses.
 */
final class SwaggerContract {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private static final Map<String, JsonNode> DOCS = new ConcurrentHashMap<>();
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
  private static final Map<String, Set<String>> NULLABLE = new ConcurrentHashMap<>();

  private SwaggerContract() {}

  /**
   * The specification folder, vendored as test resources (azure-devops-rest-specs/specification):
   * the tests read nothing outside the repository.
   */
  static Path specRoot() {
    URL root = SwaggerContract.class.getResource("/azure-devops-rest-specs/specification");
    if (root == null) {
      throw new AssertionError(
          "azure-devops-rest-specs/specification is not on the test classpath");
    }
    try {
      return Paths.get(root.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError("unreadable specification location " + root, e);
    }
  }

  /** One swagger document, e.g. "wit/7.1/workItemTracking.json" (the files start with a BOM). */
  static JsonNode document(String relative) {
    return DOCS.computeIfAbsent(relative, r -> Json.parse(read(specRoot().resolve(r))));
  }

  /** The response body of an httpExamples file (the first response code it lists). */
  static JsonNode exampleBody(String relative) {
    JsonNode responses = Json.parse(read(specRoot().resolve(relative))).path("responses");
    Iterator<JsonNode> it = responses.elements();
    if (!it.hasNext()) {
      throw new AssertionError("no response in example " + relative);
    }
    return it.next().path("body");
  }

  /** Problems of {@code instance} against {@code #/definitions/<definition>} of a document. */
  static List<String> violations(String doc, String definition, JsonNode instance) {
    JsonSchema schema =
        SCHEMAS.computeIfAbsent(doc + "#" + definition, k -> compile(doc, definition));
    Set<String> nullable = nullInExamples(doc);
    Set<ValidationMessage> messages = schema.validate(instance);
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : messages) {
      String location = m.getInstanceLocation().toString();
      String property = location.substring(location.lastIndexOf('/') + 1);
      // Swagger 2.0 cannot say "nullable"; accept null where the service's own examples send it.
      if (instance.at(location).isNull() && nullable.contains(property)) {
        continue;
      }
      out.add(location + ": " + m.getMessage());
    }
    out.sort(null);
    return out;
  }

  /** Property names some httpExample response of the document's area shows with a null value. */
  static Set<String> nullInExamples(String doc) {
    return NULLABLE.computeIfAbsent(
        doc,
        d -> {
          Set<String> names = new TreeSet<>();
          Path examples = specRoot().resolve(d).getParent().resolve("httpExamples");
          if (Files.isDirectory(examples)) {
            try (Stream<Path> files = Files.walk(examples)) {
              files
                  .filter(f -> f.toString().endsWith(".json"))
                  .forEach(f -> collectNullNames(Json.parse(read(f)).path("responses"), names));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          return names;
        });
  }

  private static void collectNullNames(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getValue().isNull()) {
                  names.add(e.getKey());
                } else {
                  collectNullNames(e.getValue(), names);
                }
              });
    } else if (node.isArray()) {
      node.elements().forEachRemaining(n -> collectNullNames(n, names));
    }
  }

  private static JsonSchema compile(String doc, String definition) {
    JsonNode definitions = document(doc).path("definitions");
    if (!definitions.has(definition)) {
      throw new AssertionError(doc + " has no definition " + definition);
    }
    ObjectNode root = Json.object();
    root.put("$ref", "#/definitions/" + definition);
    root.set("definitions", relax(definitions.deepCopy()));
    return FACTORY.getSchema(
        SchemaLocation.of("https://azdo.dev/specs/" + doc.replace('/', '-')), root, CONFIG);
  }

  /**
   * Swagger writes C#'s {@code object} as a bare {"type":"object"}; work item field values are
   * strings, numbers and identities, so such a schema means "any value" here.
   */
  private static JsonNode relax(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      boolean bareObject =
          "object".equals(o.path("type").asText())
              && !o.has("properties")
              && !o.has("additionalProperties")
              && !o.has("allOf")
              && !o.has("$ref");
      if (bareObject) {
        o.remove("type");
      }
      o.elements().forEachRemaining(SwaggerContract::relax);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(SwaggerContract::relax);
    }
    return node;
  }

  /**
   * Paths of properties in {@code instance} that the definition does not declare (following $ref,
   * allOf, items and additionalProperties); swagger never forbids them, so callers decide.
   */
  static Set<String> undeclared(String doc, String definition, JsonNode instance) {
    JsonNode definitions = document(doc).path("definitions");
    Set<String> out = new TreeSet<>();
    walkUndeclared(definitions, definitions.path(definition), instance, "", out);
    return out;
  }

  private static void walkUndeclared(
      JsonNode definitions, JsonNode schema, JsonNode instance, String path, Set<String> out) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (instance.isArray()) {
      JsonNode items = schema.path("items");
      for (int i = 0; i < instance.size(); i++) {
        walkUndeclared(definitions, items, instance.get(i), path + "/" + i, out);
      }
      return;
    }
    if (!instance.isObject()) {
      return;
    }
    Map<String, JsonNode> declared = new java.util.LinkedHashMap<>();
    JsonNode additional = collectDeclared(definitions, schema, declared);
    if (declared.isEmpty() && additional == null) {
      return; // a bare object: anything goes
    }
    instance
        .properties()
        .forEach(
            e -> {
              JsonNode sub = declared.get(e.getKey());
              if (sub == null && additional != null) {
                sub = additional;
              }
              if (sub == null) {
                out.add(path + "/" + e.getKey());
              } else {
                walkUndeclared(definitions, sub, e.getValue(), path + "/" + e.getKey(), out);
              }
            });
  }

  private static JsonNode collectDeclared(
      JsonNode definitions, JsonNode schema, Map<String, JsonNode> declared) {
    JsonNode additional = null;
    if (schema.has("$ref")) {
      String ref = schema.path("$ref").asText();
      return collectDeclared(
          definitions, definitions.path(ref.substring(ref.lastIndexOf('/') + 1)), declared);
    }
    for (JsonNode part : schema.path("allOf")) {
      JsonNode a = collectDeclared(definitions, part, declared);
      additional = additional == null ? a : additional;
    }
    schema.path("properties").properties().forEach(e -> declared.put(e.getKey(), e.getValue()));
    if (schema.path("additionalProperties").isObject()) {
      additional = schema.path("additionalProperties");
    }
    return additional;
  }

  /** Slash-separated paths of the keys an example shows, to a depth (e.g. "_links/self"). */
  static Set<String> keyPaths(JsonNode node, int depth) {
    Set<String> out = new TreeSet<>();
    collect(node, "", depth, out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, int depth, Set<String> out) {
    if (!node.isObject() || depth == 0) {
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              out.add(prefix + k);
              collect(node.get(k), prefix + k + "/", depth - 1, out);
            });
  }

  /** Those of {@code expected} slash-separated paths that {@code actual} lacks. */
  static Set<String> missing(JsonNode actual, Set<String> expected) {
    Set<String> out = new TreeSet<>();
    for (String path : expected) {
      JsonNode n = actual;
      for (String part : path.split("/", -1)) {
        n = n == null ? null : n.get(part);
      }
      if (n == null) {
        out.add(path);
      }
    }
    return out;
  }

  private static String read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
