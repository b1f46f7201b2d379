package dev.azdo.emulator.classification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The classificationNodes resources: roots, nodes by path or id, create, move, update, delete. */
final class ClassificationApi {
  private final EmulatorContext ctx;
  private final Classifications tree;

  ClassificationApi(EmulatorContext ctx, Classifications tree) {
    this.ctx = ctx;
    this.tree = tree;
  }

  /** GET {project}/_apis/wit/classificationnodes: roots, or the nodes named by ?ids=. */
  Object list(ApiRequest req) {
    Project p = project(req);
    int depth = depth(req);
    String ids = req.query("ids");
    List<JsonNode> out = new ArrayList<>();
    if (ids == null || ids.isBlank()) {
      for (String s : List.of(ClassificationNode.AREA, ClassificationNode.ITERATION)) {
        out.add(json(tree.root(p.id(), s), p, depth, req.baseUrl(), true));
      }
      return Json.list(out);
    }
    // ClassificationNodesErrorPolicy: Fail = 1 (the default), Omit = 2; by name or number.
    String policy = req.query("errorPolicy");
    boolean omit = "omit".equalsIgnoreCase(policy) || "2".equals(policy);
    if (policy != null
        && !omit
        && !"fail".equalsIgnoreCase(policy)
        && !"1".equals(policy)
        && !policy.isBlank()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + policy + "' is not valid for parameter errorPolicy.");
    }
    for (String part : ids.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      ClassificationNode n = null;
      try {
        n = tree.byId(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "The value '" + ids + "' is not valid for parameter ids.");
      }
      if (n == null || !n.projectId().equals(p.id())) {
        if (omit) {
          // errorPolicy=omit answers null in the place of each unknown id.
          out.add(NullNode.instance);
          continue;
        }
        throw Classifications.notFound(part.trim());
      }
      out.add(json(n, p, depth, req.baseUrl(), true));
    }
    return Json.list(out);
  }

  /** GET {project}/_apis/wit/classificationnodes/{structureGroup}/{*path}. */
  Object get(ApiRequest req) {
    Project p = project(req);
    ClassificationNode n = node(req, p);
    return json(n, p, depth(req), req.baseUrl(), true);
  }

  /** POST: creates a child of the path ({name, attributes}) or moves a node there ({id}). */
  Object post(ApiRequest req) {
    Project p = project(req);
    ClassificationNode parent = node(req, p);
    JsonNode body = body(req);
    JsonNode id = body.get("id");
    if (id != null && !id.isNull()) {
      if (!id.canConvertToInt()) {
        throw badBody("id");
      }
      ClassificationNode moved = tree.move(parent, id.asInt());
      return ApiResponse.ok(json(moved, p, 0, req.baseUrl(), true));
    }
    JsonNode name = body.get("name");
    if (name == null || !name.isTextual()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: name");
    }
    String[] dates = dates(parent.structure(), body.get("attributes"), null, null);
    ClassificationNode created = tree.create(p, parent, name.asText(), dates[0], dates[1]);
    return ApiResponse.json(201, json(created, p, 0, req.baseUrl(), true));
  }

  /** PATCH: renames the node and/or sets an iteration's dates. */
  Object patch(ApiRequest req) {
    Project p = project(req);
    ClassificationNode n = node(req, p);
    JsonNode body = body(req);
    JsonNode name = body.get("name");
    if (name != null && !name.isNull() && !name.isTextual()) {
      throw badBody("name");
    }
    JsonNode attributes = body.get("attributes");
    boolean setDates =
        ClassificationNode.ITERATION.equals(n.structure())
            && attributes != null
            && !attributes.isNull();
    String[] dates = dates(n.structure(), attributes, n.startDate(), n.finishDate());
    ClassificationNode updated =
        tree.update(
            n, name == null || name.isNull() ? null : name.asText(), setDates, dates[0], dates[1]);
    return json(updated, p, 0, req.baseUrl(), true);
  }

  /** DELETE: removes the node and its children; $reclassifyId names where their items go. */
  Object delete(ApiRequest req) {
    Project p = project(req);
    ClassificationNode n = node(req, p);
    if (n.isRoot()) {
      throw ApiException.badRequest(
          "ClassificationNodeRootDeleteException",
          "The root node of project " + p.name() + " cannot be deleted.");
    }
    String target = req.query("$reclassifyId");
    ClassificationNode to = null;
    if (target != null && !target.isBlank()) {
      int id = req.queryInt("$reclassifyId", 0);
      to = tree.byId(id);
      if (to == null || !to.projectId().equals(p.id()) || !to.structure().equals(n.structure())) {
        throw Classifications.notFound(target);
      }
      if (tree.isSelfOrDescendant(to, n)) {
        throw ApiException.badRequest(
            "ClassificationNodeInvalidReclassifyException",
            "Work items cannot be reclassified to the node being deleted or one of its children.");
      }
    }
    tree.delete(n, to);
    return null;
  }

  // ---- JSON ---------------------------------------------------------------------------------

  private ObjectNode json(
      ClassificationNode n, Project p, int depth, String baseUrl, boolean links) {
    ObjectNode o = Json.object();
    o.put("id", n.id());
    o.put("identifier", n.identifier());
    o.put("name", tree.name(n, p));
    o.put("structureType", n.structure());
    List<ClassificationNode> kids = tree.children(n);
    o.put("hasChildren", !kids.isEmpty());
    o.put("path", apiPath(n, p));
    if (n.startDate() != null || n.finishDate() != null) {
      ObjectNode a = o.putObject("attributes");
      if (n.startDate() != null) {
        a.put("startDate", n.startDate());
      }
      if (n.finishDate() != null) {
        a.put("finishDate", n.finishDate());
      }
    }
    if (depth > 0 && !kids.isEmpty()) {
      ArrayNode c = o.putArray("children");
      for (ClassificationNode k : kids) {
        c.add(json(k, p, depth - 1, baseUrl, false));
      }
    }
    String url = url(n, p, baseUrl);
    if (links) {
      ObjectNode l = o.putObject("_links");
      l.putObject("self").put("href", url);
      if (!n.isRoot()) {
        ClassificationNode parent = tree.byId(n.parentId());
        if (parent != null) {
          l.putObject("parent").put("href", url(parent, p, baseUrl));
        }
      }
    }
    o.put("url", url);
    return o;
  }

  // The API path names the structure: \Demo\Area\Team A, \Demo\Iteration\Sprint 1.
  private String apiPath(ClassificationNode n, Project p) {
    StringBuilder b = new StringBuilder("\\").append(p.name()).append('\\');
    b.append(ClassificationNode.AREA.equals(n.structure()) ? "Area" : "Iteration");
    for (String s : tree.segments(n)) {
      b.append('\\').append(s);
    }
    return b.toString();
  }

  private String url(ClassificationNode n, Project p, String baseUrl) {
    StringBuilder b =
        new StringBuilder(baseUrl)
            .append(p.id())
            .append("/_apis/wit/classificationNodes/")
            .append(ClassificationNode.AREA.equals(n.structure()) ? "Areas" : "Iterations");
    for (String s : tree.segments(n)) {
      b.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return b.toString();
  }

  // ---- request parsing ----------------------------------------------------------------------

  private Project project(ApiRequest req) {
    return ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
  }

  private ClassificationNode node(ApiRequest req, Project p) {
    String group = req.requireRoute("structureGroup");
    String structure = Classifications.structureOf(group);
    if (structure == null) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + group + "' is not valid for parameter structureGroup.");
    }
    String path = req.route("path");
    List<String> segments = new ArrayList<>();
    if (path != null) {
      // Clients send the path below the root with / or \ between levels.
      for (String s : path.split("[/\\\\]")) {
        if (!s.isBlank()) {
          segments.add(s.trim());
        }
      }
    }
    ClassificationNode n = tree.resolve(p, structure, segments);
    if (n == null) {
      throw Classifications.notFound(path);
    }
    return n;
  }

  private static int depth(ApiRequest req) {
    return Math.max(0, req.queryInt("$depth", 0));
  }

  private static JsonNode body(ApiRequest req) {
    JsonNode b = req.json();
    if (b == null || !b.isObject()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "The request body must be a classification node object.");
    }
    return b;
  }

  private static ApiException badBody(String property) {
    return ApiException.badRequest(
        "VssPropertyValidationException", "The value of property " + property + " is not valid.");
  }

  // Areas carry no attributes; iteration dates are optional but a finish may not precede a start.
  private static String[] dates(
      String structure, JsonNode attributes, String oldStart, String oldFinish) {
    if (!ClassificationNode.ITERATION.equals(structure)
        || attributes == null
        || attributes.isNull()) {
      return new String[] {oldStart, oldFinish};
    }
    if (!attributes.isObject()) {
      throw badBody("attributes");
    }
    String start = date(attributes, "startDate");
    String finish = date(attributes, "finishDate");
    if (start != null && finish != null && Instant.parse(finish).isBefore(Instant.parse(start))) {
      throw ApiException.badRequest(
          "ClassificationNodeInvalidDatesException",
          "The finish date of an iteration must be on or after its start date.");
    }
    return new String[] {start, finish};
  }

  private static String date(JsonNode attributes, String key) {
    JsonNode v = attributes.get(key);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return null;
    }
    String text = v.asText().trim();
    Instant i;
    try {
      i = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e1) {
      try {
        i = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          i = LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw badBody("attributes." + key);
        }
      }
    }
    return DateTimeFormatter.ISO_INSTANT.format(i);
  }
}
