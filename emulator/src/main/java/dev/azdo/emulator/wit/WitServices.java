package dev.azdo.emulator.wit;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.core.SystemProcess;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.model.ClassificationTree;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.ProcessCatalog;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItemTypeDef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The lookups work items need from other areas (projects, types, fields, area paths), with small
 * built-in stand-ins used only while those areas provide nothing.
 */
final class WitServices {
  private final EmulatorContext ctx;
  private final FallbackProjects fallbackProjects;
  private final FallbackProcess fallbackProcess = new FallbackProcess();
  private final FallbackFields fallbackFields = new FallbackFields();

  WitServices(EmulatorContext ctx) {
    this.ctx = ctx;
    this.fallbackProjects = new FallbackProjects(ctx.config().project());
  }

  ProjectDirectory projects() {
    return service(ProjectDirectory.class, fallbackProjects);
  }

  ProcessCatalog processes() {
    return service(ProcessCatalog.class, fallbackProcess);
  }

  FieldCatalog fields() {
    return service(FieldCatalog.class, fallbackFields);
  }

  ClassificationTree tree() {
    return service(ClassificationTree.class, new RootOnlyTree(this));
  }

  private <T> T service(Class<T> type, T fallback) {
    try {
      return ctx.require(type);
    } catch (IllegalStateException notProvided) {
      return fallback;
    }
  }

  /** The project by name or id, or the service's 404. */
  Project project(String nameOrId) {
    return projects().find(nameOrId);
  }

  /** The project by id, or null (an item's project may have been deleted). */
  Project projectOrNull(String id) {
    return id == null ? null : projects().findOrNull(id);
  }

  /** The work item type of a project, or the service's 404. */
  WorkItemTypeDef type(Project project, String typeName) {
    WorkItemTypeDef t = processes().type(project.processId(), typeName);
    if (t == null) {
      throw new ApiException(
          404,
          "WorkItemTypeNotFoundException",
          "VS402323: Work item type "
              + typeName
              + " does not exist in project "
              + project.name()
              + " or you do not have permission to access it.");
    }
    return t;
  }

  /** The field definition by reference or display name, or null. */
  FieldDef field(String name) {
    FieldDef f = fields().find(name);
    if (f == null && fields() != fallbackFields) {
      // Fields the engine sets itself stay known even when a catalog leaves them out.
      f = fallbackFields.find(name);
    }
    return f;
  }

  /** A project used until the core area provides the real ones. */
  private static final class FallbackProjects implements ProjectDirectory {
    private final Project project;

    FallbackProjects(String name) {
      String id =
          UUID.nameUUIDFromBytes(("project:" + name).getBytes(StandardCharsets.UTF_8)).toString();
      this.project =
          new Project(
              id,
              name,
              "",
              "wellFormed",
              "private",
              1,
              SystemProcess.AGILE.id(),
              UUID.nameUUIDFromBytes(("team:" + name).getBytes(StandardCharsets.UTF_8)).toString(),
              "Git",
              "2024-01-01T00:00:00Z");
    }

    @Override
    public Project find(String nameOrId) {
      Project p = findOrNull(nameOrId);
      if (p == null) {
        throw ApiException.notFound(
            "ProjectDoesNotExistWithNameException",
            "TF200016: The following project does not exist: " + nameOrId + ".");
      }
      return p;
    }

    @Override
    public Project findOrNull(String nameOrId) {
      return project.name().equalsIgnoreCase(nameOrId) || project.id().equalsIgnoreCase(nameOrId)
          ? project
          : null;
    }

    @Override
    public Collection<Project> all() {
      return List.of(project);
    }
  }

  /** Agile-like types used until the process area provides the real catalog. */
  private static final class FallbackProcess implements ProcessCatalog {
    private final List<WorkItemTypeDef> types = new ArrayList<>();

    FallbackProcess() {
      for (String n :
          List.of("Bug", "Task", "User Story", "Epic", "Feature", "Issue", "Test Case")) {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("New", "New");
        reasons.put("Active", "Implementation started");
        reasons.put("Resolved", "Code complete and unit tests pass");
        reasons.put("Closed", "Acceptance tests pass");
        reasons.put("Removed", "Removed from the backlog");
        types.add(
            new WorkItemTypeDef(
                n,
                "Microsoft.VSTS.WorkItemTypes." + n.replace(" ", ""),
                n,
                "CC293D",
                "icon_insect",
                List.of(),
                List.of("System.Title"),
                Map.of("Microsoft.VSTS.Common.Priority", "2"),
                List.of(
                    new StateDef("New", "b2b2b2", "Proposed"),
                    new StateDef("Active", "007acc", "InProgress"),
                    new StateDef("Resolved", "ff9d00", "Resolved"),
                    new StateDef("Closed", "339933", "Completed"),
                    new StateDef("Removed", "ffffff", "Removed")),
                reasons));
      }
    }

    @Override
    public WorkItemTypeDef type(String processId, String typeName) {
      for (WorkItemTypeDef t : types) {
        if (t.name().equalsIgnoreCase(typeName) || t.referenceName().equalsIgnoreCase(typeName)) {
          return t;
        }
      }
      return null;
    }

    @Override
    public List<WorkItemTypeDef> types(String processId) {
      return types;
    }
  }

  /** The system and common fields, used until the process area provides the real catalog. */
  static final class FallbackFields implements FieldCatalog {
    private final Map<String, FieldDef> byName = new LinkedHashMap<>();

