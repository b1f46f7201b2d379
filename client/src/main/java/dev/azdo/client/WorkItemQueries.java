package dev.azdo.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.http.Response;
import dev.azdo.client.internal.Urls;
import dev.azdo.client.internal.WiqlSplitter;
import dev.azdo.client.internal.WiqlSplitter.Parts;
import dev.azdo.client.internal.WiqlSplitter.SortKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs WIQL queries past the service's 20,000 result cap (VS402337): a query that hits the cap is
 * cut into pages transparently, every page read at the same moment (ASOF), so each matching item
 * comes back exactly once and in the query's order. Thread-safe; one instance per client is enough.
 *
 * <p>A query ordered by id (or not ordered) is paged by id ranges; one ordered by other fields is
 * paged by a keyset over those fields with the id as tie-breaker, reading the last item's sort
 * values to start the next page. A one-hop link query (FROM WorkItemLinks) is paged by ranges of
 * its source ids, each source with all its links in one page; a tree query (MODE (Recursive)) by
 * ranges of its top-level ids, each tree once; a single tree over the cap is read level by level
 * ({@link TreeExpansion}). A link query ordered by other fields is paged by a keyset over its
 * top-level items' sort values, so its pages keep its order too.
 */
public final class WorkItemQueries {
  /** Most results one WIQL query returns before failing with VS402337. */
  public static final int RESULT_CAP = AzdoClient.WIQL_RESULT_CAP;

  private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

  private final AzdoClient client;
  private final int pageSize;

  /** Creates the query runner over a client. */
  public WorkItemQueries(AzdoClient client) {
    this(client, RESULT_CAP);
  }

