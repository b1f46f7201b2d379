package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.StreamedJson;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItemTypeDef;
import dev.azdo.emulator.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Work items: create, read, list, update, delete, the recycle bin and the bulk read/delete. */
final class WorkItemsApi {
  /** The service's limit on ids in one read or delete (VS403474). */
  static final int MAX_IDS = 200;

  private final EmulatorContext ctx;
  private final WitServices services;
  private final WitTables t;
  private final WorkItemEngine engine;
  private final WorkItemJson json;

  WorkItemsApi(
      EmulatorContext ctx,
      WitServices services,
      WitTables tables,
      WorkItemEngine engine,
      WorkItemJson json) {
    this.ctx = ctx;
    this.services = services;
    this.t = tables;
    this.engine = engine;
    this.json = json;
  }

  // ---- create and update ----

  Object create(ApiRequest req) {
    requirePatchContentType(req);
    Project project = services.project(req.requireRoute("project"));
    WorkItemTypeDef type = services.type(project, req.requireRoute("type"));
    WorkItemEngine.Options opt = options(req);
    JsonNode body = req.json();
    WorkItemJson.Expand expand = WorkItemJson.expand(req.query("$expand"));
    WorkItem w =
        ctx.store().write(tx -> engine.create(tx, project, type, body, opt, req.caller(), null));
    return json.item(w, req.baseUrl(), expandForWrite(expand), null);
  }

  Object update(ApiRequest req) {
    requirePatchContentType(req);
    int id = id(req.requireRoute("id"));
    if (req.route("project") != null) {
      services.project(req.route("project"));
    }
    WorkItemEngine.Options opt = options(req);
    JsonNode body = req.json();
    WorkItemJson.Expand expand = WorkItemJson.expand(req.query("$expand"));
    WorkItem w = ctx.store().write(tx -> engine.update(tx, id, body, opt, req.caller(), null));
    return json.item(w, req.baseUrl(), expandForWrite(expand), null);
  }

  /** GET {project}/_apis/wit/workitems/${type}: the fields a new item of the type starts with. */
  Object template(ApiRequest req) {
    Project project = services.project(req.requireRoute("project"));
    WorkItemTypeDef type = services.type(project, req.requireRoute("type"));
    ObjectNode fields = Json.object();
    fields.put("System.AreaPath", project.name());
    fields.put("System.TeamProject", project.name());
    fields.put("System.IterationPath", project.name());
    fields.put("System.WorkItemType", type.name());
    String state =
        type.states() == null || type.states().isEmpty() ? "New" : type.states().get(0).name();
    fields.put("System.State", state);
    if (type.defaultReasons() != null && type.defaultReasons().get(state) != null) {
      fields.put("System.Reason", type.defaultReasons().get(state));
    }
    if (type.defaults() != null) {
      type.defaults()
          .forEach(
              (k, v) -> {
                if (v != null) {
                  fields.set(k, json.value(k, v, req.baseUrl()));
                }
              });
    }
    ObjectNode n = Json.object();
    n.set("fields", fields);
    ObjectNode links = n.putObject("_links");
    String typeSegment = type.name().replace(" ", "%20");
    links
        .putObject("workItemType")
        .put("href", req.baseUrl() + project.id() + "/_apis/wit/workItemTypes/" + typeSegment);
    links.putObject("fields").put("href", req.baseUrl() + "_apis/wit/fields");
    n.put("url", req.baseUrl() + project.id() + "/_apis/wit/workItems/$" + typeSegment);
    return n;
  }

  // Create and update answer with relations, as the service does.
  private static WorkItemJson.Expand expandForWrite(WorkItemJson.Expand e) {
    return e == WorkItemJson.Expand.NONE ? WorkItemJson.Expand.RELATIONS : e;
  }

  static WorkItemEngine.Options options(ApiRequest req) {
    return new WorkItemEngine.Options(
        req.queryBool("validateOnly"),
        req.queryBool("bypassRules"),
        req.queryBool("suppressNotifications"));
  }