    FallbackFields() {
      add("System.Id", "ID", "integer", true, false);
      add("System.Rev", "Rev", "integer", true, false);
      add("System.Title", "Title", "string", false, false);
      add("System.Description", "Description", "html", false, false);
      add("System.History", "History", "history", false, false);
      add("System.State", "State", "string", false, false);
      add("System.Reason", "Reason", "string", false, false);
      add("System.AssignedTo", "Assigned To", "string", false, true);
      add("System.AreaPath", "Area Path", "treePath", false, false);
      add("System.IterationPath", "Iteration Path", "treePath", false, false);
      add("System.AreaId", "Area ID", "integer", false, false);
      add("System.IterationId", "Iteration ID", "integer", false, false);
      add("System.TeamProject", "Team Project", "string", true, false);
      add("System.WorkItemType", "Work Item Type", "string", true, false);
      add("System.CreatedDate", "Created Date", "dateTime", true, false);
      add("System.CreatedBy", "Created By", "string", true, true);
      add("System.ChangedDate", "Changed Date", "dateTime", true, false);
      add("System.ChangedBy", "Changed By", "string", true, true);
      add("System.AuthorizedDate", "Authorized Date", "dateTime", true, false);
      add("System.AuthorizedAs", "Authorized As", "string", true, true);
      add("System.RevisedDate", "Revised Date", "dateTime", true, false);
      add("System.Watermark", "Watermark", "integer", true, false);
      add("System.CommentCount", "Comment Count", "integer", true, false);
      add("System.NodeName", "Node Name", "string", true, false);
      add("System.Tags", "Tags", "plainText", false, false);
      add("System.BoardColumn", "Board Column", "string", true, false);
      add("System.BoardColumnDone", "Board Column Done", "boolean", true, false);
      add("System.BoardLane", "Board Lane", "string", true, false);
      add("System.Parent", "Parent", "integer", true, false);
      add("Microsoft.VSTS.Common.Priority", "Priority", "integer", false, false);
      add("Microsoft.VSTS.Common.Severity", "Severity", "string", false, false);
      add("Microsoft.VSTS.Common.ValueArea", "Value Area", "string", false, false);
      add("Microsoft.VSTS.Common.StackRank", "Stack Rank", "double", false, false);
      add("Microsoft.VSTS.Common.StateChangeDate", "State Change Date", "dateTime", true, false);
      add("Microsoft.VSTS.Common.ActivatedDate", "Activated Date", "dateTime", true, false);
      add("Microsoft.VSTS.Common.ActivatedBy", "Activated By", "string", true, true);
      add("Microsoft.VSTS.Common.ResolvedDate", "Resolved Date", "dateTime", true, false);
      add("Microsoft.VSTS.Common.ResolvedBy", "Resolved By", "string", true, true);
      add("Microsoft.VSTS.Common.ClosedDate", "Closed Date", "dateTime", true, false);
      add("Microsoft.VSTS.Common.ClosedBy", "Closed By", "string", true, true);
      add("Microsoft.VSTS.Common.AcceptanceCriteria", "Acceptance Criteria", "html", false, false);
      add("Microsoft.VSTS.Scheduling.StoryPoints", "Story Points", "double", false, false);
      add("Microsoft.VSTS.Scheduling.RemainingWork", "Remaining Work", "double", false, false);
      add(
          "Microsoft.VSTS.Scheduling.OriginalEstimate",
          "Original Estimate",
          "double",
          false,
          false);
      add("Microsoft.VSTS.Scheduling.CompletedWork", "Completed Work", "double", false, false);
      add("Microsoft.VSTS.Scheduling.StartDate", "Start Date", "dateTime", false, false);
      add("Microsoft.VSTS.Scheduling.FinishDate", "Finish Date", "dateTime", false, false);
      add("Microsoft.VSTS.Scheduling.TargetDate", "Target Date", "dateTime", false, false);
      add("Microsoft.VSTS.TCM.ReproSteps", "Repro Steps", "html", false, false);
      add("Microsoft.VSTS.Common.Blocked", "Blocked", "string", false, false);
      byName.put(
          "microsoft.vsts.common.severity",
          new FieldDef(
              "Microsoft.VSTS.Common.Severity",
              "Severity",
              "string",
              false,
              false,
              List.of("1 - Critical", "2 - High", "3 - Medium", "4 - Low"),
              ""));
    }

    private void add(String ref, String name, String type, boolean readOnly, boolean identity) {
      byName.put(
          ref.toLowerCase(Locale.ROOT),
          new FieldDef(ref, name, type, readOnly, identity, List.of(), ""));
    }

    @Override
    public FieldDef find(String referenceOrName) {
      if (referenceOrName == null) {
        return null;
      }
      FieldDef f = byName.get(referenceOrName.toLowerCase(Locale.ROOT));
      if (f != null) {
        return f;
      }
      for (FieldDef d : byName.values()) {
        if (d.name().equalsIgnoreCase(referenceOrName)) {
          return d;
        }
      }
      return null;
    }

    @Override
    public Collection<FieldDef> all() {
      return byName.values();
    }
  }

  /** Only the project's root node exists until the classification area provides the tree. */
  private record RootOnlyTree(WitServices services) implements ClassificationTree {
    @Override
    public boolean exists(String projectId, String structure, String path) {
      Project p = services.projectOrNull(projectId);
      return p != null && p.name().equalsIgnoreCase(path);
    }

    @Override
    public int nodeId(String projectId, String structure, String path) {
      return "Area".equalsIgnoreCase(structure) ? 1 : 2;
    }
  }
}
