package dev.azdo.emulator.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.classification.ClassificationNode;
import dev.azdo.emulator.classification.Classifications;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.process.ProcessTemplates;
import dev.azdo.emulator.process.TemplateCatalog;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.wit.WitTables;
import dev.azdo.emulator.work.TeamScope.TeamContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Team iterations, backlogs and sprint work items (settings and areas: TeamPreferencesApi). */
final class TeamSettingsApi {
  // The service's backlog levels by category, with their rank and type (portfolio or not).
  private static final Map<String, Object[]> LEVELS =
      Map.of(
          "Microsoft.EpicCategory", new Object[] {"Epics", 4, "portfolio"},
          "Microsoft.FeatureCategory", new Object[] {"Features", 3, "portfolio"},
          "Microsoft.RequirementCategory", new Object[] {"Stories", 2, "requirement"},
          "Microsoft.TaskCategory", new Object[] {"Tasks", 1, "task"});

  private final EmulatorContext ctx;
  private final TeamSprints sprints;
  private final TeamScope scope;
  private final Table<WorkItem> items;

  TeamSettingsApi(EmulatorContext ctx, TeamSprints sprints, TeamScope scope) {
    this.ctx = ctx;
    this.sprints = sprints;
    this.scope = scope;
    this.items = ctx.store().table(WitTables.WORK_ITEMS);
  }

  private TeamContext team(ApiRequest req) {
    return scope.team(req);
  }

  private Classifications tree() {
    return scope.tree();
  }

  private List<ClassificationNode> teamIterations(TeamContext tc) {
    return scope.teamIterations(tc);
  }

  private String timeFrame(ClassificationNode n) {
    return scope.timeFrame(n);
  }

  private String teamUrl(ApiRequest req, TeamContext tc) {
    return scope.teamUrl(req, tc);
  }

  private ClassificationNode byIdentifier(TeamContext tc, String id) {
    return scope.iteration(tc.project(), id);
  }

  private ObjectNode iterationJson(ApiRequest req, TeamContext tc, ClassificationNode n) {
    ObjectNode o = Json.object();
    o.put("id", n.identifier());
    o.put("name", tree().name(n, tc.project()));
    o.put("path", tree().fieldPath(n, tc.project()));
    ObjectNode a = o.putObject("attributes");
    if (n.startDate() != null) {
      a.put("startDate", Json.date(Instant.parse(n.startDate())));
    }
    if (n.finishDate() != null) {
      a.put("finishDate", Json.date(Instant.parse(n.finishDate())));
    }
    a.put("timeFrame", timeFrame(n));
    o.put("url", teamUrl(req, tc) + "teamsettings/iterations/" + n.identifier());
    return o;
  }

  /** GET teamsettings/iterations[/{id}] with $timeframe=current|past|future. */
  Object iterations(ApiRequest req) {
    TeamContext tc = team(req);
    String id = req.route("id");
    if (id != null && !id.isEmpty()) {
      return iterationJson(req, tc, scope.teamIteration(tc, id));
    }
    String timeframe = req.query("$timeframe");
    List<JsonNode> out = new ArrayList<>();
    for (ClassificationNode n : teamIterations(tc)) {
      if (timeframe == null || timeframe.isBlank() || timeFrame(n).equalsIgnoreCase(timeframe)) {
        out.add(iterationJson(req, tc, n));
      }
    }
    return Json.list(out);
  }

  /** POST teamsettings/iterations {"id": "..."}: the team takes the iteration as a sprint. */
  Object addIteration(ApiRequest req) {
    TeamContext tc = team(req);
    String id = req.json().path("id").asText("");
    ClassificationNode n = byIdentifier(tc, id);
    List<Integer> now = new ArrayList<>();
    for (ClassificationNode c : teamIterations(tc)) {
      now.add(c.id());
    }
    if (!now.contains(n.id())) {
      now.add(n.id());
    }
    ctx.store()
        .run(
            tx ->
                tx.put(
                    sprints.table,
                    tc.team().id(),
                    new TeamSprints.Chosen(tc.team().id(), List.copyOf(now))));
    return iterationJson(req, tc, n);
  }

  /** DELETE teamsettings/iterations/{id}: the team drops the sprint (the node stays). */
  Object removeIteration(ApiRequest req) {
    TeamContext tc = team(req);
    ClassificationNode n = byIdentifier(tc, req.requireRoute("id"));
    List<Integer> now = new ArrayList<>();
    for (ClassificationNode c : teamIterations(tc)) {
      if (c.id() != n.id()) {
        now.add(c.id());
      }
    }
    ctx.store()
        .run(
            tx ->
                tx.put(
                    sprints.table,
                    tc.team().id(),
                    new TeamSprints.Chosen(tc.team().id(), List.copyOf(now))));
    return ApiResponse.empty(204);
  }

  private List<ProcessTemplates.Category> levels(Project p) {
    List<ProcessTemplates.Category> out = new ArrayList<>();
    for (ProcessTemplates.Category c :
        ctx.require(TemplateCatalog.class).categories(p.processId())) {
      if (LEVELS.containsKey(c.referenceName())) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparingInt(c -> -(int) LEVELS.get(c.referenceName())[1]));
    return out;
  }

