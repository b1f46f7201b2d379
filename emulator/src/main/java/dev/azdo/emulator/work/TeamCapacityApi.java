package dev.azdo.emulator.work;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.classification.ClassificationNode;
import dev.azdo.emulator.core.Team;
import dev.azdo.emulator.core.TeamDirectory;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import dev.azdo.emulator.work.TeamScope.TeamContext;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sprint capacity: each team member's activities (hours per day) and days off in an iteration, the
 * team's days off, and the totals of every team in an iteration, as Microsoft's MCP server's
 * capacity tools read and write them through azure-devops-node-api's WorkApi.
 */
final class TeamCapacityApi {
  /** An activity and the hours a day a member gives it. */
  record Activity(double capacityPerDay, String name) {}

  /** A day-off range, both ends ISO instants at midnight UTC. */
  record DayOff(String start, String end) {}

  /** A member's capacity in one sprint (table "teamCapacities", key team:iteration:member). */
  record MemberCapacity(
      String teamId,
      String iterationId,
      String memberId,
      List<Activity> activities,
      List<DayOff> daysOff) {}

  /** The whole team's days off in one sprint (table "teamDaysOff", key team:iteration). */
  record TeamDaysOff(String teamId, String iterationId, List<DayOff> daysOff) {}

  // Team settings' working days (TeamSettingsApi answers Monday to Friday).
  private static final List<DayOfWeek> WORKING_DAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  private static final TableKey<MemberCapacity> CAPACITIES =
      new TableKey<>("teamCapacities", MemberCapacity.class);
  private static final TableKey<TeamDaysOff> TEAM_DAYS_OFF =
      new TableKey<>("teamDaysOff", TeamDaysOff.class);

  private final EmulatorContext ctx;
  private final TeamScope scope;
  private final Table<MemberCapacity> capacities;
  private final Table<TeamDaysOff> teamDaysOff;

  TeamCapacityApi(EmulatorContext ctx, TeamScope scope) {
    this.ctx = ctx;
    this.scope = scope;
    this.capacities = ctx.store().table(CAPACITIES);
    this.teamDaysOff = ctx.store().table(TEAM_DAYS_OFF);
  }

  /** GET teamsettings/iterations/{iterationId}/capacities[/{teamMemberId}]. */
  Object capacities(ApiRequest req) {
    TeamContext tc = scope.team(req);
    ClassificationNode sprint = scope.teamIteration(tc, req.requireRoute("iterationId"));
    String memberId = req.route("teamMemberId");
    if (memberId != null && !memberId.isEmpty()) {
      return memberJson(req, tc, sprint, member(tc, memberId));
    }
    ArrayNode members = Json.array();
    double perDay = 0;
    int daysOff = 0;
    for (Identity who : members(tc.team())) {
      MemberCapacity c = capacity(tc.team(), sprint, who.id());
      members.add(memberJson(req, tc, sprint, who));
      perDay += perDay(c);
      daysOff += daysOff(sprint, c, tc.team());
    }
    ObjectNode o = Json.object();
    o.set("teamMembers", members);
    o.put("totalCapacityPerDay", perDay);
    o.put("totalDaysOff", daysOff);
    return o;
  }

  /** PATCH capacities/{teamMemberId} {activities?, daysOff?}: replaces what the patch names. */
  Object updateCapacity(ApiRequest req) {
    TeamContext tc = scope.team(req);
    ClassificationNode sprint = scope.teamIteration(tc, req.requireRoute("iterationId"));
    Identity who = member(tc, req.requireRoute("teamMemberId"));
    JsonNode body = req.json();
    MemberCapacity now = capacity(tc.team(), sprint, who.id());
    MemberCapacity next =
        new MemberCapacity(
            tc.team().id(),
            sprint.identifier(),
            who.id(),
            body.has("activities") ? activities(body.path("activities")) : now.activities(),
            body.has("daysOff") ? daysOff(body.path("daysOff")) : now.daysOff());
    ctx.store().run(tx -> tx.put(capacities, key(tc.team(), sprint, who.id()), next));
    return memberJson(req, tc, sprint, who);
  }

