package dev.azdo.emulator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.wit.WorkItemStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Work item search (almsearch.dev.azure.com on the service): POST
 * [{project}/]_apis/search/workitemsearchresults matches every word of the search text against
 * title, description, tags and comments, with the service's filters, paging, ordering, facets and
 * highlighted hits.
 */
public final class SearchModule implements EmulatorModule {

  // The fields a result carries (lower-cased keys, string values, as the service answers).
  private static final List<String> RESULT_FIELDS =
      List.of(
          "System.Id",
          "System.WorkItemType",
          "System.Title",
          "System.AssignedTo",
          "System.State",
          "System.Tags",
          "System.Rev",
          "System.CreatedDate",
          "System.ChangedDate");

  // The filters the service accepts, which are also the facets it counts.
  private static final List<String> FACETS =
      List.of("System.TeamProject", "System.WorkItemType", "System.State", "System.AssignedTo");

  // The service answers at most 1000 results per request.
  private static final int MAX_TOP = 1000;

  private EmulatorContext ctx;

  @Override
  public void register(EmulatorContext ctx) {
    this.ctx = ctx;
    ctx.router().area(ResourceArea.SEARCH);
    ctx.router()
        .route(
            ResourceArea.SEARCH,
            "workItemSearchResults",
            "73b2c9e2-ff9e-4447-8cda-5f5b21ff7cae",
            "{project}/_apis/{area}/{resource}")
        .versions("4.1", "7.2", "0.0", 1)
        .post(this::search);
  }

  private Object search(ApiRequest req) {
    JsonNode body = req.json();
    String text = body.path("searchText").asText("").trim();
    if (text.isEmpty()) {
      throw ApiException.badRequest(
          "InvalidRequestException", "The search text cannot be null or empty.");
    }
    int skip = body.path("$skip").asInt(0);
    int top = body.path("$top").asInt(100);
    if (skip < 0 || top < 0) {
      throw ApiException.badRequest(
          "InvalidRequestException", "$skip and $top must not be negative.");
    }
    ProjectDirectory projects = ctx.require(ProjectDirectory.class);
    String projectRoute = req.route("project");
    Project only =
        projectRoute == null || projectRoute.isEmpty() ? null : projects.find(projectRoute);
    Map<String, List<String>> filters = filters(body.path("filters"));
    List<String> terms = SearchText.terms(text);
    WorkItemStore store = ctx.require(WorkItemStore.class);
    List<Match> matches = new ArrayList<>();
    for (WorkItem w : store.all()) {
      if (only != null && !only.id().equals(w.projectId())) {
        continue;
      }
      Project p = projects.findOrNull(w.projectId());
      if (p == null || !passes(w, filters)) {
        continue;
      }
      Match m = match(w, p, terms, store);
      if (m != null) {
        matches.add(m);
      }
    }
    matches.sort(order(body.path("$orderBy")));
    ObjectNode n = Json.object();
    n.put("count", matches.size());
    ArrayNode results = n.putArray("results");
    int end = (int) Math.min(matches.size(), (long) skip + Math.min(top, MAX_TOP));
    for (int i = skip; i < end; i++) {
      results.add(render(matches.get(i), req.baseUrl()));
    }
    n.put("infoCode", top > MAX_TOP ? 8 : 0);
    if (body.path("includeFacets").asBoolean(false)) {
      n.set("facets", facets(matches, filters));
    }
    return n;
  }

