package dev.azdo.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Directory;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Teams of projects (list, get, create, update, delete), all teams, and team members. */
final class TeamsApi {
  /** The service returns 100 teams or members per call when the caller gives no $top. */
  static final int DEFAULT_TOP = 100;

  /** Team names are limited to 64 characters. */
  static final int MAX_NAME_LENGTH = 64;

  private static final String INVALID_NAME_CHARS = "\\/:*?\"<>;#$,+=[]|";

  private final CoreState state;
  private final Directory directory;

  TeamsApi(CoreState state, Directory directory) {
    this.state = state;
    this.directory = directory;
  }

  private Project project(ApiRequest req) {
    return state.find(req.requireRoute("projectId"));
  }

  private Team team(Project p, String nameOrId) {
    Team t = state.teamOrNull(p, nameOrId);
    if (t == null) {
      throw ApiException.notFound(
          "TeamNotFoundException",
          "The team with id or name '"
              + nameOrId
              + "' does not exist in project '"
              + p.name()
              + "'.");
    }
    return t;
  }

  /** GET _apis/projects/{projectId}/teams[/{teamId}]. */
  Object get(ApiRequest req) {
    Project p = project(req);
    String teamId = req.route("teamId");
    boolean expand = req.queryBool("$expandIdentity");
    if (teamId != null && !teamId.isEmpty()) {
      if (teamId.contains("/")) {
        throw ApiException.notFound("NotFoundException", "The resource cannot be found.");
      }
      return teamJson(req, p, team(p, teamId), expand);
    }
    List<Team> teams = state.teamsOf(p.id());
    return page(req, teams, expand);
  }

  /** GET _apis/teams: the teams of every project. */
  Object all(ApiRequest req) {
    List<Team> teams = new ArrayList<>();
    for (Project p : state.all()) {
      teams.addAll(state.teamsOf(p.id()));
    }
    teams.sort(
        Comparator.comparing((Team t) -> t.name().toLowerCase(Locale.ROOT))
            .thenComparing(Team::id));
    return page(req, teams, req.queryBool("$expandIdentity"));
  }

  private Object page(ApiRequest req, List<Team> teams, boolean expand) {
    boolean mine = req.queryBool("$mine");
    int top = req.queryInt("$top", DEFAULT_TOP);
    int skip = req.queryInt("$skip", 0);
    List<JsonNode> out = new ArrayList<>();
    int seen = 0;
    for (Team t : teams) {
      if (mine && !t.memberIds().contains(req.caller().id())) {
        continue;
      }
      if (seen++ < skip) {
        continue;
      }
      if (out.size() >= top) {
        break;
      }
      out.add(teamJson(req, state.projects.get(t.projectId()), t, expand));
    }
    return Json.list(out);
  }

  ObjectNode teamJson(ApiRequest req, Project p, Team t, boolean expand) {
    ObjectNode n = Json.object();
    n.put("id", t.id());
    n.put("name", t.name());
    n.put("url", req.baseUrl() + "_apis/projects/" + p.id() + "/teams/" + t.id());
    n.put("description", t.description() == null ? "" : t.description());
    n.put("identityUrl", req.baseUrl() + "_apis/Identities/" + t.id());
    if (expand) {
      ObjectNode id = n.putObject("identity");
      id.put("id", t.id());
      id.put("descriptor", "Microsoft.TeamFoundation.Identity;" + t.id());
      id.put("providerDisplayName", "[" + p.name() + "]\\" + t.name());
      id.put("isActive", true);
      id.put("isContainer", true);
      id.putArray("members");
      id.putArray("memberOf");
      id.putArray("memberIds");
      id.putObject("properties");
      id.put("resourceVersion", 2);
      id.put("metaTypeId", 255);
    }
    n.put("projectName", p.name());
    n.put("projectId", p.id());
    return n;
  }

