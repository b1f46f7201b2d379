package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.WorkItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reactions to work item comments (7.1-preview.1): list, add and remove the caller's reaction of a
 * type, and the users who reacted; each user counts once per type, as on the service.
 */
final class CommentReactionsApi {
  /** The service's CommentReactionType values, in its order. */
  static final List<String> TYPES =
      List.of("like", "dislike", "heart", "hooray", "smile", "confused");

  private final EmulatorContext ctx;
  private final WitTables t;
  private final WorkItemEngine engine;

  CommentReactionsApi(EmulatorContext ctx, WitTables tables, WorkItemEngine engine) {
    this.ctx = ctx;
    this.t = tables;
    this.engine = engine;
  }

  /** GET reactions: one entry per type someone reacted with. */
  Object list(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    int cid = WorkItemsApi.id(req.requireRoute("commentId"));
    WorkItem w = engine.live(wid);
    liveComment(wid, cid);
    List<JsonNode> out = new ArrayList<>();
    reactions(w, cid, req.caller(), req.baseUrl()).forEach(out::add);
    return Json.list(out);
  }

  /** PUT reactions/{type}: the caller reacts (again: no change); answers the type's totals. */
  Object add(ApiRequest req) {
    return change(req, true);
  }

  /** DELETE reactions/{type}: the caller's reaction is withdrawn, if there was one. */
  Object remove(ApiRequest req) {
    return change(req, false);
  }

  /** GET reactions/{type}/users: who reacted with that type, paged by $top and $skip. */
  Object users(ApiRequest req) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    int cid = WorkItemsApi.id(req.requireRoute("commentId"));
    String type = type(req.requireRoute("reactionType"));
    engine.live(wid);
    liveComment(wid, cid);
    List<String> ids = usersOf(wid, cid, type);
    int skip = Math.max(0, req.queryInt("$skip", 0));
    int top = Math.max(0, req.queryInt("$top", 100));
    List<JsonNode> out = new ArrayList<>();
    for (int i = skip; i < ids.size() && out.size() < top; i++) {
      Identity who = ctx.directory().byId(ids.get(i));
      if (who != null) {
        out.add(who.identityRef(req.baseUrl()));
      }
    }
    return Json.list(out);
  }

  /** The comment's reactions as the comments resource shows them with $expand=reactions. */
  ArrayNode reactions(WorkItem w, int cid, Identity caller, String baseUrl) {
    ArrayNode out = Json.array();
    WitTables.Reactions stored = t.reactions.get(w.id() + ":" + cid);
    if (stored == null) {
      return out;
    }
    for (String type : TYPES) {
      List<String> ids = stored.byType().getOrDefault(type, List.of());
      if (!ids.isEmpty()) {
        out.add(reaction(w, cid, type, ids, caller, baseUrl));
      }
    }
    return out;
  }

  private Object change(ApiRequest req, boolean add) {
    int wid = WorkItemsApi.id(req.requireRoute("workItemId"));
    int cid = WorkItemsApi.id(req.requireRoute("commentId"));
    String type = type(req.requireRoute("reactionType"));
    String me = req.caller().id();
    List<String> ids =
        ctx.store()
            .write(
                tx -> {
                  engine.live(wid);
                  liveComment(wid, cid);
                  String key = wid + ":" + cid;
                  WitTables.Reactions old = t.reactions.get(key);
                  Map<String, List<String>> byType =
                      new LinkedHashMap<>(old == null ? Map.of() : old.byType());
                  List<String> users = new ArrayList<>(byType.getOrDefault(type, List.of()));
                  boolean changed = add ? !users.contains(me) && users.add(me) : users.remove(me);
                  if (changed) {
                    if (users.isEmpty()) {
                      byType.remove(type);
                    } else {
                      byType.put(type, users);
                    }
                    tx.put(t.reactions, key, new WitTables.Reactions(byType));
                  }
                  return users;
                });
    WorkItem w = engine.live(wid);
    return reaction(w, cid, type, ids, req.caller(), req.baseUrl());
  }

  private static ObjectNode reaction(
      WorkItem w, int cid, String type, List<String> ids, Identity caller, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("commentId", cid);
    n.put("type", type);
    n.put("count", ids.size());
    n.put("isCurrentUserEngaged", caller != null && ids.contains(caller.id()));
    n.put(
        "url",
        baseUrl
            + w.projectId()
            + "/_apis/wit/workItems/"
            + w.id()
            + "/comments/"
            + cid
            + "/reactions/"
            + type);
    return n;
  }

  private List<String> usersOf(int wid, int cid, String type) {
    WitTables.Reactions stored = t.reactions.get(wid + ":" + cid);
    return stored == null ? List.of() : stored.byType().getOrDefault(type, List.of());
  }

  private void liveComment(int wid, int cid) {
    WitTables.Comment c = t.comments.get(wid + ":" + cid);
    if (c == null || c.deleted()) {
      throw ApiException.notFound(
          "WorkItemCommentNotFoundException",
          "VS403071: Comment " + cid + " of work item " + wid + " does not exist.");
    }
  }

  private static String type(String text) {
    String k = text.trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(k)) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '"
              + text
              + "' is not valid for parameter reactionType. Use one of: "
              + String.join(", ", TYPES)
              + ".");
    }
    return k;
  }
}