  private static Map<String, List<String>> filters(JsonNode node) {
    Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                if (e.getValue().isTextual()) {
                  values.add(e.getValue().asText());
                }
                out.put(e.getKey(), values);
              });
    }
    return out;
  }

  private static boolean passes(WorkItem w, Map<String, List<String>> filters) {
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      if (f.getValue().isEmpty()) {
        continue;
      }
      String value = str(w.fields().get(canonical(f.getKey())));
      boolean area = f.getKey().equalsIgnoreCase("System.AreaPath");
      boolean any = false;
      for (String wanted : f.getValue()) {
        any |=
            area
                ? value.equalsIgnoreCase(wanted)
                    || value
                        .toLowerCase(Locale.ROOT)
                        .startsWith(wanted.toLowerCase(Locale.ROOT) + "\\")
                : value.equalsIgnoreCase(wanted) || displayName(value).equalsIgnoreCase(wanted);
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static String canonical(String field) {
    for (String f :
        List.of(
            "System.TeamProject",
            "System.AreaPath",
            "System.WorkItemType",
            "System.State",
            "System.AssignedTo")) {
      if (f.equalsIgnoreCase(field)) {
        return f;
      }
    }
    return field;
  }

  private static Match match(WorkItem w, Project p, List<String> terms, WorkItemStore store) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("system.title", str(w.fields().get("System.Title")));
    texts.put("system.description", SearchText.plain(str(w.fields().get("System.Description"))));
    texts.put("system.tags", str(w.fields().get("System.Tags")));
    List<String> comments = new ArrayList<>();
    for (String c : store.commentTexts(w.id())) {
      comments.add(SearchText.plain(c));
    }
    texts.put("comments", String.join(" ", comments));
    Map<String, String> hits = new LinkedHashMap<>();
    int score = 0;
    for (String term : terms) {
      boolean found = false;
      for (Map.Entry<String, String> e : texts.entrySet()) {
        int count = SearchText.count(e.getValue(), term);
        if (count > 0) {
          found = true;
          // A title hit ranks above a hit in the body, as the service's relevance does.
          score += count * (e.getKey().equals("system.title") ? 3 : 1);
        }
      }
      if (!found) {
        return null;
      }
    }
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String highlighted = SearchText.highlight(e.getValue(), terms);
      if (highlighted != null) {
        hits.put(e.getKey(), highlighted);
      }
    }
    return new Match(w, p, score, hits);
  }

  private static Comparator<Match> order(JsonNode orderBy) {
    Comparator<Match> relevance =
        Comparator.comparingInt(Match::score)
            .reversed()
            .thenComparing(
                m -> str(m.item().fields().get("System.ChangedDate")), Comparator.reverseOrder());
    if (!orderBy.isArray() || orderBy.isEmpty()) {
      return relevance;
    }
    Comparator<Match> out = null;
    for (JsonNode o : orderBy) {
      String field = o.path("field").asText("");
      boolean desc = o.path("sortOrder").asText("ASC").equalsIgnoreCase("DESC");
      Comparator<Match> c =
          field.equalsIgnoreCase("system.id")
              ? Comparator.comparingInt(m -> m.item().id())
              : Comparator.comparing(m -> fieldValue(m.item(), field).toLowerCase(Locale.ROOT));
      c = desc ? c.reversed() : c;
      out = out == null ? c : out.thenComparing(c);
    }
    return out.thenComparing(relevance);
  }

  private static String fieldValue(WorkItem w, String field) {
    for (Map.Entry<String, Object> e : w.fields().entrySet()) {
      if (e.getKey().equalsIgnoreCase(field)) {
        return str(e.getValue());
      }
    }
    return "";
  }

  private static ObjectNode render(Match m, String baseUrl) {
    ObjectNode n = Json.object();
    n.putObject("project").put("name", m.project().name()).put("id", m.project().id());
    ObjectNode fields = n.putObject("fields");
    for (String f : RESULT_FIELDS) {
      Object v = m.item().fields().get(f);
      if (v != null) {
        fields.put(f.toLowerCase(Locale.ROOT), String.valueOf(v));
      }
    }
    ArrayNode hits = n.putArray("hits");
    m.hits()
        .forEach(
            (field, snippet) ->
                hits.addObject()
                    .put("fieldReferenceName", field)
                    .putArray("highlights")
                    .add(snippet));
    n.put("url", baseUrl + "_apis/wit/workItems/" + m.item().id());
    return n;
  }

  private static ObjectNode facets(List<Match> matches, Map<String, List<String>> filters) {
    ObjectNode out = Json.object();
    for (String facet : FACETS) {
      Map<String, Integer> counts = new TreeMap<>();
      for (String wanted : filters.getOrDefault(facet, List.of())) {
        counts.put(wanted, 0);
      }
      for (Match m : matches) {
        String v = str(m.item().fields().get(facet));
        if (!v.isEmpty()) {
          counts.merge(v, 1, Integer::sum);
        }
      }
      ArrayNode list = out.putArray(facet);
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(
              e ->
                  list.addObject()
                      .put("name", e.getKey())
                      .put("id", e.getKey())
                      .put("resultCount", e.getValue()));
    }
    return out;
  }

  private static String displayName(String combined) {
    int lt = combined.lastIndexOf('<');
    return lt > 0 ? combined.substring(0, lt).trim() : combined;
  }

  private static String str(Object v) {
    return v == null ? "" : String.valueOf(v);
  }

  private record Match(WorkItem item, Project project, int score, Map<String, String> hits) {}
}
