package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiVersion;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItemTypeDef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * POST _apis/wit/$batch: many work item creates and updates in one call, each independent, with
 * temporary negative ids that later operations of the same batch can link to.
 */
final class BatchApi {
  /** The service's limit on operations in one $batch call. */
  static final int MAX_OPERATIONS = 200;

  /** The service refuses request bodies over about 20 MB as a whole (400). */
  static final int MAX_BODY_BYTES = 20 * 1024 * 1024;

  private final EmulatorContext ctx;
  private final WitServices services;
  private final WorkItemEngine engine;
  private final WorkItemJson json;

  BatchApi(EmulatorContext ctx, WitServices services, WorkItemEngine engine, WorkItemJson json) {
    this.ctx = ctx;
    this.services = services;
    this.engine = engine;
    this.json = json;
  }

  Object batch(ApiRequest req) {
    JsonNode body = req.json();
    if (!body.isArray()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "You must pass a valid batch request (a JSON array of operations) in the body.");
    }
    int bytes = req.body().length;
    if (bytes > MAX_BODY_BYTES) {
      throw ApiException.badRequest(
          "RequestContentTooLargeException",
          "The request body is "
              + bytes
              + " bytes, more than the maximum of "
              + MAX_BODY_BYTES
              + " bytes.");
    }
    // The service refuses the whole batch, not just the item, when one value is over the long
    // text limit.
    for (JsonNode op : body) {
      for (JsonNode patch : op.path("body")) {
        JsonNode value = patch.path("value");
        if (value.isTextual() && value.asText().length() > FieldValues.MAX_LONG_TEXT_LENGTH) {
          throw ApiException.badRequest(
              "VssRequestContentTooLargeException",
              "The value of "
                  + patch.path("path").asText()
                  + " is "
                  + value.asText().length()
                  + " characters long, more than the maximum of "
                  + FieldValues.MAX_LONG_TEXT_LENGTH
                  + ".");
        }
      }
    }
    if (body.size() > MAX_OPERATIONS) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "VS403474: The batch request contains "
              + body.size()
              + " operations, more than the maximum of "
              + MAX_OPERATIONS
              + ".");
    }
    Map<Integer, Integer> tempIds = new HashMap<>();
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode op : body) {
      out.add(one(req, op, tempIds));
    }
    ObjectNode n = Json.object();
    n.put("count", out.size());
    n.putArray("value").addAll(out);
    return n;
  }

  private ObjectNode one(ApiRequest req, JsonNode op, Map<Integer, Integer> tempIds) {
    int code = 200;
    String text;
    try {
      text = Json.write(run(req, op, tempIds));
    } catch (ApiException e) {
      code = e.status();
      text = Json.write(e.envelope());
    } catch (RuntimeException e) {
      code = 500;
      text =
          Json.write(
              new ApiException(500, "InternalServerErrorException", "TF400898: " + e.getMessage())
                  .envelope());
    }
    ObjectNode r = Json.object();
    r.put("code", code);
    r.putObject("headers").put("Content-Type", "application/json; charset=utf-8");
    r.put("body", text);
    return r;
  }

  private Object run(ApiRequest req, JsonNode op, Map<Integer, Integer> tempIds) {
    String method = op.path("method").asText("").toUpperCase(Locale.ROOT);
    String uri = op.path("uri").asText("");
    if (!method.equals("PATCH") && !method.equals("POST")) {
      throw new ApiException(
          405,
          "HttpMethodNotAllowedException",
          "The requested resource does not support http method '" + method + "'.");
    }
    Map<String, String> query = new HashMap<>();
    String path = uri;
    int q = uri.indexOf('?');
    if (q >= 0) {
      path = uri.substring(0, q);
      for (String pair : uri.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                  .toLowerCase(Locale.ROOT),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    List<String> segs = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        segs.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    int apis = -1;
    for (int i = 0; i < segs.size(); i++) {
      if (segs.get(i).equalsIgnoreCase("_apis")) {
        apis = i;
        break;
      }
    }
    if (apis < 0
        || segs.size() != apis + 4
        || !segs.get(apis + 1).equalsIgnoreCase("wit")
        || !segs.get(apis + 2).equalsIgnoreCase("workitems")) {
      throw ApiException.notFound(
          "NotFoundException", "The batch operation uri '" + uri + "' is not supported.");
    }
    String project = null;
    int depth = ctx.collectionDepth(segs);
    if (apis >= 1) {
      project = segs.get(apis - 1);
      // The segment before _apis is a project, or the end of the organization's (collection's)
      // path when no project has that name.
      if (apis == depth && services.projects().findOrNull(project) == null) {
        project = null;
      }
    }
    String version = query.get("api-version");
    if (version != null && ctx.release().onPremises()) {
      // Each item is its own request to the server, refused when its version is newer.
      ApiVersion v = ApiVersion.parse(version);
      ApiVersion max = ctx.release().maxVersion();
      if (v.compareNumber(max) > 0) {
        throw ApiException.versionOutOfRange(v, max);
      }
    }
    String last = segs.get(apis + 3);
    WorkItemEngine.Options opt = WorkItemsApi.options(query);
    WorkItemJson.Expand expand = WorkItemJson.expand(query.get("$expand"));
    if (expand == WorkItemJson.Expand.NONE) {
      expand = WorkItemJson.Expand.RELATIONS;
    }
    JsonNode patch = op.get("body");
    WorkItem w;
    if (last.startsWith("$")) {
      if (project == null) {
        throw ApiException.badRequest(
            "ArgumentNullException", "Value cannot be null.\r\nParameter name: project");
      }
      Project p = services.project(project);
      WorkItemTypeDef type = services.type(p, last.substring(1));
      w = ctx.store().write(tx -> engine.create(tx, p, type, patch, opt, req.caller(), tempIds));
    } else {
      int id = WorkItemsApi.id(last);
      if (project != null) {
        services.project(project);
      }
      w = ctx.store().write(tx -> engine.update(tx, id, patch, opt, req.caller(), tempIds));
    }
    return json.item(w, req.baseUrl(), expand, null);
  }
}
