package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Store;
import java.util.ArrayList;
import java.util.List;

/** Work item comments (7.1-preview.4): add, list with paging, get, edit and delete. */
final class CommentsApi {
  private final EmulatorContext ctx;
  private final WitTables t;
  private final WorkItemEngine engine;
  private final WorkItemJson json;
  private final CommentReactionsApi reactions;

  CommentsApi(
      EmulatorContext ctx,
      WitTables tables,
      WorkItemEngine engine,
      WorkItemJson json,
      CommentReactionsApi reactions) {
    this.ctx = ctx;
    this.t = tables;
    this.engine = engine;
    this.json = json;
    this.reactions = reactions;
  }

  /** Stores a new comment of a work item (made in revision rev) and returns it. */
  static WitTables.Comment insert(
      Store.Tx tx, WitTables t, int workItemId, String text, String by, String date, int rev) {
    int id = (int) tx.next(t.counters, "commentId");
    WitTables.Comment c =
        new WitTables.Comment(workItemId, id, 1, text, by, date, by, date, false, rev);
    save(tx, t, c);
    WitTables.CommentIds ids = t.commentIds.get(Integer.toString(workItemId));
    List<Integer> list = new ArrayList<>(ids == null ? List.of() : ids.ids());
    list.add(id);
    tx.put(t.commentIds, Integer.toString(workItemId), new WitTables.CommentIds(list));
    return c;
  }

  /** Stores a comment's current state and keeps it as its version, for the versions resource. */
  static void save(Store.Tx tx, WitTables t, WitTables.Comment c) {
    tx.put(t.comments, c.workItemId() + ":" + c.id(), c);
    tx.put(t.commentVersions, c.workItemId() + ":" + c.id() + ":" + c.version(), c);
  }

  /** GET comments/{commentId}/versions[/{version}]: every version of a comment, oldest first. */
  Object versions(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    int cid = WorkItemsApi.id(req.requireRoute("commentId"));
    engine.live(wid);
    WitTables.Comment current = find(wid, cid);
    String one = req.route("version");
    if (one != null && !one.isEmpty()) {
      int v = WorkItemsApi.id(one);
      WitTables.Comment c = version(current, v);
      if (c == null) {
        throw ApiException.notFound(
            "WorkItemCommentVersionNotFoundException",
            "VS403073: Version "
                + v
                + " of comment "
                + cid
                + " of work item "
                + wid
                + " does not exist.");
      }
      return version(c, req);
    }
    List<JsonNode> out = new ArrayList<>();
    for (int v = 1; v <= current.version(); v++) {
      WitTables.Comment c = version(current, v);
      if (c != null) {
        out.add(version(c, req));
      }
    }
    return Json.list(out);
  }

  // Comments written before versions were kept have only their latest version.
  private WitTables.Comment version(WitTables.Comment current, int v) {
    if (v == current.version()) {
      return current;
    }
    return t.commentVersions.get(current.workItemId() + ":" + current.id() + ":" + v);
  }

  private ObjectNode version(WitTables.Comment c, ApiRequest req) {
    ObjectNode n = comment(c, req);
    n.remove("workItemId");
    n.remove("format");
    n.put("url", n.path("url").asText() + "/versions/" + c.version());
    return n;
  }

  Object add(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    String text = text(req.json());
    // The service records a comment as the History of a new work item revision.
    JsonNode patch =
        Json.array()
            .add(
                Json.object()
                    .put("op", "add")
                    .put("path", "/fields/System.History")
                    .put("value", text));
    WitTables.Comment c =
        ctx.store()
            .write(
                tx -> {
                  WorkItem w =
                      engine.update(
                          tx,
                          wid,
                          patch,
                          new WorkItemEngine.Options(false, true, false),
                          req.caller(),
                          null);
                  List<Integer> ids = t.commentIds.get(Integer.toString(w.id())).ids();
                  return t.comments.get(wid + ":" + ids.get(ids.size() - 1));
                });
    return comment(c, req);
  }

  private static String text(JsonNode body) {
    JsonNode text = body.get("text");
    if (text == null || !text.isTextual() || text.asText().isBlank()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException", "The comment text cannot be null or empty.");
    }
    return text.asText();
  }