  /** POST _apis/projects/{projectId}/teams: the caller becomes the team's administrator. */
  Object create(ApiRequest req) {
    Project p = project(req);
    JsonNode body = req.json();
    String name = body.path("name").asText("").trim();
    String description = body.path("description").asText("");
    validateName(name);
    Team created =
        state
            .store()
            .write(
                tx -> {
                  if (state.teamOrNull(p, name) != null) {
                    throw alreadyExists(name);
                  }
                  Team t =
                      new Team(
                          UUID.randomUUID().toString(),
                          p.id(),
                          name,
                          description,
                          List.of(req.caller().id()),
                          List.of(req.caller().id()));
                  tx.put(state.teams, t.id(), t);
                  return t;
                });
    return teamJson(req, p, created, false);
  }

  /** PATCH _apis/projects/{projectId}/teams/{teamId}: name and description. */
  Object update(ApiRequest req) {
    Project p = project(req);
    String teamId = req.requireRoute("teamId");
    JsonNode body = req.json();
    Team updated =
        state
            .store()
            .write(
                tx -> {
                  Team t = team(p, teamId);
                  String name =
                      body.hasNonNull("name") ? body.path("name").asText().trim() : t.name();
                  String description =
                      body.hasNonNull("description")
                          ? body.path("description").asText()
                          : t.description();
                  if (!name.equals(t.name())) {
                    validateName(name);
                    Team other = state.teamOrNull(p, name);
                    if (other != null && !other.id().equals(t.id())) {
                      throw alreadyExists(name);
                    }
                  }
                  Team next = t.renamed(name, description);
                  tx.put(state.teams, t.id(), next);
                  return next;
                });
    return teamJson(req, p, updated, false);
  }

  /** DELETE _apis/projects/{projectId}/teams/{teamId}: 204; the default team cannot go. */
  Object delete(ApiRequest req) {
    Project p = project(req);
    String teamId = req.requireRoute("teamId");
    state
        .store()
        .run(
            tx -> {
              Team t = team(p, teamId);
              if (t.id().equals(p.defaultTeamId())) {
                throw ApiException.badRequest(
                    "InvalidOperationException",
                    "The team '"
                        + t.name()
                        + "' is the default team of project '"
                        + p.name()
                        + "' and cannot be deleted. Make another team the default team first.");
              }
              tx.remove(state.teams, t.id());
            });
    return ApiResponse.empty(204);
  }

  /** GET _apis/projects/{projectId}/teams/{teamId}/members: TeamMember values. */
  Object members(ApiRequest req) {
    Project p = project(req);
    Team t = team(p, req.requireRoute("teamId"));
    int top = req.queryInt("$top", DEFAULT_TOP);
    int skip = req.queryInt("$skip", 0);
    List<JsonNode> out = new ArrayList<>();
    List<String> ids = t.memberIds();
    for (int i = Math.max(skip, 0); i < ids.size() && out.size() < top; i++) {
      Identity who = directory.byId(ids.get(i));
      if (who == null) {
        continue;
      }
      ObjectNode m = Json.object();
      m.put("isTeamAdmin", t.adminIds().contains(who.id()));
      m.set("identity", who.identityRef(req.baseUrl()));
      out.add(m);
    }
    return Json.list(out);
  }

  private static ApiException alreadyExists(String name) {
    // The REST reference lists "Team already exists" as a 400.
    return ApiException.badRequest(
        "TeamAlreadyExistsException",
        "The team name '" + name + "' is already in use. Choose a different name.");
  }

  static void validateName(String name) {
    String problem = null;
    if (name.isEmpty()) {
      problem = "The team name must not be empty.";
    } else if (name.length() > MAX_NAME_LENGTH) {
      problem = "The team name must not be longer than " + MAX_NAME_LENGTH + " characters.";
    } else if (name.endsWith(".")) {
      problem = "The team name must not end with a period.";
    } else {
      for (char c : name.toCharArray()) {
        if (c < 32 || INVALID_NAME_CHARS.indexOf(c) >= 0) {
          problem = "The team name must not contain the character '" + c + "'.";
          break;
        }
      }
    }
    if (problem != null) {
      throw ApiException.badRequest("InvalidTeamNameException", problem);
    }
  }
}