  /** PUT capacities [{teamMember: {id}, activities, daysOff}]: replaces every listed member's. */
  Object replaceCapacities(ApiRequest req) {
    TeamContext tc = scope.team(req);
    ClassificationNode sprint = scope.teamIteration(tc, req.requireRoute("iterationId"));
    JsonNode body = req.json();
    if (!body.isArray()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "The capacities must be a JSON array.");
    }
    List<MemberCapacity> next = new ArrayList<>();
    for (JsonNode m : body) {
      Identity who = member(tc, m.path("teamMember").path("id").asText(""));
      next.add(
          new MemberCapacity(
              tc.team().id(),
              sprint.identifier(),
              who.id(),
              activities(m.path("activities")),
              daysOff(m.path("daysOff"))));
    }
    ctx.store()
        .run(tx -> next.forEach(c -> tx.put(capacities, key(tc.team(), sprint, c.memberId()), c)));
    List<JsonNode> out = new ArrayList<>();
    for (MemberCapacity c : next) {
      out.add(memberJson(req, tc, sprint, ctx.directory().byId(c.memberId())));
    }
    return Json.list(out);
  }

  /** GET teamsettings/iterations/{iterationId}/teamdaysoff. */
  Object daysOff(ApiRequest req) {
    TeamContext tc = scope.team(req);
    ClassificationNode sprint = scope.teamIteration(tc, req.requireRoute("iterationId"));
    return teamDaysOffJson(req, tc, sprint);
  }

  /** PATCH teamsettings/iterations/{iterationId}/teamdaysoff {daysOff}. */
  Object updateDaysOff(ApiRequest req) {
    TeamContext tc = scope.team(req);
    ClassificationNode sprint = scope.teamIteration(tc, req.requireRoute("iterationId"));
    List<DayOff> days = daysOff(req.json().path("daysOff"));
    TeamDaysOff next = new TeamDaysOff(tc.team().id(), sprint.identifier(), days);
    ctx.store().run(tx -> tx.put(teamDaysOff, tc.team().id() + ":" + sprint.identifier(), next));
    return teamDaysOffJson(req, tc, sprint);
  }

  /** GET {project}/_apis/work/iterations/{iterationId}/iterationcapacities: every team's sum. */
  Object iterationCapacities(ApiRequest req) {
    Project p = ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
    ClassificationNode sprint = scope.iteration(p, req.requireRoute("iterationId"));
    ArrayNode teams = Json.array();
    double perDay = 0;
    int daysOff = 0;
    for (Team t : ctx.require(TeamDirectory.class).teams(p)) {
      if (!scope.teamIterations(new TeamContext(p, t)).contains(sprint)) {
        continue;
      }
      double teamPerDay = 0;
      int teamDays = 0;
      for (Identity who : members(t)) {
        MemberCapacity c = capacity(t, sprint, who.id());
        teamPerDay += perDay(c);
        teamDays += daysOff(sprint, c, t);
      }
      teams
          .addObject()
          .put("teamId", t.id())
          .put("teamCapacityPerDay", teamPerDay)
          .put("teamTotalDaysOff", teamDays);
      perDay += teamPerDay;
      daysOff += teamDays;
    }
    ObjectNode o = Json.object();
    o.set("teams", teams);
    o.put("totalIterationCapacityPerDay", perDay);
    o.put("totalIterationDaysOff", daysOff);
    return o;
  }

  private List<Identity> members(Team t) {
    List<Identity> out = new ArrayList<>();
    for (String id : t.memberIds()) {
      Identity who = ctx.directory().byId(id);
      if (who != null) {
        out.add(who);
      }
    }
    return out;
  }

  private Identity member(TeamContext tc, String id) {
    if (tc.team().memberIds().stream().anyMatch(m -> m.equalsIgnoreCase(id))) {
      Identity who = ctx.directory().byId(id);
      if (who != null) {
        return who;
      }
    }
    throw ApiException.notFound(
        "TeamMemberNotFoundException",
        "The identity " + id + " is not a member of the team " + tc.team().name() + ".");
  }

  private static String key(Team t, ClassificationNode sprint, String memberId) {
    return t.id() + ":" + sprint.identifier() + ":" + memberId.toLowerCase(java.util.Locale.ROOT);
  }

  // A member with nothing set has one unnamed activity of 0 hours, as the service answers.
  private MemberCapacity capacity(Team t, ClassificationNode sprint, String memberId) {
    MemberCapacity c = capacities.get(key(t, sprint, memberId));
    return c != null
        ? c
        : new MemberCapacity(
            t.id(), sprint.identifier(), memberId, List.of(new Activity(0, null)), List.of());
  }

  private static double perDay(MemberCapacity c) {
    return c.activities().stream().mapToDouble(Activity::capacityPerDay).sum();
  }

  // Working days of the sprint the member is away, their own days off or the team's.
  private int daysOff(ClassificationNode sprint, MemberCapacity c, Team t) {
    if (sprint.startDate() == null || sprint.finishDate() == null) {
      return 0;
    }
    List<DayOff> all = new ArrayList<>(c.daysOff());
    TeamDaysOff team = teamDaysOff.get(t.id() + ":" + sprint.identifier());
    if (team != null) {
      all.addAll(team.daysOff());
    }
    int n = 0;
    LocalDate finish = TeamScope.day(sprint.finishDate());
    for (LocalDate d = TeamScope.day(sprint.startDate()); !d.isAfter(finish); d = d.plusDays(1)) {
      LocalDate day = d;
      if (WORKING_DAYS.contains(d.getDayOfWeek())
          && all.stream()
              .anyMatch(
                  o ->
                      !day.isBefore(TeamScope.day(o.start()))
                          && !day.isAfter(TeamScope.day(o.end())))) {
        n++;
      }
    }
    return n;
  }

  private ObjectNode memberJson(
      ApiRequest req, TeamContext tc, ClassificationNode sprint, Identity who) {
    MemberCapacity c = capacity(tc.team(), sprint, who.id());
    ObjectNode o = Json.object();
    o.set("teamMember", who.identityRef(req.baseUrl()));
    ArrayNode acts = o.putArray("activities");
    for (Activity a : c.activities()) {
      acts.addObject().put("capacityPerDay", a.capacityPerDay()).put("name", a.name());
    }
    o.set("daysOff", daysJson(c.daysOff()));
    o.put(
        "url",
        scope.teamUrl(req, tc)
            + "teamsettings/iterations/"
            + sprint.identifier()
            + "/capacities/"
            + who.id());
    return o;
  }

  private ObjectNode teamDaysOffJson(ApiRequest req, TeamContext tc, ClassificationNode sprint) {
    TeamDaysOff t = teamDaysOff.get(tc.team().id() + ":" + sprint.identifier());
    ObjectNode o = Json.object();
    o.set("daysOff", daysJson(t == null ? List.of() : t.daysOff()));
    o.put(
        "url",
        scope.teamUrl(req, tc) + "teamsettings/iterations/" + sprint.identifier() + "/teamdaysoff");
    return o;
  }

  private static ArrayNode daysJson(List<DayOff> days) {
    ArrayNode out = Json.array();
    days.forEach(d -> out.addObject().put("start", d.start()).put("end", d.end()));
    return out;
  }

  private static List<Activity> activities(JsonNode list) {
    if (!list.isArray()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "activities must be a JSON array.");
    }
    List<Activity> out = new ArrayList<>();
    for (JsonNode a : list) {
      JsonNode perDay = a.path("capacityPerDay");
      if (!perDay.isMissingNode() && (!perDay.isNumber() || perDay.asDouble() < 0)) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "capacityPerDay must be a number of hours of at least 0, got " + perDay + ".");
      }
      out.add(
          new Activity(
              perDay.asDouble(0), a.path("name").isTextual() ? a.path("name").asText() : null));
    }
    return out;
  }

  private static List<DayOff> daysOff(JsonNode list) {
    if (!list.isArray()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "daysOff must be a JSON array.");
    }
    List<DayOff> out = new ArrayList<>();
    for (JsonNode d : list) {
      LocalDate start = date(d.path("start"), "start");
      LocalDate end = date(d.path("end"), "end");
      if (end.isBefore(start)) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "A day off ends (" + end + ") before it starts (" + start + ").");
      }
      out.add(new DayOff(midnight(start), midnight(end)));
    }
    return out;
  }

  private static LocalDate date(JsonNode n, String what) {
    String text = n.asText("");
    try {
      return text.length() == 10
          ? LocalDate.parse(text)
          : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "A day off's " + what + " must be an ISO date, got '" + text + "'.");
    }
  }

  // The service answers days off without fractions of a second: 2026-12-14T00:00:00Z.
  private static String midnight(LocalDate d) {
    return d.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
  }
}
