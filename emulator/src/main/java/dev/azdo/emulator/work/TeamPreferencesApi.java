package dev.azdo.emulator.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.classification.ClassificationNode;
import dev.azdo.emulator.classification.Classifications;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import dev.azdo.emulator.work.TeamScope.TeamContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A team's settings (backlog and default iteration, working days, bugs behaviour, backlog
 * visibilities) and its area (team field values): read, and changed by PATCH as the boards clients
 * do (az boards iteration team set-default-iteration, az boards area team add).
 */
final class TeamPreferencesApi {
  /** One area of the team, with or without its sub-areas. */
  record AreaValue(String value, boolean includeChildren) {}

  /** What a team changed; null for what it left at the service's default. */
  record Preferences(
      String backlogIterationId,
      String defaultIterationId,
      String defaultIterationMacro,
      String bugsBehavior,
      List<String> workingDays,
      Map<String, Boolean> backlogVisibilities,
      String defaultArea,
      List<AreaValue> areas) {
    static final Preferences NONE = new Preferences(null, null, null, null, null, null, null, null);
  }

  private static final TableKey<Preferences> TEAM_PREFERENCES =
      new TableKey<>("teamPreferences", Preferences.class);
  private static final List<String> DAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
  private static final List<String> BUGS = List.of("off", "asRequirements", "asTasks");

  private final EmulatorContext ctx;
  private final TeamScope scope;
  private final Table<Preferences> table;

  TeamPreferencesApi(EmulatorContext ctx, TeamScope scope) {
    this.ctx = ctx;
    this.scope = scope;
    this.table = ctx.store().table(TEAM_PREFERENCES);
  }

  private Preferences of(TeamContext tc) {
    Preferences p = table.get(tc.team().id());
    return p == null ? Preferences.NONE : p;
  }

  private Classifications tree() {
    return scope.tree();
  }

  /** GET teamsettings: backlog iteration, working days, bugs behaviour, default iteration. */
  Object settings(ApiRequest req) {
    TeamContext tc = scope.team(req);
    Preferences prefs = of(tc);
    ObjectNode o = Json.object();
    ClassificationNode root = tree().root(tc.project().id(), ClassificationNode.ITERATION);
    ClassificationNode backlog =
        prefs.backlogIterationId() == null
            ? root
            : scope.iteration(tc.project(), prefs.backlogIterationId());
    ObjectNode b = o.putObject("backlogIteration");
    b.put("id", backlog.identifier());
    b.put("name", tree().name(backlog, tc.project()));
    b.put("path", backlog.isRoot() ? "" : tree().fieldPath(backlog, tc.project()));
    b.put("url", scope.teamUrl(req, tc) + "teamsettings/iterations/" + backlog.identifier());
    ObjectNode visible = o.putObject("backlogVisibilities");
    Map<String, Boolean> shown = new LinkedHashMap<>();
    shown.put("Microsoft.EpicCategory", false);
    shown.put("Microsoft.FeatureCategory", true);
    shown.put("Microsoft.RequirementCategory", true);
    if (prefs.backlogVisibilities() != null) {
      shown.putAll(prefs.backlogVisibilities());
    }
    shown.forEach(visible::put);
    o.put("bugsBehavior", prefs.bugsBehavior() == null ? "asRequirements" : prefs.bugsBehavior());
    ArrayNode days = o.putArray("workingDays");
    List<String> working =
        prefs.workingDays() == null
            ? List.of("monday", "tuesday", "wednesday", "thursday", "friday")
            : prefs.workingDays();
    working.forEach(days::add);
    ClassificationNode current = null;
    if (prefs.defaultIterationId() != null) {
      // A fixed default iteration replaces the macro, as on the service.
      current = scope.iteration(tc.project(), prefs.defaultIterationId());
    } else {
      o.put(
          "defaultIterationMacro",
          prefs.defaultIterationMacro() == null
              ? "@currentIteration"
              : prefs.defaultIterationMacro());
      for (ClassificationNode n : scope.teamIterations(tc)) {
        if (scope.timeFrame(n).equals("current")) {
          current = n;
          break;
        }
      }
    }
    if (current != null) {
      ObjectNode d = o.putObject("defaultIteration");
      d.put("id", current.identifier());
      d.put("name", tree().name(current, tc.project()));
      d.put("path", tree().fieldPath(current, tc.project()));
      d.put("url", scope.teamUrl(req, tc) + "teamsettings/iterations/" + current.identifier());
    }
    o.put("url", scope.teamUrl(req, tc) + "teamsettings");
    return o;
  }

