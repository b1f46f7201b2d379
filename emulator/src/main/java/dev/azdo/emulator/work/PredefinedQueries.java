package dev.azdo.emulator.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.wit.WorkItemStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The work area's predefined queries (work/predefinedqueries): "assignedtome" and "myactivity",
 * each with the caller's work items, newest change first, as the "my work items" views read them.
 */
final class PredefinedQueries {
  private static final Map<String, String> NAMES =
      Map.of("assignedtome", "Assigned to me", "myactivity", "My activity");

  // The fields the service lists for each result.
  private static final List<String> FIELDS =
      List.of(
          "System.Id",
          "System.WorkItemType",
          "System.Title",
          "System.State",
          "System.AssignedTo",
          "System.ChangedDate",
          "System.TeamProject");

  // States of the Completed and Removed categories, which includeCompleted=false leaves out.
  private static final Set<String> COMPLETED = Set.of("Closed", "Done", "Removed", "Completed");

  private final EmulatorContext ctx;

  PredefinedQueries(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  /** GET predefinedqueries[/{id}]: the two queries, or one with its results. */
  Object get(ApiRequest req) {
    Project p = ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
    String id = req.route("id");
    if (id == null || id.isEmpty()) {
      List<JsonNode> out = new ArrayList<>();
      for (String q : List.of("assignedtome", "myactivity")) {
        out.add(query(p, q, req, false));
      }
      return Json.list(out);
    }
    String key = id.toLowerCase(java.util.Locale.ROOT);
    if (!NAMES.containsKey(key)) {
      throw ApiException.notFound(
          "PredefinedQueryNotFoundException", "The predefined query '" + id + "' does not exist.");
    }
    return query(p, key, req, true);
  }

  private ObjectNode query(Project p, String id, ApiRequest req, boolean withResults) {
    ObjectNode n = Json.object();
    n.put("id", id);
    n.put("name", NAMES.get(id));
    if (withResults) {
      int top = Math.max(1, Math.min(req.queryInt("$top", 100), 200));
      boolean completed = req.queryBool("includeCompleted");
      List<WorkItem> mine = new ArrayList<>();
      for (WorkItem w : ctx.require(WorkItemStore.class).all()) {
        if (p.id().equals(w.projectId())
            && mine(w, id, req.caller())
            && (completed || !COMPLETED.contains(String.valueOf(w.fields().get("System.State"))))) {
          mine.add(w);
        }
      }
      mine.sort(
          Comparator.comparing((WorkItem w) -> String.valueOf(w.fields().get("System.ChangedDate")))
              .reversed());
      ArrayNode results = n.putArray("results");
      for (WorkItem w : mine.subList(0, Math.min(top, mine.size()))) {
        results.add(item(w, req.baseUrl()));
      }
      n.put("hasMore", mine.size() > top);
    }
    n.put("url", req.baseUrl() + p.id() + "/_apis/work/predefinedQueries/" + id);
    n.put("webUrl", req.baseUrl() + p.name().replace(" ", "%20") + "/_workitems/" + id);
    return n;
  }

  private static boolean mine(WorkItem w, String query, Identity me) {
    String combined = me.combinedName();
    if (query.equals("assignedtome")) {
      return combined.equals(w.fields().get("System.AssignedTo"));
    }
    return combined.equals(w.fields().get("System.ChangedBy"))
        || combined.equals(w.fields().get("System.CreatedBy"));
  }

  private ObjectNode item(WorkItem w, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("id", w.id());
    n.put("rev", w.rev());
    ObjectNode f = n.putObject("fields");
    for (String ref : FIELDS) {
      Object v = w.fields().get(ref);
      if (v == null) {
        continue;
      }
      Identity who =
          ref.equals("System.AssignedTo") ? ctx.directory().resolve(String.valueOf(v)) : null;
      f.set(ref, who != null ? who.identityRef(baseUrl) : Json.tree(v));
    }
    n.put("url", baseUrl + "_apis/wit/workItems/" + w.id());
    return n;
  }
}
