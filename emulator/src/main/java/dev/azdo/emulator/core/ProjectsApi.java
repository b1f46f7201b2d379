package dev.azdo.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.store.Store;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Projects (list, get, queue create/update/delete), processes and operations of the core area. */
final class ProjectsApi {
  /** The service pages project lists by 100 when the caller gives no $top. */
  static final int DEFAULT_TOP = 100;

  /** Project names are limited to 64 characters. */
  static final int MAX_NAME_LENGTH = 64;

  private static final String INVALID_NAME_CHARS = "\\/:*?\"'<>;#${},+=[]|%&";

  // Names the service reserves (naming restrictions: system reserved names).
  private static final Set<String> RESERVED =
      Set.of(
          "aux",
          "com1",
          "com2",
          "com3",
          "com4",
          "com5",
          "com6",
          "com7",
          "com8",
          "com9",
          "com10",
          "con",
          "defaultcollection",
          "lpt1",
          "lpt2",
          "lpt3",
          "lpt4",
          "lpt5",
          "lpt6",
          "lpt7",
          "lpt8",
          "lpt9",
          "nul",
          "prn",
          "server",
          "signalr",
          "web",
          "app_browsers",
          "app_code",
          "app_data",
          "app_globalresources",
          "app_localresources",
          "app_themes",
          "app_webresources",
          "bin",
          "web.config");

  private final CoreState state;
  private final String collectionId;

  ProjectsApi(CoreState state, String collectionId) {
    this.state = state;
    this.collectionId = collectionId;
  }

  // ---- processes ----

  Object processes(ApiRequest req) {
    String id = req.route("processId");
    if (id == null || id.isEmpty()) {
      List<JsonNode> out = new ArrayList<>();
      for (SystemProcess p : SystemProcess.values()) {
        out.add(processJson(req, p));
      }
      return Json.list(out);
    }
    SystemProcess p = SystemProcess.find(id);
    if (p == null || !CoreState.isGuid(id)) {
      throw ApiException.notFound(
          "ProcessNotFoundByIdException", "The process with id '" + id + "' does not exist.");
    }
    return processJson(req, p);
  }

  private static ObjectNode processJson(ApiRequest req, SystemProcess p) {
    String url = req.baseUrl() + "_apis/process/processes/" + p.id();
    ObjectNode n = Json.object();
    n.put("id", p.id());
    n.put("description", p.description());
    n.put("isDefault", p.isDefault());
    n.putObject("_links").putObject("self").put("href", url);
    n.put("type", "system");
    n.put("url", url);
    n.put("name", p.displayName());
    return n;
  }

  // ---- projects ----

  Object get(ApiRequest req) {
    String id = req.route("projectId");
    if (id == null || id.isEmpty()) {
      return list(req);
    }
    Project p = lookupOr404(id);
    ObjectNode n = projectJson(req, p, true);
    if (req.queryBool("includeCapabilities")) {
      ObjectNode caps = n.putObject("capabilities");
      boolean git = !"Tfvc".equalsIgnoreCase(p.sourceControlType());
      ObjectNode vc = caps.putObject("versioncontrol");
      vc.put("sourceControlType", git ? "Git" : "Tfvc");
      vc.put("gitEnabled", git ? "True" : "False");
      vc.put("tfvcEnabled", git ? "False" : "True");
      SystemProcess proc = SystemProcess.find(p.processId());
      ObjectNode pt = caps.putObject("processTemplate");
      pt.put("templateName", proc == null ? "" : proc.displayName());
      pt.put("templateTypeId", p.processId());
    }
    return n;
  }

  private Project lookupOr404(String id) {
    if (id.contains("/")) {
      throw ApiException.notFound("NotFoundException", "The resource cannot be found.");
    }
    Project p = state.lookup(id);
    if (p == null) {
      throw CoreState.projectNotFound(id);
    }
    return p;
  }