  /** PATCH teamsettings (TeamSettingsPatch): only the properties given change. */
  Object updateSettings(ApiRequest req) {
    TeamContext tc = scope.team(req);
    JsonNode body = req.json();
    Preferences old = of(tc);
    String backlog = old.backlogIterationId();
    if (body.hasNonNull("backlogIteration")) {
      backlog = scope.iteration(tc.project(), text(body, "backlogIteration")).identifier();
    }
    String defaultId = old.defaultIterationId();
    String macro = old.defaultIterationMacro();
    if (body.hasNonNull("defaultIteration")) {
      defaultId = scope.iteration(tc.project(), text(body, "defaultIteration")).identifier();
      macro = null;
    }
    if (body.hasNonNull("defaultIterationMacro")) {
      String m = text(body, "defaultIterationMacro");
      if (!m.equalsIgnoreCase("@currentIteration")) {
        throw invalid("defaultIterationMacro", m, "@currentIteration");
      }
      macro = "@currentIteration";
      defaultId = null;
    }
    String bugs = old.bugsBehavior();
    if (body.hasNonNull("bugsBehavior")) {
      bugs = oneOf("bugsBehavior", text(body, "bugsBehavior"), BUGS);
    }
    List<String> days = old.workingDays();
    if (body.has("workingDays")) {
      days = new ArrayList<>();
      for (JsonNode d : body.path("workingDays")) {
        String day = oneOf("workingDays", d.asText(), DAYS);
        if (!days.contains(day)) {
          days.add(day);
        }
      }
      days.sort((a, b) -> DAYS.indexOf(a) - DAYS.indexOf(b));
    }
    Map<String, Boolean> visible =
        old.backlogVisibilities() == null ? null : new LinkedHashMap<>(old.backlogVisibilities());
    if (body.path("backlogVisibilities").isObject()) {
      visible = visible == null ? new LinkedHashMap<>() : visible;
      for (var it = body.path("backlogVisibilities").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        visible.put(e.getKey(), e.getValue().asBoolean());
      }
    }
    Preferences next =
        new Preferences(
            backlog, defaultId, macro, bugs, days, visible, old.defaultArea(), old.areas());
    ctx.store().run(tx -> tx.put(table, tc.team().id(), next));
    return settings(req);
  }

  /** GET teamsettings/teamfieldvalues: the team's areas (the project's root by default). */
  Object fieldValues(ApiRequest req) {
    TeamContext tc = scope.team(req);
    Preferences prefs = of(tc);
    ObjectNode o = Json.object();
    o.putObject("field")
        .put("referenceName", "System.AreaPath")
        .put("url", req.baseUrl() + "_apis/wit/fields/System.AreaPath");
    String project = tc.project().name();
    o.put("defaultValue", prefs.defaultArea() == null ? project : prefs.defaultArea());
    ArrayNode values = o.putArray("values");
    List<AreaValue> areas =
        prefs.areas() == null ? List.of(new AreaValue(project, true)) : prefs.areas();
    for (AreaValue a : areas) {
      values.addObject().put("value", a.value()).put("includeChildren", a.includeChildren());
    }
    o.put("url", scope.teamUrl(req, tc) + "teamsettings/teamfieldvalues");
    return o;
  }

  /** PATCH teamsettings/teamfieldvalues (TeamFieldValuesPatch): replaces the team's areas. */
  Object updateFieldValues(ApiRequest req) {
    TeamContext tc = scope.team(req);
    JsonNode body = req.json();
    List<AreaValue> areas = new ArrayList<>();
    for (JsonNode v : body.path("values")) {
      String path = areaPath(tc, v.path("value").asText(""));
      if (areas.stream().anyMatch(a -> a.value().equalsIgnoreCase(path))) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "The area path '" + path + "' is listed more than once in values.");
      }
      areas.add(new AreaValue(path, v.path("includeChildren").asBoolean(false)));
    }
    if (areas.isEmpty()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "The team field values need at least one value.");
    }
    String wanted = body.path("defaultValue").asText("");
    String defaultArea = wanted.isBlank() ? null : areaPath(tc, wanted);
    if (defaultArea == null
        || areas.stream().noneMatch(a -> a.value().equalsIgnoreCase(defaultArea))) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The default value '" + wanted + "' must be one of the team field values.");
    }
    Preferences old = of(tc);
    Preferences next =
        new Preferences(
            old.backlogIterationId(),
            old.defaultIterationId(),
            old.defaultIterationMacro(),
            old.bugsBehavior(),
            old.workingDays(),
            old.backlogVisibilities(),
            defaultArea,
            List.copyOf(areas));
    ctx.store().run(tx -> tx.put(table, tc.team().id(), next));
    return fieldValues(req);
  }

  // An area path as work item fields hold it ("Demo\\Web"); a leading backslash is dropped, as
  // the az CLI passes paths that way.
  private String areaPath(TeamContext tc, String given) {
    String path = given.trim().replaceFirst("^\\\\+", "");
    tree().root(tc.project().id(), ClassificationNode.AREA); // made on first use
    // Spelled as the tree spells it, whatever case the caller used.
    for (ClassificationNode n : tree().all(tc.project().id(), ClassificationNode.AREA)) {
      String p = tree().fieldPath(n, tc.project());
      if (p.equalsIgnoreCase(path)) {
        return p;
      }
    }
    throw ApiException.badRequest(
        "InvalidArgumentValueException",
        "The area path '" + given + "' does not exist in project " + tc.project().name() + ".");
  }

  private static String text(JsonNode body, String name) {
    return body.path(name).asText("").trim();
  }

  private static String oneOf(String name, String value, List<String> allowed) {
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value.trim())) {
        return a;
      }
    }
    throw invalid(name, value, String.join(", ", allowed));
  }

  private static ApiException invalid(String name, String value, String allowed) {
    return ApiException.badRequest(
        "InvalidArgumentValueException",
        "The value '" + value + "' is not valid for " + name + ". Use one of: " + allowed + ".");
  }
}
