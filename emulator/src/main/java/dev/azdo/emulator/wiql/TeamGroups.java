package dev.azdo.emulator.wiql;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.classification.ClassificationNode;
import dev.azdo.emulator.classification.Classifications;
import dev.azdo.emulator.core.Team;
import dev.azdo.emulator.core.TeamDirectory;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.TeamIterations;
import dev.azdo.emulator.process.ProcessTemplates;
import dev.azdo.emulator.process.TemplateCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Teams, their sprints and type categories as WIQL's @CurrentIteration and IN GROUP see them. */
final class TeamGroups implements WiqlEngine.Groups {
  private final EmulatorContext ctx;

  TeamGroups(EmulatorContext ctx) {
    this.ctx = ctx;
  }

  /** A team named "[Project]\Team", or "Team" of the query's project. */
  private record TeamName(String project, String team) {
    static TeamName parse(String project, String text) {
      if (text != null && text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close > 0) {
          String rest = text.substring(close + 1);
          return new TeamName(
              text.substring(1, close), rest.startsWith("\\") ? rest.substring(1) : rest);
        }
      }
      return new TeamName(project, text == null || text.isBlank() ? null : text);
    }
  }

  @Override
  public String currentIteration(String project, String teamText, LocalDate day, int offset) {
    TeamName name = TeamName.parse(project, teamText);
    Project p = project(name.project());
    Team team = team(p, name);
    Classifications tree = ctx.require(Classifications.class);
    TeamIterations chosen = optional(TeamIterations.class);
    List<Integer> ids = chosen == null ? null : chosen.iterationIds(team.id());
    List<ClassificationNode> sprints = new ArrayList<>();
    for (ClassificationNode n : tree.all(p.id(), ClassificationNode.ITERATION)) {
      if (!n.isRoot()
          && n.startDate() != null
          && n.finishDate() != null
          && (ids == null || ids.contains(n.id()))) {
        sprints.add(n);
      }
    }
    sprints.sort(Comparator.comparing(ClassificationNode::startDate));
    for (int i = sprints.size() - 1; i >= 0; i--) {
      ClassificationNode n = sprints.get(i);
      LocalDate start = LocalDate.ofInstant(Instant.parse(n.startDate()), ZoneOffset.UTC);
      LocalDate finish = LocalDate.ofInstant(Instant.parse(n.finishDate()), ZoneOffset.UTC);
      if (!day.isBefore(start) && !day.isAfter(finish)) {
        int at = i + offset;
        return at < 0 || at >= sprints.size() ? null : tree.fieldPath(sprints.get(at), p);
      }
    }
    return null;
  }

  @Override
  public Set<String> members(String project, String group) {
    TeamName name = TeamName.parse(project, group);
    if (name.project() != null && name.team() != null && group.startsWith("[")) {
      Project p = projectOrNull(name.project());
      Team t = p == null ? null : ctx.require(TeamDirectory.class).team(p, name.team());
      if (t != null) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : t.memberIds()) {
          Identity who = ctx.directory().byId(id);
          if (who != null) {
            out.add(who.combinedName());
          }
        }
        return out;
      }
      return null;
    }
    Project p = project == null ? null : projectOrNull(project);
    TemplateCatalog catalog = optional(TemplateCatalog.class);
    if (catalog == null) {
      return null;
    }
    for (Project candidate : p != null ? List.of(p) : ctx.require(ProjectDirectory.class).all()) {
      for (ProcessTemplates.Category c : catalog.categories(candidate.processId())) {
        if (c.referenceName().equalsIgnoreCase(group) || c.name().equalsIgnoreCase(group)) {
          return new LinkedHashSet<>(c.types());
        }
      }
    }
    return null;
  }

  private Project project(String nameOrId) {
    Project p = projectOrNull(nameOrId);
    if (p == null) {
      throw new IllegalArgumentException("The project '" + nameOrId + "' does not exist.");
    }
    return p;
  }

  private Project projectOrNull(String nameOrId) {
    if (nameOrId == null) {
      return null;
    }
    try {
      return ctx.require(ProjectDirectory.class).findOrNull(nameOrId);
    } catch (ApiException | IllegalStateException e) {
      return null;
    }
  }

  private Team team(Project p, TeamName name) {
    Team t = ctx.require(TeamDirectory.class).team(p, name.team());
    if (t == null) {
      throw new IllegalArgumentException(
          "The team '" + name.team() + "' does not exist in project " + p.name() + ".");
    }
    return t;
  }

  private <T> T optional(Class<T> type) {
    try {
      return ctx.require(type);
    } catch (IllegalStateException e) {
      return null;
    }
  }
}
