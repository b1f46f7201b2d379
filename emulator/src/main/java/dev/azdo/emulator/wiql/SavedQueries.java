package dev.azdo.emulator.wiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.store.Store;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Saved queries (_apis/wit/queries): each project's "My Queries" (one per user) and "Shared
 * Queries" folders with their folders and queries, read with $depth and $expand, created, renamed,
 * moved and deleted; {@link #runnable} gives the WIQL that wiql/{id} runs.
 */
final class SavedQueries {
  private static final TableKey<QueryItem> SAVED_QUERIES =
      new TableKey<>("savedQueries", QueryItem.class);

  static final String MY_QUERIES = "My Queries";
  static final String SHARED_QUERIES = "Shared Queries";

  /** QueryExpand, in the service's order (the number clients send is the ordinal). */
  enum Expand {
    NONE,
    WIQL,
    CLAUSES,
    ALL,
    MINIMAL
  }

  private final EmulatorContext ctx;
  private final Table<QueryItem> items;
  private final WiqlEngine engine;

  SavedQueries(EmulatorContext ctx, WiqlEngine engine) {
    this.ctx = ctx;
    this.items = ctx.store().table(SAVED_QUERIES);
    this.engine = engine;
  }

  /**
   * A stored folder or query; roots are not stored. ownerId is the user whose "My Queries" holds
   * it, null under "Shared Queries"; people are ids.
   */
  record QueryItem(
      String id,
      String projectId,
      String parentId,
      String name,
      boolean folder,
      String wiql,
      String ownerId,
      String createdBy,
      String createdDate,
      String modifiedBy,
      String modifiedDate) {}

  /** GET queries[/{query}] with $depth (0 to 2) and $expand. */
  Object get(ApiRequest req) {
    Project p = project(req);
    int depth = req.queryInt("$depth", 0);
    if (depth < 0 || depth > 2) {
      // The service expands at most two levels below the requested item.
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + depth + "' is not valid for parameter $depth. It must be 0, 1 or 2.");
    }
    Expand expand = req.queryEnum("$expand", Expand.class, Expand.NONE);
    String path = req.route("query");
    if (path == null || path.isEmpty()) {
      List<JsonNode> roots = new ArrayList<>();
      for (QueryItem root : List.of(myRoot(p, req.caller()), sharedRoot(p))) {
        roots.add(render(p, root, depth, expand, req));
      }
      return Json.list(roots);
    }
    return render(p, resolve(p, path, req.caller()), depth, expand, req);
  }

  /**
   * POST queries/{folder}: creates a query ({"name", "wiql"}) or folder ({"name", "isFolder":
   * true}) in it, or moves an existing item there ({"id"}); validateWiqlOnly checks the WIQL only.
   */
  Object create(ApiRequest req) {
    Project p = project(req);
    Identity me = req.caller();
    JsonNode body = req.json();
    String now = Json.date(ctx.clock().instant());
    QueryItem parent = resolve(p, req.requireRoute("query"), me);
    if (!parent.folder()) {
      throw ApiException.badRequest(
          "QueryItemInvalidParentException",
          "TF237015: The parent '" + path(parent) + "' of a query item must be a folder.");
    }
    String moved = body.path("id").asText("");
    if (!moved.isEmpty() && !body.hasNonNull("name")) {
      QueryItem item = stored(resolve(p, moved, me));
      QueryItem n = copy(item, parent.id(), item.name(), item.wiql(), ownerOf(parent), me, now);
      checkUnique(p, parent, n.name(), n.id());
      ctx.store().run(tx -> tx.put(items, n.id(), n));
      return render(p, n, 0, Expand.NONE, req);
    }
    String name = name(body);
    boolean folder = body.path("isFolder").asBoolean(false);
    String wiql = folder ? null : wiql(body, true);
    QueryItem n =
        new QueryItem(
            UUID.randomUUID().toString(),
            p.id(),
            parent.id(),
            name,
            folder,
            wiql,
            ownerOf(parent),
            me.id(),
            now,
            me.id(),
            now);
    if (req.queryBool("validateWiqlOnly")) {
      return render(p, n, 0, Expand.WIQL, req);
    }
    ctx.store()
        .run(
            tx -> {
              checkUnique(p, parent, name, null);
              tx.put(items, n.id(), n);
            });
    return render(p, n, 0, Expand.WIQL, req);
  }

  /** PATCH queries/{query}: renames it and, for a query, replaces its WIQL. */
  Object update(ApiRequest req) {
    Project p = project(req);
    Identity me = req.caller();
    JsonNode body = req.json();
    QueryItem item = stored(resolve(p, req.requireRoute("query"), me));
    String name = body.hasNonNull("name") ? name(body) : item.name();
    String wiql = !item.folder() && body.hasNonNull("wiql") ? wiql(body, true) : item.wiql();
    QueryItem n =
        copy(
            item,
            item.parentId(),
            name,
            wiql,
            item.ownerId(),
            me,
            Json.date(ctx.clock().instant()));
    ctx.store()
        .run(
            tx -> {
              checkUnique(p, parentOf(p, item, me), name, item.id());
              tx.put(items, n.id(), n);
            });
    return render(p, n, 0, Expand.WIQL, req);
  }

  /** DELETE queries/{query}: removes it, and a folder with everything below it. */
  Object delete(ApiRequest req) {
    Project p = project(req);
    QueryItem item = stored(resolve(p, req.requireRoute("query"), req.caller()));
    ctx.store().run(tx -> remove(tx, item));
    return ApiResponse.empty(204);
  }

  /** The saved query (not a folder) an id names, as wiql/{id} runs it; 404 when unknown. */
  QueryItem runnable(Project p, String id, Identity caller) {
    QueryItem item = byId(p, id, caller);
    if (item == null) {
      throw missing(id);
    }
    if (item.folder()) {
      throw ApiException.badRequest(
          "QueryItemIsFolderException",
          "TF237021: '" + path(item) + "' is a folder; only a query can be run.");
    }
    return item;
  }

  private void remove(Store.Tx tx, QueryItem item) {
    for (QueryItem c : children(item)) {
      remove(tx, c);
    }
    tx.remove(items, item.id());
  }

  private Project project(ApiRequest req) {
    return ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
  }

  private static String name(JsonNode body) {
    String name = body.path("name").asText("").trim();
    if (name.isEmpty()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException", "The name of a query item cannot be null or empty.");
    }
    if (name.length() > 255 || name.matches(".*[\\\\/:*?\"<>|;#$%&+].*")) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "The query item name '"
              + name
              + "' is longer than 255 characters or contains one of \\ / : * ? \" < > | ; # $ %"
              + " & +.");
    }
    return name;
  }

  private static String wiql(JsonNode body, boolean required) {
    JsonNode w = body.path("wiql");
    if (!w.isTextual() || w.asText().isBlank()) {
      if (!required) {
        return null;
      }
      throw ApiException.badRequest(
          "VssPropertyValidationException", "The WIQL of a query cannot be null or empty.");
    }
    try {
      Wiql.parse(w.asText());
    } catch (WiqlException e) {
      throw new ApiException(400, e.typeKey(), e.getMessage());
    }
    return w.asText();
  }

  private void checkUnique(Project p, QueryItem parent, String name, String self) {
    for (QueryItem c : children(parent)) {
      if (c.name().equalsIgnoreCase(name) && !c.id().equals(self)) {
        throw new ApiException(
            409,
            "QueryItemAlreadyExistsException",
            "TF237018: The name '" + name + "' is already used in " + path(parent) + ".");
      }
    }
  }

  private static QueryItem copy(
      QueryItem i,
      String parentId,
      String name,
      String wiql,
      String ownerId,
      Identity by,
      String now) {
    return new QueryItem(
        i.id(),
        i.projectId(),
        parentId,
        name,
        i.folder(),
        wiql,
        ownerId,
        i.createdBy(),
        i.createdDate(),
        by.id(),
        now);
  }

  // ---- the hierarchy ----

  private static QueryItem sharedRoot(Project p) {
    return root(p, uuid("queries:shared:" + p.id()), SHARED_QUERIES, null);
  }

  private static QueryItem myRoot(Project p, Identity me) {
    return root(p, uuid("queries:my:" + p.id() + ":" + me.id()), MY_QUERIES, me.id());
  }

  private static QueryItem root(Project p, String id, String name, String ownerId) {
    String when = p.lastUpdateTime();
    return new QueryItem(id, p.id(), null, name, true, null, ownerId, null, when, null, when);
  }

  private static String uuid(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static boolean isRoot(QueryItem i) {
    return i.parentId() == null;
  }

  private static QueryItem stored(QueryItem i) {
    if (isRoot(i)) {
      throw ApiException.badRequest(
          "QueryItemRootException",
          "TF237020: The root folder '" + i.name() + "' cannot be changed, moved or deleted.");
    }
    return i;
  }

  private static String ownerOf(QueryItem folder) {
    return folder.ownerId();
  }

  /** An id or a path such as "Shared Queries/Folder/Query"; 404 naming it when unknown. */
  private QueryItem resolve(Project p, String idOrPath, Identity me) {
    QueryItem byId = byId(p, idOrPath, me);
    if (byId != null) {
      return byId;
    }
    String[] parts = idOrPath.replace('\\', '/').split("/");
    QueryItem cur = null;
    for (String part : parts) {
      if (part.isBlank()) {
        continue;
      }
      if (cur == null) {
        if (part.trim().equalsIgnoreCase(MY_QUERIES)) {
          cur = myRoot(p, me);
        } else if (part.trim().equalsIgnoreCase(SHARED_QUERIES)) {
          cur = sharedRoot(p);
        } else {
          throw missing(idOrPath);
        }
        continue;
      }
      QueryItem next = null;
      for (QueryItem c : children(cur)) {
        if (c.name().equalsIgnoreCase(part.trim())) {
          next = c;
        }
      }
      if (next == null) {
        throw missing(idOrPath);
      }
      cur = next;
    }
    if (cur == null) {
      throw missing(idOrPath);
    }
    return cur;
  }

  private QueryItem byId(Project p, String id, Identity me) {
    String key = id.trim().toLowerCase(Locale.ROOT);
    QueryItem shared = sharedRoot(p);
    QueryItem mine = myRoot(p, me);
    if (key.equals(shared.id())) {
      return shared;
    }
    if (key.equals(mine.id())) {
      return mine;
    }
    QueryItem i = items.get(key);
    // Another user's "My Queries" items are invisible, as the service hides them.
    if (i == null
        || !i.projectId().equals(p.id())
        || (i.ownerId() != null && !i.ownerId().equals(me.id()))) {
      return null;
    }
    return i;
  }

  private List<QueryItem> children(QueryItem folder) {
    List<QueryItem> out =
        items.where(
            i -> folder.id().equals(i.parentId()) && folder.projectId().equals(i.projectId()));
    // Folders first, then by name, as the query explorer lists them.
    out.sort(
        Comparator.comparing((QueryItem i) -> !i.folder())
            .thenComparing(i -> i.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  private QueryItem parentOf(Project p, QueryItem item, Identity me) {
    QueryItem parent = byId(p, item.parentId(), me);
    if (parent == null) {
      throw missing(item.parentId());
    }
    return parent;
  }

  private String path(QueryItem item) {
    List<String> names = new ArrayList<>();
    QueryItem cur = item;
    while (cur != null) {
      names.add(0, cur.name());
      if (isRoot(cur)) {
        break;
      }
      String parentId = cur.parentId();
      QueryItem next = items.get(parentId);
      if (next == null) {
        names.add(0, cur.ownerId() == null ? SHARED_QUERIES : MY_QUERIES);
        break;
      }
      cur = next;
    }
    return String.join("/", names);
  }

  static ApiException missing(String idOrPath) {
    return ApiException.notFound(
        "QueryItemNotFoundException",
        "TF401243: The query "
            + idOrPath
            + " does not exist, or you do not have permission to read it.");
  }

  // ---- JSON ----

  private ObjectNode render(Project p, QueryItem i, int depth, Expand expand, ApiRequest req) {
    String base = req.baseUrl();
    String url = base + p.id() + "/_apis/wit/queries/" + i.id();
    ObjectNode n = Json.object();
    n.put("id", i.id());
    n.put("name", i.name());
    n.put("path", path(i));
    List<QueryItem> children = i.folder() ? children(i) : List.of();
    if (expand != Expand.MINIMAL) {
      identity(n, "createdBy", i.createdBy(), base);
      n.put("createdDate", i.createdDate());
      identity(n, "lastModifiedBy", i.modifiedBy(), base);
      n.put("lastModifiedDate", i.modifiedDate());
    }
    if (i.folder()) {
      n.put("isFolder", true);
      n.put("hasChildren", !children.isEmpty());
    } else {
      WiqlQuery q = Wiql.parse(i.wiql());
      n.put("queryType", queryType(q));
      if (expand != Expand.MINIMAL) {
        ArrayNode columns = n.putArray("columns");
        for (WiqlQuery.FieldRef c : q.columns()) {
          columns.add(fieldRef(c.name(), base));
        }
        if (!q.orderBy().isEmpty()) {
          ArrayNode sort = n.putArray("sortColumns");
          for (WiqlQuery.SortKey s : q.orderBy()) {
            ObjectNode c = sort.addObject();
            c.set("field", fieldRef(s.field().name(), base));
            c.put("descending", s.descending());
          }
        }
      }
      if (expand != Expand.NONE) {
        n.put("wiql", i.wiql());
      }
    }
    n.put("isPublic", i.ownerId() == null);
    if (depth > 0 && !children.isEmpty()) {
      ArrayNode kids = n.putArray("children");
      for (QueryItem c : children) {
        kids.add(render(p, c, depth - 1, expand, req));
      }
    }
    if (expand != Expand.MINIMAL) {
      ObjectNode links = n.putObject("_links");
      links.putObject("self").put("href", url);
      links
          .putObject("html")
          .put(
              "href",
              base
                  + urlPart(p.name())
                  + (i.folder() ? "/_queries/folder/" : "/_queries/query/")
                  + i.id());
      if (!isRoot(i)) {
        links.putObject("parent").put("href", base + p.id() + "/_apis/wit/queries/" + i.parentId());
      }
      if (!i.folder()) {
        links.putObject("wiql").put("href", base + p.id() + "/_apis/wit/wiql/" + i.id());
      }
    }
    n.put("url", url);
    return n;
  }

  private void identity(ObjectNode n, String key, String id, String base) {
    Identity who = id == null ? null : ctx.directory().byId(id);
    if (who != null) {
      ObjectNode ref = who.identityRef(base);
      ref.put("name", who.combinedName());
      n.set(key, ref);
    }
  }

  private ObjectNode fieldRef(String name, String base) {
    FieldDef f = engine.field(name);
    ObjectNode c = Json.object();
    String ref = f == null ? name : f.referenceName();
    c.put("referenceName", ref);
    c.put("name", f == null ? name : f.name());
    c.put("url", base + "_apis/wit/fields/" + ref);
    return c;
  }

  static String queryType(WiqlQuery q) {
    if (q.from() == WiqlQuery.Source.WORK_ITEMS) {
      return "flat";
    }
    return q.modes().contains(WiqlQuery.Mode.RECURSIVE) ? "tree" : "oneHop";
  }

  private static String urlPart(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
