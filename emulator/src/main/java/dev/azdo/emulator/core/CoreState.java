package dev.azdo.emulator.core;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.store.Store;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.store.TableKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The core area's state (projects, teams, queued project operations) and the project lookup other
 * modules use. Queued operations finish lazily: whenever core state is read, operations whose time
 * has come are completed in a store transaction, so the outcome is the same with or without polling
 * and survives a restart.
 */
public final class CoreState implements ProjectDirectory, TeamDirectory {
  private static final TableKey<Project> PROJECTS = new TableKey<>("projects", Project.class);
  private static final TableKey<Team> TEAMS = new TableKey<>("teams", Team.class);
  private static final TableKey<ProjectOperation> OPERATIONS =
      new TableKey<>("operations", ProjectOperation.class);

  /** An operation reports inProgress this long after it was queued. */
  static final long IN_PROGRESS_AFTER_MS = 100;

  /** An operation has succeeded this long after it was queued, polled or not. */
  static final long SUCCEEDED_AFTER_MS = 400;

  static final String CREATE_PENDING = "createPending";
  static final String DELETING = "deleting";
  static final String DELETED = "deleted";

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final EmulatorContext ctx;
  private final Store store;
  final Table<Project> projects;
  final Table<Team> teams;
  final Table<ProjectOperation> operations;
  final Table<Long> counters;

  // A hint only (true after a restart): lets reads skip the scan when nothing is queued.
  private volatile boolean maybePending = true;