  private static void requirePatchContentType(ApiRequest req) {
    String ct = req.header("Content-Type");
    if (ct != null && !ct.toLowerCase(Locale.ROOT).contains("application/json-patch+json")) {
      throw new ApiException(
          415,
          "VssRequestContentTypeNotSupportedException",
          "The request indicated a Content-Type of \""
              + ct.split(";")[0].trim()
              + "\" for method type \""
              + req.method()
              + "\" which is not supported. Valid content types for this method are:"
              + " application/json-patch+json.");
    }
  }

  static int id(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + text + "' is not valid for parameter id.");
    }
  }

  // ---- reads ----

  Object get(ApiRequest req) {
    String idText = req.route("id");
    if (idText == null) {
      return list(req);
    }
    int id = id(idText);
    WorkItemJson.Expand expand = WorkItemJson.expand(req.query("$expand"));
    List<String> fields = json.fieldList(split(req.query("fields")));
    checkExpandWithFields(expand, fields);
    WorkItem w = read(id, asOf(req.query("asOf")), true);
    return json.item(w, req.baseUrl(), expand, fields);
  }

  private Object list(ApiRequest req) {
    String ids = req.query("ids");
    if (ids == null || ids.isBlank()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: ids");
    }
    List<Integer> list = new ArrayList<>();
    for (String s : ids.split(",")) {
      if (!s.isBlank()) {
        list.add(id(s));
      }
    }
    WorkItemJson.Expand expand = WorkItemJson.expand(req.query("$expand"));
    List<String> fields = json.fieldList(split(req.query("fields")));
    boolean omit = "omit".equalsIgnoreCase(req.query("errorPolicy"));
    return many(list, fields, expand, asOf(req.query("asOf")), omit, req.baseUrl());
  }

  Object batchGet(ApiRequest req) {
    JsonNode body = req.json();
    if (!body.isObject() || !body.path("ids").isArray()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException", "The parameter 'ids' must be specified.");
    }
    List<Integer> ids = new ArrayList<>();
    for (JsonNode n : body.path("ids")) {
      ids.add(n.asInt());
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : body.path("fields")) {
      names.add(n.asText());
    }
    JsonNode e = body.get("$expand");
    WorkItemJson.Expand expand = WorkItemJson.expand(e == null || e.isNull() ? null : e.asText());
    List<String> fields = json.fieldList(names);
    JsonNode policy = body.get("errorPolicy");
    boolean omit =
        policy != null && ("omit".equalsIgnoreCase(policy.asText()) || policy.asInt(0) == 2);
    JsonNode asOf = body.get("asOf");
    return many(
        ids,
        fields,
        expand,
        asOf(asOf == null || asOf.isNull() ? null : asOf.asText()),
        omit,
        req.baseUrl());
  }

  private StreamedJson many(
      List<Integer> ids,
      List<String> fields,
      WorkItemJson.Expand expand,
      Instant asOf,
      boolean omit,
      String baseUrl) {
    if (ids.isEmpty()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: ids");
    }
    if (ids.size() > MAX_IDS) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "VS403474: You requested "
              + ids.size()
              + " work items which exceeds the limit of "
              + MAX_IDS);
    }
    checkExpandWithFields(expand, fields);
    // Every item is read (and a missing one refused) before the answer starts streaming.
    List<Object> out = new ArrayList<>(ids.size());
    for (int id : ids) {
      WorkItem w = read(id, asOf, !omit);
      out.add(w == null ? null : json.item(w, baseUrl, expand, fields));
    }
    return Json.streamedList(out);
  }

  private static void checkExpandWithFields(WorkItemJson.Expand expand, List<String> fields) {
    if (fields != null && expand != WorkItemJson.Expand.NONE) {
      throw ApiException.badRequest(
          "ConflictingParametersException",
          "The expand parameter can not be used with the fields parameter.");
    }
  }

  /** The live work item, or its revision as of a time; null or 404 when there is none. */
  private WorkItem read(int id, Instant asOf, boolean fail) {
    WorkItem w = t.items.get(Integer.toString(id));
    if (w == null || w.deleted()) {
      if (fail) {
        throw WorkItemEngine.missing(id);
      }
      return null;
    }
    if (asOf == null) {
      return w;
    }
    for (int rev = w.rev(); rev >= 1; rev--) {
      WorkItem r = t.revisions.get(id + ":" + rev);
      Object changed = r == null ? null : r.fields().get("System.ChangedDate");
      if (changed != null && !FieldValues.parseDate(changed.toString()).isAfter(asOf)) {
        return r;
      }
    }
    if (fail) {
      throw WorkItemEngine.missing(id);
    }
    return null;
  }

  private static Instant asOf(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return FieldValues.parseDate(text);
    } catch (RuntimeException e) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "The value '" + text + "' is not valid for asOf.");
    }
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isBlank() ? null : Arrays.asList(csv.split(","));
  }

  // ---- delete and the recycle bin ----

  Object delete(ApiRequest req) {
    int id = id(req.requireRoute("id"));
    boolean destroy = req.queryBool("destroy");
    if (destroy) {
      ctx.store().run(tx -> destroy(tx, id, false));
      return ApiResponse.empty(204);
    }
    WitTables.Deletion del = ctx.store().write(tx -> moveToRecycleBin(tx, id, req.caller()));
    return deleted(t.items.get(Integer.toString(id)), del, req.baseUrl());
  }

  private WitTables.Deletion moveToRecycleBin(Store.Tx tx, int id, Identity caller) {
    WorkItem w = engine.live(id);
    WitTables.Deletion del =
        new WitTables.Deletion(id, caller.combinedName(), Json.date(ctx.clock().instant()));
    tx.put(t.deletions, Integer.toString(id), del);
    tx.put(
        t.items,
        Integer.toString(id),
        new WorkItem(
            w.id(), w.rev(), w.projectId(), w.fields(), w.relations(), true, w.commentCount()));
    return del;
  }

  /** Removes a work item and all its history for good. */
  void destroy(Store.Tx tx, int id, boolean onlyDeleted) {
    WorkItem w = t.items.get(Integer.toString(id));
    if (w == null || (onlyDeleted && !w.deleted())) {
      throw WorkItemEngine.missing(id);
    }
    for (int rev = 1; rev <= w.rev(); rev++) {
      tx.remove(t.revisions, id + ":" + rev);
    }
    WitTables.CommentIds ids = t.commentIds.get(Integer.toString(id));
    if (ids != null) {
      for (int c : ids.ids()) {
        WitTables.Comment last = t.comments.get(id + ":" + c);
        for (int v = 1; last != null && v <= last.version(); v++) {
          tx.remove(t.commentVersions, id + ":" + c + ":" + v);
        }
        tx.remove(t.comments, id + ":" + c);
      }
      tx.remove(t.commentIds, Integer.toString(id));
    }
    tx.remove(t.deletions, Integer.toString(id));
    tx.remove(t.items, Integer.toString(id));
  }

  /** A WorkItemDelete: who deleted what and when, with the item itself. */
  private ObjectNode deleted(WorkItem w, WitTables.Deletion del, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("id", w.id());
    n.put("code", 200);
    n.put("deletedBy", del.deletedBy());
    n.put("deletedDate", del.deletedDate());
    n.put("name", String.valueOf(w.fields().getOrDefault("System.Title", "")));
    n.put("project", String.valueOf(w.fields().getOrDefault("System.TeamProject", "")));
    n.put("type", String.valueOf(w.fields().getOrDefault("System.WorkItemType", "")));
    n.put("url", baseUrl + w.projectId() + "/_apis/wit/recyclebin/" + w.id());
    n.putPOJO("resource", json.item(w, baseUrl, WorkItemJson.Expand.NONE, null));
    return n;
  }

  Object recycleBinGet(ApiRequest req) {
    Project project = services.project(req.requireRoute("project"));
    String idText = req.route("id");
    if (idText == null) {
      List<JsonNode> out = new ArrayList<>();
      List<WorkItem> items = t.items.where(w -> w.deleted() && project.id().equals(w.projectId()));
      items.sort((a, b) -> Integer.compare(a.id(), b.id()));
      for (WorkItem w : items) {
        ObjectNode n = Json.object();
        n.put("id", w.id());
        n.put("url", req.baseUrl() + w.projectId() + "/_apis/wit/recyclebin/" + w.id());
        out.add(n);
      }
      return Json.list(out);
    }
    int id = id(idText);
    WorkItem w = t.items.get(Integer.toString(id));
    WitTables.Deletion del = t.deletions.get(Integer.toString(id));
    if (w == null || !w.deleted() || del == null) {
      throw WorkItemEngine.missing(id);
    }
    return deleted(w, del, req.baseUrl());
  }

  Object restore(ApiRequest req) {
    int id = id(req.requireRoute("id"));
    JsonNode body = req.json();
    if (body.path("isDeleted").asBoolean(true)) {
      throw ApiException.badRequest(
          "VssPropertyValidationException", "To restore a work item, send {\"isDeleted\": false}.");
    }
    WitTables.Deletion del = t.deletions.get(Integer.toString(id));
    WorkItem restored =
        ctx.store()
            .write(
                tx -> {
                  WorkItem w = t.items.get(Integer.toString(id));
                  if (w == null || !w.deleted()) {
                    throw WorkItemEngine.missing(id);
                  }
                  WorkItem live =
                      new WorkItem(
                          w.id(),
                          w.rev(),
                          w.projectId(),
                          w.fields(),
                          w.relations(),
                          false,
                          w.commentCount());
                  tx.put(t.items, Integer.toString(id), live);
                  tx.remove(t.deletions, Integer.toString(id));
                  return live;
                });
    ObjectNode n =
        deleted(restored, del == null ? new WitTables.Deletion(id, "", "") : del, req.baseUrl());
    return n;
  }

  Object recycleBinDestroy(ApiRequest req) {
    int id = id(req.requireRoute("id"));
    ctx.store().run(tx -> destroy(tx, id, true));
    return ApiResponse.empty(204);
  }

  Object deleteMany(ApiRequest req) {
    JsonNode body = req.json();
    if (!body.isObject() || !body.path("ids").isArray() || body.path("ids").isEmpty()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException", "The parameter 'Ids' cannot be null or empty.");
    }
    if (body.path("ids").size() > MAX_IDS) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "The parameter 'Ids' exceeded the threshold of " + MAX_IDS + ".");
    }
    boolean destroy = body.path("destroy").asBoolean(false);
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode n : body.path("ids")) {
      int id = n.asInt();
      try {
        if (destroy) {
          ctx.store().run(tx -> destroy(tx, id, false));
        } else {
          WitTables.Deletion del = ctx.store().write(tx -> moveToRecycleBin(tx, id, req.caller()));
          ObjectNode r = deleted(t.items.get(Integer.toString(id)), del, req.baseUrl());
          r.remove("resource");
          results.add(r);
        }
      } catch (ApiException e) {
        ObjectNode r = Json.object();
        r.put("id", id);
        r.put("code", e.status());
        r.put("message", e.getMessage());
        results.add(r);
      }
    }
    if (destroy) {
      return ApiResponse.empty(204);
    }
    ObjectNode out = Json.object();
    out.putArray("results").addAll(results);
    return out;
  }

  /** For the $batch endpoint: the options a sub-request's query string carries. */
  static WorkItemEngine.Options options(Map<String, String> query) {
    return new WorkItemEngine.Options(
        "true".equalsIgnoreCase(query.get("validateonly")),
        "true".equalsIgnoreCase(query.get("bypassrules")),
        "true".equalsIgnoreCase(query.get("suppressnotifications")));
  }
}