  Object get(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    WorkItem w = engine.live(wid);
    boolean includeDeleted = req.queryBool("includeDeleted");
    String one = req.route("commentId");
    if (one != null) {
      WitTables.Comment c = find(wid, WorkItemsApi.id(one));
      if (c.deleted() && !includeDeleted) {
        throw missingComment(wid, c.id());
      }
      return comment(c, req);
    }
    List<WitTables.Comment> all = new ArrayList<>();
    WitTables.CommentIds ids = t.commentIds.get(Integer.toString(w.id()));
    if (ids != null) {
      for (int id : ids.ids()) {
        WitTables.Comment c = t.comments.get(wid + ":" + id);
        if (c != null && (includeDeleted || !c.deleted())) {
          all.add(c);
        }
      }
    }
    String order = req.query("order");
    // CommentSortOrder: asc = 1, desc = 2; clients send either the name or the number.
    if (!"asc".equalsIgnoreCase(order) && !"1".equals(order)) {
      // Newest first unless the caller asks for ascending order.
      java.util.Collections.reverse(all);
    }
    int top = Math.max(1, Math.min(req.queryInt("$top", 200), 200));
    int start = 0;
    String token = req.query("continuationToken");
    if (token != null && !token.isBlank()) {
      try {
        start = Integer.parseInt(token.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "The value '" + token + "' is not valid for parameter continuationToken.");
      }
    }
    ObjectNode n = Json.object();
    n.put("totalCount", all.size());
    ArrayNode page = Json.array();
    int end = Math.min(all.size(), start + top);
    for (int i = start; i < end; i++) {
      page.add(comment(all.get(i), req));
    }
    n.put("count", page.size());
    String base = req.baseUrl() + w.projectId() + "/_apis/wit/workItems/" + wid + "/comments";
    n.put("url", base);
    if (end < all.size()) {
      n.put("nextPage", base + "?continuationToken=" + end + "&$top=" + top);
      n.put("continuationToken", Integer.toString(end));
    }
    n.set("comments", page);
    return n;
  }

  Object edit(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    int cid = WorkItemsApi.id(req.requireRoute("commentId"));
    String text = text(req.json());
    WitTables.Comment c =
        ctx.store()
            .write(
                tx -> {
                  engine.live(wid);
                  WitTables.Comment old = find(wid, cid);
                  if (old.deleted()) {
                    throw missingComment(wid, cid);
                  }
                  WitTables.Comment n =
                      new WitTables.Comment(
                          wid,
                          cid,
                          old.version() + 1,
                          text,
                          old.createdBy(),
                          old.createdDate(),
                          req.caller().combinedName(),
                          Json.date(ctx.clock().instant()),
                          false,
                          old.createdInRevision());
                  save(tx, t, n);
                  return n;
                });
    return comment(c, req);
  }

  Object delete(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    int cid = WorkItemsApi.id(req.requireRoute("commentId"));
    ctx.store()
        .run(
            tx -> {
              WorkItem w = engine.live(wid);
              WitTables.Comment old = find(wid, cid);
              if (old.deleted()) {
                throw missingComment(wid, cid);
              }
              save(
                  tx,
                  t,
                  new WitTables.Comment(
                      wid,
                      cid,
                      old.version() + 1,
                      old.text(),
                      old.createdBy(),
                      old.createdDate(),
                      req.caller().combinedName(),
                      Json.date(ctx.clock().instant()),
                      true,
                      old.createdInRevision()));
              int count = Math.max(0, w.commentCount() - 1);
              java.util.Map<String, Object> f = new java.util.LinkedHashMap<>(w.fields());
              f.put("System.CommentCount", count);
              // The count changes without a new revision, as the service's comment delete does.
              tx.put(
                  t.items,
                  Integer.toString(wid),
                  new WorkItem(
                      w.id(),
                      w.rev(),
                      w.projectId(),
                      java.util.Collections.unmodifiableMap(f),
                      w.relations(),
                      false,
                      count));
            });
    return ApiResponse.empty(204);
  }

  private WitTables.Comment find(int wid, int cid) {
    WitTables.Comment c = t.comments.get(wid + ":" + cid);
    if (c == null) {
      throw missingComment(wid, cid);
    }
    return c;
  }

  private static ApiException missingComment(int wid, int cid) {
    return ApiException.notFound(
        "WorkItemCommentNotFoundException",
        "VS403071: Comment " + cid + " of work item " + wid + " does not exist.");
  }

  private ObjectNode comment(WitTables.Comment c, ApiRequest req) {
    WorkItem w = t.items.get(Integer.toString(c.workItemId()));
    String projectId = w == null ? "" : w.projectId();
    ObjectNode n = Json.object();
    n.put("workItemId", c.workItemId());
    n.put("id", c.id());
    n.put("version", c.version());
    n.put("text", c.text());
    n.put("renderedText", c.text());
    n.put("format", "html");
    n.set("createdBy", json.identity(c.createdBy(), req.baseUrl()));
    n.put("createdDate", c.createdDate());
    n.set("modifiedBy", json.identity(c.modifiedBy(), req.baseUrl()));
    n.put("modifiedDate", c.modifiedDate());
    n.put("isDeleted", c.deleted());
    String expand = req.query("$expand");
    if (w != null
        && expand != null
        && (expand.toLowerCase(java.util.Locale.ROOT).contains("reactions")
            || expand.equalsIgnoreCase("all"))) {
      n.set("reactions", reactions.reactions(w, c.id(), req.caller(), req.baseUrl()));
    }
    n.put(
        "url",
        req.baseUrl()
            + projectId
            + "/_apis/wit/workItems/"
            + c.workItemId()
            + "/comments/"
            + c.id());
    return n;
  }
}