  /** Creates the query runner with a smaller page size than the cap (for tests). */
  WorkItemQueries(AzdoClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  /**
   * Runs a WIQL query (project may be null for an organization-wide one, where {@code @project}
   * cannot be used) and returns every matching id in the query's order, or the link rows of a link
   * query.
   *
   * @throws AzdoException for service errors (WIQL syntax with its position, unknown fields), for a
   *     single tree over the cap with conditions on [Target] fields, and for ordered queries whose
   *     sort values cannot be paged on
   */
  public QueryResult run(String project, String wiql) {
    return run(project, wiql, false);
  }

  /**
   * Like {@link #run(String, String)}; with timePrecision, date literals compare to the millisecond
   * instead of the day (the service's {@code timePrecision=true}).
   */
  public QueryResult run(String project, String wiql, boolean timePrecision) {
    try {
      return call(project, wiql, 0, timePrecision).withCalls(1).result(false);
    } catch (AzdoException e) {
      // VS402337: more than 20,000 results. Page through the query instead, each page capped by
      // $top.
      if (!"VS402337".equals(e.serviceCode())) {
        throw e;
      }
    }
    Parts parts = parts(wiql);
    if (parts.linkQuery()) {
      List<SortKey> order = parts.orderBy();
      boolean byIdAscending =
          order.isEmpty()
              || (order.get(0).field().equalsIgnoreCase("System.Id") && !order.get(0).descending());
      return byIdAscending
          ? bySourceRanges(project, wiql, timePrecision)
          : byLinkKeyset(project, wiql, parts, timePrecision);
    }
    return parts.orderedById()
        ? byIdRanges(project, parts, true, timePrecision)
        : byKeyset(project, parts, timePrecision);
  }

  /**
   * Like {@link #run(String, String, boolean)} for at most {@code top} results (the service's
   * {@code $top}, 1 to 20,000): one call, the first {@code top} ids in the query's order.
   */
  public QueryResult run(String project, String wiql, boolean timePrecision, int top) {
    if (top < 1 || top > RESULT_CAP) {
      throw new IllegalArgumentException(
          "top must be between 1 and " + RESULT_CAP + ", got " + top);
    }
    return call(project, wiql, top, timePrecision).withCalls(1).result(false);
  }

  /**
   * Like {@link #run} for callers that need the ids but not their order: past the cap the pages are
   * id ranges whatever the query's ORDER BY, which costs no extra reads.
   */
  public QueryResult idsInAnyOrder(String project, String wiql) {
    try {
      return call(project, wiql, 0, false).withCalls(1).result(false);
    } catch (AzdoException e) {
      if (!"VS402337".equals(e.serviceCode())) {
        throw e;
      }
    }
    Parts parts = parts(wiql);
    return parts.linkQuery()
        ? bySourceRanges(project, wiql, false)
        : byIdRanges(project, parts, false, false);
  }

  private static Parts parts(String wiql) {
    return WiqlSplitter.parse(wiql);
  }

  // Pages a link query by ranges of its top-level (source) ids: every range at the moment of the
  // first call, a range over the cap halved until it fits, a sparse one widened. A one-hop source
  // comes with all its links in the page of its id, so nothing repeats. A tree's subtree can reach
  // into a later range, whose answer then shows its items again as top-level ones: those trees
  // are dropped, as one answer drops a top-level item already shown under an earlier one. The
  // pages follow the source ids.
  private QueryResult bySourceRanges(String project, String wiql, boolean timePrecision) {
    boolean tree = WiqlSplitter.recursive(wiql);
    Set<Integer> placed = new HashSet<>();
    Page newest =
        call(
            project,
            "SELECT [System.Id] FROM WorkItems ORDER BY [System.Id] DESC",
            1,
            timePrecision);
    int calls = 2; // the refused query and the highest id
    String asOf = asOfLiteral(newest.asOf);
    int maxId = newest.ids.isEmpty() ? 0 : newest.ids.get(0);
    Page[] first = {null};
    int[] levelCalls = {0};
    TreeExpansion.Runner level =
        q -> {
          levelCalls[0]++;
          Page p = call(project, q, 0, timePrecision);
          first[0] = first[0] != null ? first[0] : p;
          return p.links;
        };
    List<WorkItemLink> links = new ArrayList<>();
    Set<Integer> ids = new LinkedHashSet<>();
    long lo = 1;
    int width = pageSize;
    while (lo <= maxId) {
      long hi = Math.min(lo + width, (long) maxId + 1);
      Page page;
      try {
        calls++;
        page =
            call(
                project,
                WiqlSplitter.linkSourceRange(wiql, (int) lo, (int) hi, asOf),
                0,
                timePrecision);
      } catch (AzdoException e) {
        if (!"VS402337".equals(e.serviceCode())) {
          throw e;
        }
        if (width == 1 && !tree) {
          for (WorkItemLink l :
              LinkRows.oneSourceByTargets(wiql, (int) lo, maxId, asOf, pageSize, level)) {
            links.add(l);
            if (l.sourceId() != 0) {
              ids.add(l.sourceId());
            }
            ids.add(l.targetId());
          }
          lo++;
          continue;
        }
        if (width == 1) {
          // One tree alone passes the cap: read it level by level.
          LinkRows.keepNewTrees(
              TreeExpansion.rows(wiql, (int) lo, asOf, level), placed, links, ids);
          lo++;
          continue;
        }
        width = Math.max(1, width / 2);
        continue;
      }
      first[0] = first[0] != null ? first[0] : page;
      if (tree) {
        LinkRows.keepNewTrees(page.links, placed, links, ids);
      } else {
        links.addAll(page.links);
        ids.addAll(page.ids);
      }
      lo = hi;
      if (page.links.size() < pageSize / 4 && width <= Integer.MAX_VALUE / 2) {
        width *= 2;
      }
    }
    Page result = first[0] != null ? first[0] : newest;
    result.links.clear();
    result.links.addAll(links);
    result.queryType = tree ? "tree" : "oneHop";
    return result.withIds(new ArrayList<>(ids)).withCalls(calls + levelCalls[0]).result(true);
  }

  private QueryResult byIdRanges(
      String project, Parts p, boolean keepOrder, boolean timePrecision) {
    boolean desc = keepOrder && !p.orderBy().isEmpty() && p.orderBy().get(0).descending();
    Page first = null;
    List<Integer> all = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    int calls = 1; // the refused query
    // Ids are positive: starting above 0 keeps every page the same shape.
    Integer cursor = desc ? null : 0;
    String asOf = null;
    while (true) {
      String q = WiqlSplitter.idRange(p, cursor, desc, asOf);
      Page page = call(project, q, pageSize, timePrecision);
      calls++;
      if (first == null) {
        first = page;
        asOf = asOfLiteral(page.asOf);
      }
      addNew(page.ids, all, seen);
      if (page.ids.size() < pageSize) {
        return first.withIds(all).withCalls(calls).result(true);
      }
      int last = page.ids.get(page.ids.size() - 1);
      if (cursor != null && last == cursor) {
        throw noProgress(last);
      }
      cursor = last;
    }
  }

  // The ORDER BY keys before System.Id (keys after it never decide the order).
  private static List<SortKey> keysBeforeId(Parts p) {
    List<SortKey> keys = new ArrayList<>();
    for (SortKey k : p.orderBy()) {
      if (k.field().equalsIgnoreCase("System.Id")) {
        break;
      }
      keys.add(k);
    }
    return keys;
  }

  // The direction of the id tie-breaker: the query's own id key's, else ascending.
  private static boolean idDescending(Parts p) {
    for (SortKey k : p.orderBy()) {
      if (k.field().equalsIgnoreCase("System.Id")) {
        return k.descending();
      }
    }
    return false;
  }

  // Pages a link query ordered by other fields than the id (or by id descending) by a keyset over
  // its top-level items' sort values, each page capped by $top: a full page's last tree (or
  // source with its links) may be cut, so it is left for the next page, which starts after the
  // last top-level item kept. Trees an earlier page already placed are dropped as in
  // bySourceRanges, so the pages follow the query's order and every row comes once.
  //
  // This relies on $top capping a link query's rows. Unverified on the service: its REST spec says
  // only "The max number of results to return." for every query type, and no stored doc, issue or
  // page says whether a tree or one-hop answer honours it (the emulator does, cutting after row
  // $top). If the service ignored it, the first page of a query over the cap would fail with
  // VS402337 here, as the unsplit query did; ordering by [System.Id] (source id ranges, no $top)
  // avoids the question.
  private QueryResult byLinkKeyset(String project, String wiql, Parts p, boolean timePrecision) {
    boolean tree = WiqlSplitter.recursive(wiql);
    Keyset at = new Keyset(p, timePrecision);
    Set<Integer> placed = new HashSet<>();
    List<WorkItemLink> links = new ArrayList<>();
    Set<Integer> ids = new LinkedHashSet<>();
    while (true) {
      Page page =
          at.next(
              project,
              WiqlSplitter.linkKeysetPage(wiql, at.keys, at.cursor, at.lastId, at.idDesc, at.asOf));
      List<WorkItemLink> rows = page.links;
      boolean full = rows.size() >= pageSize;
      List<WorkItemLink> kept = full ? rows.subList(0, LinkRows.lastTopLevel(rows)) : rows;
      if (kept.isEmpty() && tree) {
        // The page's first tree alone passes the cap: read it level by level.
        int root = rows.get(0).targetId();
        Keyset k = at;
        TreeExpansion.Runner level = q -> k.level(project, q);
        LinkRows.keepNewTrees(TreeExpansion.rows(wiql, root, at.asOf, level), placed, links, ids);
        at.advance(root, page);
        continue;
      }
      if (kept.isEmpty()) {
        throw tooBig(rows.isEmpty() ? 0 : rows.get(0).targetId());
      }
      if (tree) {
        LinkRows.keepNewTrees(kept, placed, links, ids);
      } else {
        for (WorkItemLink l : kept) {
          links.add(l);
          if (l.sourceId() != 0) {
            ids.add(l.sourceId());
          }
          ids.add(l.targetId());
        }
      }
      if (!full) {
        at.first.links.clear();
        at.first.links.addAll(links);
        return at.first.withIds(new ArrayList<>(ids)).withCalls(at.calls).result(true);
      }
      at.advance(kept.get(LinkRows.lastTopLevel(kept)).targetId(), page);
    }
  }

  // One source's links alone over the cap in a query ordered by other fields than the id (target
  // id ranges would not keep its order). The service keeps at most 1,000 links per work item, so
  // only an emulator store filled directly gets here.
  private static AzdoException tooBig(long id) {
    return new AzdoException(
        AzdoException.Kind.INVALID,
        400,
        "VS402337",
        null,
        "WIQL query: the links of work item "
            + id
            + " alone return more than 20,000 results and cannot be split in the query's order;"
            + " order it by [System.Id] or narrow it");
  }

  /** The WIQL literals of one item's sort values, and whether one is a date. */
  private record Cursor(List<String> values, boolean dates) {}

  private Cursor cursorOf(int id, List<String> fields, String asOf) {
    WorkItem item = lastItem(id, fields, asOf);
    List<String> values = new ArrayList<>();
    boolean dates = false;
    for (String f : fields) {
      JsonNode v = item.field(f);
      values.add(cursorLiteral(f, id, v));
      dates |= v.isTextual() && ISO_DATE.matcher(v.asText()).matches();
    }
    return new Cursor(values, dates);
  }

  private QueryResult byKeyset(String project, Parts p, boolean timePrecision) {
    Keyset at = new Keyset(p, timePrecision);
    List<Integer> all = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (true) {
      Page page =
          at.next(
              project,
              WiqlSplitter.keysetPage(p, at.keys, at.cursor, at.lastId, at.idDesc, at.asOf));
      addNew(page.ids, all, seen);
      if (page.ids.size() < pageSize) {
        return at.first.withIds(all).withCalls(at.calls).result(true);
      }
      at.advance(page.ids.get(page.ids.size() - 1), page);
    }
  }

  /**
   * Where keyset paging stands: the sort keys, the last kept item's sort values and id, the first
   * page (whose asOf every later page reads at) and the calls made.
   */
  private final class Keyset {
    final List<SortKey> keys;
    final boolean idDesc;
    final List<String> fields;
    List<String> cursor;
    int lastId;
    int calls = 1; // the refused query
    String asOf;
    boolean precise;
    Page first;

    Keyset(Parts p, boolean timePrecision) {
      keys = keysBeforeId(p);
      idDesc = idDescending(p);
      fields = keys.stream().map(SortKey::field).toList();
      precise = timePrecision;
    }

    Page next(String project, String query) {
      Page page = call(project, query, pageSize, precise);
      calls++;
      if (first == null) {
        first = page;
        asOf = asOfLiteral(page.asOf);
      }
      return page;
    }

    // One level query of a tree read level by level (no $top: it must return all its rows).
    List<WorkItemLink> level(String project, String query) {
      calls++;
      return call(project, query, 0, precise).links;
    }

    // The next page starts after item `last` of this full page.
    void advance(int last, Page page) {
      if (last == lastId && cursor != null) {
        throw noProgress(last);
      }
      Cursor next = cursorOf(last, fields, page.asOf);
      precise |= next.dates();
      cursor = next.values();
      lastId = last;
    }
  }

  private WorkItem lastItem(int id, List<String> fields, String asOf) {
    List<WorkItem> items =
        WorkItemFetcher.builder(client).fields(fields).asOf(asOf).build().fetchAll(List.of(id));
    if (items.isEmpty()) {
      throw new AzdoException(
          AzdoException.Kind.PROTOCOL,
          200,
          null,
          null,
          "WIQL paging: work item " + id + " of the query could not be read");
    }
    return items.get(0);
  }

  private static String cursorLiteral(String field, int id, JsonNode v) {
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    if (v.isTextual() && !v.asText().isEmpty()) {
      return WiqlSplitter.literal(v.asText());
    }
    throw new AzdoException(
        AzdoException.Kind.INVALID,
        400,
        "VS402337",
        null,
        "WIQL query: more than 20,000 results ordered by ["
            + field
            + "] cannot be paged on work item "
            + id
            + (v.isObject() ? " (an identity field)" : " (no value)")
            + "; order by [System.Id] or [System.ChangedDate], or narrow the query");
  }

  private static String asOfLiteral(String asOf) {
    return asOf == null || asOf.isEmpty() ? null : WiqlSplitter.literal(asOf);
  }

  private static void addNew(List<Integer> ids, List<Integer> all, Set<Integer> seen) {
    for (int id : ids) {
      if (seen.add(id)) {
        all.add(id);
      }
    }
  }

  private static AzdoException noProgress(int after) {
    return new AzdoException(
        AzdoException.Kind.PROTOCOL, 200, null, null, "WIQL paging made no progress past " + after);
  }

  private Page call(String project, String query, int top, boolean timePrecision) {
    String path =
        project == null ? "/_apis/wit/wiql" : "/" + Urls.segment(project) + "/_apis/wit/wiql";
    String url =
        client.api(path)
            + (top > 0 ? "&$top=" + top : "")
            + (timePrecision ? "&timePrecision=true" : "");
    ObjectNode body = Json.MAPPER.createObjectNode().put("query", query);
    // A WIQL query only reads, so repeating it after a dropped connection is safe.
    Response r;
    try {
      r = client.send("POST", url, body, "application/json", true, "WIQL query");
    } catch (AzdoException e) {
      throw e.status() == 400 ? WiqlErrorPosition.annotate(e, query) : e;
    }
    Page page = new Page();
    JsonNode n = readPage(r, page.ids);
    page.queryType = n.path("queryType").asText("flat");
    page.asOf = Json.text(n, "asOf");
    for (JsonNode c : Json.list(n.get("columns"))) {
      page.columns.add(new WiqlColumn(Json.text(c, "referenceName"), Json.text(c, "name")));
    }
    if (n.has("workItemRelations")) {
      Set<Integer> ids = new LinkedHashSet<>();
      for (JsonNode rel : Json.list(n.get("workItemRelations"))) {
        int target = rel.path("target").path("id").asInt();
        int source = rel.path("source").path("id").asInt(0);
        page.links.add(new WorkItemLink(Json.text(rel, "rel"), source, target));
        if (source != 0) {
          ids.add(source);
        }
        ids.add(target);
      }
      if (!n.has("queryType") || page.queryType.equals("flat")) {
        page.queryType = "tree";
      }
      page.ids.addAll(ids);
    }
    return page;
  }

  // Reads a WIQL answer with its work item ids streamed into ids and the rest as a tree: the ids
  // of 20,000 items as a tree were about 3x the time and 20,000 objects of garbage.
  private static JsonNode readPage(Response r, List<Integer> ids) {
    ObjectNode rest = Json.MAPPER.createObjectNode();
    if (r.body().length == 0) {
      return rest;
    }
    try (JsonParser p = Json.MAPPER.createParser(r.body())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ResponseErrors.unreadable(r);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("workItems") && value == JsonToken.START_ARRAY) {
          readIds(p, ids);
        } else {
          rest.set(name, p.readValueAsTree());
        }
      }
      return rest;
    } catch (IOException e) {
      throw ResponseErrors.unreadable(r);
    }
  }

  private static void readIds(JsonParser p, List<Integer> ids) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      ids.add(readReference(p));
    }
  }

  // One {"id":..,"url":..} of workItems. A method of its own so that the JIT compiles it after a
  // few hundred items: a loop that runs once, however long, stays in the interpreter (on-stack
  // replacement waits for tens of thousands of iterations), and 20,000 ids took ~40 ms there.
  private static int readReference(JsonParser p) throws IOException {
    int id = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken v = p.nextToken();
      if (key.equals("id") && v.isScalarValue()) {
        id = p.getValueAsInt();
      } else {
        p.skipChildren();
      }
    }
    return id;
  }

  private static final class Page {
    String queryType;
    String asOf;
    final List<WiqlColumn> columns = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    final List<WorkItemLink> links = new ArrayList<>();
    int calls;

    Page withIds(List<Integer> all) {
      ids = all;
      return this;
    }

    Page withCalls(int n) {
      calls = n;
      return this;
    }

    QueryResult result(boolean split) {
      return new QueryResult(
          queryType,
          List.copyOf(columns),
          List.copyOf(ids),
          List.copyOf(links),
          asOf,
          split,
          calls);
    }
  }
}
