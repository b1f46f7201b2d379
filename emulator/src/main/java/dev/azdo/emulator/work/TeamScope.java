package dev.azdo.emulator.work;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.classification.ClassificationNode;
import dev.azdo.emulator.classification.Classifications;
import dev.azdo.emulator.core.Team;
import dev.azdo.emulator.core.TeamDirectory;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the work area's routes find their team and its sprints: {project}/{team} of the route, the
 * team's iterations, an iteration by its identifier, and their time frames.
 */
final class TeamScope {
  /** A team with its project. */
  record TeamContext(Project project, Team team) {}

  private final EmulatorContext ctx;
  private final TeamSprints sprints;

  TeamScope(EmulatorContext ctx, TeamSprints sprints) {
    this.ctx = ctx;
    this.sprints = sprints;
  }

  /** The route's {project} and {team} (the default team when the route names none). */
  TeamContext team(ApiRequest req) {
    Project p = ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
    String name = req.route("team");
    Team t = ctx.require(TeamDirectory.class).team(p, name);
    if (t == null) {
      throw ApiException.notFound(
          "TeamNotFoundException",
          "The team with id or name '" + name + "' does not exist in project " + p.name() + ".");
    }
    return new TeamContext(p, t);
  }

  /** The classification tree. */
  Classifications tree() {
    return ctx.require(Classifications.class);
  }

  /** The team's iterations: the ones it chose, or every dated iteration of the project. */
  List<ClassificationNode> teamIterations(TeamContext tc) {
    List<Integer> chosen = sprints.iterationIds(tc.team().id());
    List<ClassificationNode> out = new ArrayList<>();
    for (ClassificationNode n : tree().all(tc.project().id(), ClassificationNode.ITERATION)) {
      if (n.isRoot()) {
        continue;
      }
      if (chosen == null ? n.startDate() != null : chosen.contains(n.id())) {
        out.add(n);
      }
    }
    out.sort(
        Comparator.comparing((ClassificationNode n) -> n.startDate() == null ? "~" : n.startDate())
            .thenComparing(ClassificationNode::name, String.CASE_INSENSITIVE_ORDER));
    return out;
  }

  /** An iteration of the project by its identifier (a GUID); 404 VS402899 when unknown. */
  ClassificationNode iteration(Project project, String id) {
    for (ClassificationNode n : tree().all(project.id(), ClassificationNode.ITERATION)) {
      if (n.identifier().equalsIgnoreCase(id)) {
        return n;
      }
    }
    throw ApiException.notFound(
        "IterationNotFoundException", "VS402899: The iteration with id " + id + " does not exist.");
  }

  /** An iteration that is one of the team's sprints; 404 VS402899 otherwise. */
  ClassificationNode teamIteration(TeamContext tc, String id) {
    ClassificationNode n = iteration(tc.project(), id);
    if (!teamIterations(tc).contains(n)) {
      throw ApiException.notFound(
          "IterationNotFoundException",
          "VS402899: The iteration with id " + id + " is not one of the team's iterations.");
    }
    return n;
  }

  /** past, current or future by today's UTC date; an undated iteration is in the future. */
  String timeFrame(ClassificationNode n) {
    if (n.startDate() == null || n.finishDate() == null) {
      return "future";
    }
    LocalDate today = LocalDate.now(ctx.clock().withZone(ZoneOffset.UTC));
    LocalDate start = day(n.startDate());
    LocalDate finish = day(n.finishDate());
    return today.isBefore(start) ? "future" : today.isAfter(finish) ? "past" : "current";
  }

  /** The UTC day of an ISO instant. */
  static LocalDate day(String isoInstant) {
    return LocalDate.ofInstant(Instant.parse(isoInstant), ZoneOffset.UTC);
  }

  /** The team's work URL: {org}/{projectId}/{teamId}/_apis/work/. */
  String teamUrl(ApiRequest req, TeamContext tc) {
    return req.baseUrl() + tc.project().id() + "/" + tc.team().id() + "/_apis/work/";
  }
}