  private Object list(ApiRequest req) {
    Set<String> states = stateFilter(req.query("stateFilter"));
    int top = req.queryInt("$top", DEFAULT_TOP);
    int skip = req.queryInt("$skip", 0);
    String token = req.query("continuationToken");
    if (token != null && !token.isEmpty()) {
      try {
        // The token is where the previous page stopped.
        skip = Integer.parseInt(token.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "The value '" + token + "' is not valid for parameter continuationToken.");
      }
    }
    if (top < 0 || skip < 0) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "$top and $skip must not be negative.");
    }
    boolean teamImage = req.queryBool("getDefaultTeamImageUrl");
    List<Project> all = new ArrayList<>();
    for (Project p : state.everyProject()) {
      if (states.contains(p.state())) {
        all.add(p);
      }
    }
    List<JsonNode> page = new ArrayList<>();
    for (int i = skip; i < all.size() && page.size() < top; i++) {
      ObjectNode n = projectJson(req, all.get(i), false);
      if (teamImage && all.get(i).defaultTeamId() != null) {
        n.put(
            "defaultTeamImageUrl",
            req.baseUrl() + "_api/_common/identityImage?id=" + all.get(i).defaultTeamId());
      }
      page.add(n);
    }
    ApiResponse res = ApiResponse.ok(Json.list(page));
    if (skip + page.size() < all.size()) {
      res.header("x-ms-continuationtoken", Integer.toString(skip + page.size()));
    }
    return res;
  }

  // ProjectState as a filter: by name or by its numeric value; "all" is every state but deleted.
  private static Set<String> stateFilter(String v) {
    if (v == null || v.isBlank()) {
      return Set.of(Project.WELL_FORMED);
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "wellformed", "1", "unchanged", "-2":
        return Set.of(Project.WELL_FORMED);
      case "new", "0":
        return Set.of("new");
      case "deleting", "2":
        return Set.of(CoreState.DELETING);
      case "createpending", "4":
        return Set.of(CoreState.CREATE_PENDING);
      case "deleted", "8":
        return Set.of(CoreState.DELETED);
      case "all", "-1":
        return Set.of(Project.WELL_FORMED, "new", CoreState.DELETING, CoreState.CREATE_PENDING);
      default:
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "The value '" + v + "' is not valid for parameter stateFilter.");
    }
  }

  /** The TeamProject JSON; the full form adds _links and defaultTeam, as a single GET does. */
  ObjectNode projectJson(ApiRequest req, Project p, boolean full) {
    String url = req.baseUrl() + "_apis/projects/" + p.id();
    ObjectNode n = Json.object();
    n.put("id", p.id());
    n.put("name", p.name());
    if (p.description() != null && !p.description().isEmpty()) {
      n.put("description", p.description());
    }
    n.put("url", url);
    n.put("state", p.state());
    n.put("revision", p.revision());
    if (full) {
      ObjectNode links = n.putObject("_links");
      links.putObject("self").put("href", url);
      links
          .putObject("collection")
          .put("href", req.baseUrl() + "_apis/projectCollections/" + collectionId);
      links
          .putObject("web")
          .put(
              "href",
              req.baseUrl()
                  + URLEncoder.encode(p.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    n.put("visibility", p.visibility());
    if (full && p.defaultTeamId() != null) {
      Team t = state.teams.get(p.defaultTeamId());
      if (t != null) {
        ObjectNode dt = n.putObject("defaultTeam");
        dt.put("id", t.id());
        dt.put("name", t.name());
        dt.put("url", url + "/teams/" + t.id());
      }
    }
    n.put("lastUpdateTime", p.lastUpdateTime());
    return n;
  }

  Object create(ApiRequest req) {
    JsonNode body = req.json();
    String name = text(body, "name");
    String processId = text(body.path("capabilities").path("processTemplate"), "templateTypeId");
    String scm = text(body.path("capabilities").path("versioncontrol"), "sourceControlType");
    if (!body.isObject() || name == null || processId == null || scm == null) {
      throw ApiException.badRequest(
          "ProjectException",
          "The project information supplied to project create is not valid. You must provide"
              + " all and only these properties/capabilities: name, description, visibility,"
              + " capabilities.versioncontrol.sourceControlType,"
              + " capabilities.processTemplate.templateTypeId.");
    }
    String description = text(body, "description");
    String visibility = visibility(text(body, "visibility"));
    validateName(name);
    SystemProcess process = CoreState.isGuid(processId) ? SystemProcess.find(processId) : null;
    if (process == null) {
      throw ApiException.badRequest(
          "ProcessTemplateNotFoundException",
          "The process template with id '" + processId + "' could not be found.");
    }
    String sourceControl;
    if ("git".equalsIgnoreCase(scm)) {
      sourceControl = "Git";
    } else if ("tfvc".equalsIgnoreCase(scm)) {
      sourceControl = "Tfvc";
    } else {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The source control type '" + scm + "' is not valid. Use Git or Tfvc.");
    }
    ProjectOperation op =
        state
            .store()
            .write(
                tx -> {
                  if (state.nameTaken(name, null)) {
                    throw alreadyExists(name);
                  }
                  Project p =
                      newProject(
                          tx,
                          UUID.randomUUID().toString(),
                          name,
                          description,
                          CoreState.CREATE_PENDING,
                          visibility,
                          process,
                          sourceControl,
                          List.of(req.caller()),
                          req.caller());
                  return state.queue(tx, "create", p.id(), null, null, null);
                });
    return operationReference(req, op);
  }

  /** Writes a project and its default team "<name> Team" in the caller's transaction. */
  Project newProject(
      Store.Tx tx,
      String id,
      String name,
      String description,
      String projectState,
      String visibility,
      SystemProcess process,
      String sourceControl,
      List<Identity> members,
      Identity admin) {
    String teamId =
        UUID.nameUUIDFromBytes(("team:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    List<String> memberIds = new ArrayList<>();
    for (Identity i : members) {
      memberIds.add(i.id());
    }
    Team team =
        new Team(
            teamId,
            id,
            name + " Team",
            "The default project team.",
            List.copyOf(memberIds),
            List.of(admin.id()));
    tx.put(state.teams, teamId, team);
    Project p =
        new Project(
            id,
            name,
            description,
            projectState,
            visibility,
            state.nextRevision(tx),
            process.id(),
            teamId,
            sourceControl,
            state.now());
    tx.put(state.projects, id, p);
    return p;
  }

  Object update(ApiRequest req) {
    String projectId = req.requireRoute("projectId");
    JsonNode body = req.json();
    if (Project.WELL_FORMED.equalsIgnoreCase(text(body, "state"))) {
      Project deleted = state.projects.get(projectId.toLowerCase(Locale.ROOT));
      if (deleted != null && CoreState.DELETED.equals(deleted.state())) {
        return restore(req, deleted);
      }
    }
    Project p = lookupOr404(projectId);
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: projectUpdate");
    }
    String name = text(body, "name");
    String description = body.has("description") ? body.path("description").asText("") : null;
    String visibility = body.has("visibility") ? visibility(text(body, "visibility")) : null;
    if (name != null) {
      validateName(name);
    }
    if (!p.isWellFormed()) {
      throw new ApiException(
          409,
          "ProjectWorkPendingException",
          "The project '" + p.name() + "' has work pending (state " + p.state() + ").");
    }
    ProjectOperation op =
        state
            .store()
            .write(
                tx -> {
                  if (name != null && state.nameTaken(name, p.id())) {
                    throw alreadyExists(name);
                  }
                  return state.queue(tx, "update", p.id(), name, description, visibility);
                });
    return operationReference(req, op);
  }

  // PATCH {"state":"wellFormed"} on a deleted project brings it back from the recycle bin.
  private Object restore(ApiRequest req, Project deleted) {
    ProjectOperation op =
        state
            .store()
            .write(
                tx -> {
                  if (state.nameTaken(deleted.name(), deleted.id())) {
                    throw alreadyExists(deleted.name());
                  }
                  return state.queue(tx, "restore", deleted.id(), null, null, null);
                });
    return operationReference(req, op);
  }

  Object delete(ApiRequest req) {
    Project p = lookupOr404(req.requireRoute("projectId"));
    ProjectOperation op =
        state
            .store()
            .write(
                tx -> {
                  Project cur = state.projects.get(p.id());
                  tx.put(
                      state.projects,
                      p.id(),
                      cur.withState(CoreState.DELETING, state.nextRevision(tx), state.now()));
                  return state.queue(tx, "delete", p.id(), null, null, null);
                });
    return operationReference(req, op);
  }

  private static ApiException alreadyExists(String name) {
    return new ApiException(
        409,
        "ProjectAlreadyExistsException",
        "TF200019: The following project already exists on the Azure DevOps Server: "
            + name
            + ". You cannot create a new project with the same name as an existing project."
            + " Provide a different name.");
  }

  /** Checks a project name against the service's naming restrictions; 400 when it breaks one. */
  static void validateName(String name) {
    String reason = nameProblem(name);
    if (reason != null) {
      throw ApiException.badRequest(
          "ProjectNameNotValidException",
          "The following project name is not valid: "
              + name
              + ". "
              + reason
              + " Verify that the name does not exceed "
              + MAX_NAME_LENGTH
              + " characters, contains no invalid characters, and is not a reserved name.");
    }
  }

  static String nameProblem(String name) {
    if (name.isBlank()) {
      return "The name is empty.";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "The name is longer than " + MAX_NAME_LENGTH + " characters.";
    }
    for (char c : name.toCharArray()) {
      if (c < 32 || Character.isSurrogate(c) || INVALID_NAME_CHARS.indexOf(c) >= 0) {
        return "The name contains the character '" + (c < 32 ? "\\u" + (int) c : c) + "'.";
      }
    }
    if (name.startsWith("_")) {
      return "The name starts with an underscore.";
    }
    if (name.startsWith(".") || name.endsWith(".")) {
      return "The name starts or ends with a period.";
    }
    if (name.startsWith(" ") || name.endsWith(" ")) {
      return "The name starts or ends with a space.";
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return "The name is reserved.";
    }
    return null;
  }

  private static String visibility(String v) {
    if (v == null || v.isEmpty() || "private".equalsIgnoreCase(v) || "0".equals(v)) {
      return "private";
    }
    if ("public".equalsIgnoreCase(v) || "2".equals(v)) {
      return "public";
    }
    throw ApiException.badRequest(
        "InvalidArgumentValueException",
        "The value '" + v + "' is not valid for visibility. Use private or public.");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    String s = v.asText();
    return s.isEmpty() ? null : s;
  }

  // ---- operations ----

  private static ApiResponse operationReference(ApiRequest req, ProjectOperation op) {
    ObjectNode n = Json.object();
    n.put("id", op.id());
    n.put("status", op.status());
    n.put("url", req.baseUrl() + "_apis/operations/" + op.id());
    return ApiResponse.json(202, n);
  }

  Object operation(ApiRequest req) {
    String id = req.requireRoute("operationId");
    ProjectOperation op = CoreState.isGuid(id) ? state.poll(id.toLowerCase(Locale.ROOT)) : null;
    if (op == null) {
      throw ApiException.notFound(
          "OperationNotFoundException", "The operation with id '" + id + "' was not found.");
    }
    String url = req.baseUrl() + "_apis/operations/" + op.id();
    ObjectNode n = Json.object();
    n.put("id", op.id());
    n.put("status", op.status());
    n.put("url", url);
    n.putObject("_links").putObject("self").put("href", url);
    if (op.resultMessage() != null) {
      n.put("resultMessage", op.resultMessage());
    }
    if (op.stage() == ProjectOperation.SUCCEEDED && !"delete".equals(op.kind())) {
      n.putObject("resultUrl").put("resultUrl", req.baseUrl() + "_apis/projects/" + op.projectId());
    }
    return n;
  }
}