  CoreState(EmulatorContext ctx) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.projects = store.table(PROJECTS);
    this.teams = store.table(TEAMS);
    this.operations = store.table(OPERATIONS);
    this.counters = store.table(TableKey.COUNTERS);
  }

  Store store() {
    return store;
  }

  static boolean isGuid(String s) {
    return s != null && GUID.matcher(s).matches();
  }

  String now() {
    return Json.date(ctx.clock().instant());
  }

  long nextRevision(Store.Tx tx) {
    // Project revisions are one collection-wide sequence, as the service numbers them.
    return tx.next(counters, "core.projectRevision");
  }

  // ---- ProjectDirectory ----

  @Override
  public Project find(String nameOrId) {
    Project p = findOrNull(nameOrId);
    if (p == null) {
      throw projectNotFound(nameOrId);
    }
    return p;
  }

  @Override
  public Project findOrNull(String nameOrId) {
    Project p = lookup(nameOrId);
    return p != null && p.isWellFormed() ? p : null;
  }

  @Override
  public Collection<Project> all() {
    settle();
    List<Project> out = projects.where(Project::isWellFormed);
    out.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** The project with this name or id in any state but deleted, or null. */
  Project lookup(String nameOrId) {
    if (nameOrId == null || nameOrId.isBlank()) {
      return null;
    }
    settle();
    String k = nameOrId.trim();
    Project byId = projects.get(k.toLowerCase(Locale.ROOT));
    if (byId != null && !DELETED.equals(byId.state())) {
      return byId;
    }
    for (Project p : projects.values()) {
      if (!DELETED.equals(p.state()) && p.name().equalsIgnoreCase(k)) {
        return p;
      }
    }
    return null;
  }

  /** The service's 404 for a project: VS800075 for an id, TF200016 for a name. */
  static ApiException projectNotFound(String nameOrId) {
    if (isGuid(nameOrId)) {
      return ApiException.notFound(
          "ProjectDoesNotExistException",
          "VS800075: The project with id 'vstfs:///Classification/TeamProject/"
              + nameOrId.toLowerCase(Locale.ROOT)
              + "' does not exist, or you do not have permission to access it.");
    }
    return ApiException.notFound(
        "ProjectDoesNotExistWithNameException",
        "TF200016: The following project does not exist: "
            + nameOrId
            + ". Verify that the name of the project is correct and that the project exists on"
            + " the specified Azure DevOps Server.");
  }

  /** True when a live project, or a queued rename, already uses this name. */
  boolean nameTaken(String name, String exceptProjectId) {
    for (Project p : projects.values()) {
      if (!DELETED.equals(p.state())
          && !p.id().equals(exceptProjectId)
          && p.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    for (ProjectOperation op : operations.values()) {
      if (op.pending()
          && op.name() != null
          && !op.projectId().equals(exceptProjectId)
          && op.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  // ---- teams ----

  List<Team> teamsOf(String projectId) {
    List<Team> out = teams.where(t -> t.projectId().equals(projectId));
    out.sort(Comparator.comparing(t -> t.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  @Override
  public Team team(Project p, String nameOrId) {
    return nameOrId == null ? teams.get(p.defaultTeamId()) : teamOrNull(p, nameOrId);
  }

  @Override
  public List<Team> teams(Project p) {
    return teamsOf(p.id());
  }

  Team teamOrNull(Project p, String nameOrId) {
    if (nameOrId == null) {
      return null;
    }
    String k = nameOrId.trim();
    Team byId = teams.get(k.toLowerCase(Locale.ROOT));
    if (byId != null && byId.projectId().equals(p.id())) {
      return byId;
    }
    for (Team t : teams.values()) {
      if (t.projectId().equals(p.id()) && t.name().equalsIgnoreCase(k)) {
        return t;
      }
    }
    return null;
  }

  // ---- operations ----

  /** Queues an operation in the caller's transaction; it finishes within a second. */
  ProjectOperation queue(
      Store.Tx tx, String kind, String projectId, String name, String description, String vis) {
    ProjectOperation op =
        new ProjectOperation(
            UUID.randomUUID().toString(),
            kind,
            projectId,
            ProjectOperation.QUEUED,
            ctx.clock().millis(),
            null,
            name,
            description,
            vis);
    tx.put(operations, op.id(), op);
    maybePending = true;
    return op;
  }

  /** Completes every queued operation whose time has come. */
  void settle() {
    if (!maybePending) {
      return;
    }
    if (operations.where(ProjectOperation::pending).isEmpty()) {
      return;
    }
    store.run(
        tx -> {
          boolean left = false;
          for (ProjectOperation op : operations.where(ProjectOperation::pending)) {
            ProjectOperation now = advance(tx, op, timeStage(op));
            left |= now.pending();
          }
          maybePending = left;
        });
  }

  /** Answers a poll: the operation moves at least one step, so clients see it progress. */
  ProjectOperation poll(String id) {
    settle();
    return store.write(
        tx -> {
          ProjectOperation op = operations.get(id);
          if (op == null || !op.pending()) {
            return op;
          }
          return advance(tx, op, Math.max(op.stage() + 1, timeStage(op)));
        });
  }

  private int timeStage(ProjectOperation op) {
    long elapsed = ctx.clock().millis() - op.createdMillis();
    if (elapsed >= SUCCEEDED_AFTER_MS) {
      return ProjectOperation.SUCCEEDED;
    }
    return elapsed >= IN_PROGRESS_AFTER_MS ? ProjectOperation.IN_PROGRESS : ProjectOperation.QUEUED;
  }

  private ProjectOperation advance(Store.Tx tx, ProjectOperation op, int target) {
    int stage = Math.min(target, ProjectOperation.SUCCEEDED);
    if (stage <= op.stage()) {
      return op;
    }
    ProjectOperation next;
    if (stage == ProjectOperation.SUCCEEDED) {
      String failure = complete(tx, op);
      next =
          failure == null
              ? op.at(ProjectOperation.SUCCEEDED, null)
              : op.at(ProjectOperation.FAILED, failure);
    } else {
      next = op.at(stage, null);
    }
    tx.put(operations, next.id(), next);
    return next;
  }

  // Applies a finished operation's effect; returns a failure message, or null on success.
  private String complete(Store.Tx tx, ProjectOperation op) {
    Project p = projects.get(op.projectId());
    if (p == null) {
      return "The project with id '" + op.projectId() + "' does not exist.";
    }
    String now = now();
    switch (op.kind()) {
      case "create" ->
          tx.put(projects, p.id(), p.withState(Project.WELL_FORMED, nextRevision(tx), now));
      case "delete" -> tx.put(projects, p.id(), p.withState(DELETED, nextRevision(tx), now));
      case "restore" -> {
        if (nameTaken(p.name(), p.id())) {
          return "TF200019: The following project already exists on the Azure DevOps Server: "
              + p.name()
              + ".";
        }
        tx.put(projects, p.id(), p.withState(Project.WELL_FORMED, nextRevision(tx), now));
      }
      case "update" -> {
        Project q = p;
        if (op.name() != null && !op.name().equals(p.name())) {
          Team dflt = teams.get(p.defaultTeamId());
          if (dflt != null && dflt.name().equalsIgnoreCase(p.name() + " Team")) {
            // The service renames the default team along with its project.
            tx.put(teams, dflt.id(), dflt.renamed(op.name() + " Team", dflt.description()));
          }
          q = q.withName(op.name());
        }
        if (op.description() != null) {
          q = q.withDescription(op.description());
        }
        if (op.visibility() != null) {
          q = q.withVisibility(op.visibility());
        }
        tx.put(projects, p.id(), q.touched(nextRevision(tx), now));
      }
      default -> {
        return "Unknown operation " + op.kind();
      }
    }
    return null;
  }

  /** Every project in any state, sorted by name, for the list call. */
  List<Project> everyProject() {
    settle();
    List<Project> out = new ArrayList<>(projects.values());
    out.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
    return out;
  }
}