  private ObjectNode levelJson(ApiRequest req, TeamContext tc, ProcessTemplates.Category c) {
    Object[] level = LEVELS.get(c.referenceName());
    ObjectNode o = Json.object();
    o.put("id", c.referenceName());
    o.put("name", c.name() == null ? (String) level[0] : c.name());
    o.put("rank", (int) level[1]);
    o.put("type", (String) level[2]);
    o.put("isHidden", c.referenceName().equals("Microsoft.EpicCategory"));
    o.put("workItemCountLimit", 1000);
    ArrayNode types = o.putArray("workItemTypes");
    for (String t : c.types()) {
      types
          .addObject()
          .put("name", t)
          .put(
              "url",
              req.baseUrl()
                  + tc.project().id()
                  + "/_apis/wit/workItemTypes/"
                  + t.replace(" ", "%20"));
    }
    if (!c.types().isEmpty()) {
      o.putObject("defaultWorkItemType").put("name", c.types().get(0));
    }
    return o;
  }

  /** GET backlogs[/{id}]: the backlog levels of the project's process. */
  Object backlogs(ApiRequest req) {
    TeamContext tc = team(req);
    String id = req.route("id");
    List<JsonNode> out = new ArrayList<>();
    for (ProcessTemplates.Category c : levels(tc.project())) {
      if (id != null && !id.isEmpty()) {
        if (c.referenceName().equalsIgnoreCase(id)) {
          return levelJson(req, tc, c);
        }
        continue;
      }
      out.add(levelJson(req, tc, c));
    }
    if (id != null && !id.isEmpty()) {
      throw ApiException.notFound(
          "BacklogLevelNotFoundException", "The backlog level " + id + " does not exist.");
    }
    return Json.list(out);
  }

  private static String field(WorkItem w, String ref) {
    Object v = w.fields() == null ? null : w.fields().get(ref);
    return v == null ? null : v.toString();
  }

  private List<WorkItem> projectItems(TeamContext tc) {
    List<WorkItem> out =
        items.where(
            w ->
                !w.deleted()
                    && tc.project().name().equalsIgnoreCase(field(w, "System.TeamProject")));
    out.sort(Comparator.comparingInt(WorkItem::id));
    return out;
  }

  private static ObjectNode ref(ApiRequest req, int id) {
    return Json.object().put("id", id).put("url", req.baseUrl() + "_apis/wit/workItems/" + id);
  }

  /** GET backlogs/{backlogId}/workItems: the level's open items in the team's area. */
  Object backlogWorkItems(ApiRequest req) {
    TeamContext tc = team(req);
    String id = req.requireRoute("backlogId");
    ProcessTemplates.Category level = null;
    for (ProcessTemplates.Category c : levels(tc.project())) {
      if (c.referenceName().equalsIgnoreCase(id)) {
        level = c;
      }
    }
    if (level == null) {
      throw ApiException.notFound(
          "BacklogLevelNotFoundException", "The backlog level " + id + " does not exist.");
    }
    Set<String> types = new HashSet<>();
    level.types().forEach(t -> types.add(t.toLowerCase(Locale.ROOT)));
    ArrayNode out = Json.array();
    for (WorkItem w : projectItems(tc)) {
      String type = field(w, "System.WorkItemType");
      String state = field(w, "System.State");
      if (type != null
          && types.contains(type.toLowerCase(Locale.ROOT))
          && !"Closed".equals(state)
          && !"Done".equals(state)
          && !"Removed".equals(state)) {
        out.addObject().set("target", ref(req, w.id()));
      }
    }
    ObjectNode o = Json.object();
    o.set("workItems", out);
    return o;
  }

  /** GET teamsettings/iterations/{iterationId}/workitems: the sprint's items and their links. */
  Object iterationWorkItems(ApiRequest req) {
    TeamContext tc = team(req);
    ClassificationNode n = byIdentifier(tc, req.requireRoute("iterationId"));
    String path = tree().fieldPath(n, tc.project());
    Set<Integer> in = new HashSet<>();
    List<WorkItem> sprint = new ArrayList<>();
    for (WorkItem w : projectItems(tc)) {
      if (path.equalsIgnoreCase(field(w, "System.IterationPath"))) {
        sprint.add(w);
        in.add(w.id());
      }
    }
    ArrayNode rels = Json.array();
    for (WorkItem w : sprint) {
      String parent = field(w, "System.Parent");
      Integer p = parent == null ? null : Integer.valueOf(parent.replace(".0", ""));
      ObjectNode link = rels.addObject();
      if (p != null && in.contains(p)) {
        link.put("rel", "System.LinkTypes.Hierarchy-Forward");
        link.set("source", ref(req, p));
      } else {
        link.putNull("rel");
        link.putNull("source");
      }
      link.set("target", ref(req, w.id()));
    }
    ObjectNode o = Json.object();
    o.set("workItemRelations", rels);
    o.put("url", teamUrl(req, tc) + "teamsettings/iterations/" + n.identifier() + "/workitems");
    return o;
  }
}
