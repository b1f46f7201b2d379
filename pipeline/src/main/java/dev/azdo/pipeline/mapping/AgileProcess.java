package dev.azdo.pipeline.mapping;

import static dev.azdo.pipeline.mapping.FieldType.DATE_TIME;
import static dev.azdo.pipeline.mapping.FieldType.DOUBLE;
import static dev.azdo.pipeline.mapping.FieldType.HISTORY;
import static dev.azdo.pipeline.mapping.FieldType.HTML;
import static dev.azdo.pipeline.mapping.FieldType.IDENTITY;
import static dev.azdo.pipeline.mapping.FieldType.INTEGER;
import static dev.azdo.pipeline.mapping.FieldType.PLAIN_TEXT;
import static dev.azdo.pipeline.mapping.FieldType.STRING;
import static dev.azdo.pipeline.mapping.FieldType.TREE_PATH;

import java.util.ArrayList;
import java.util.List;

/**
 * The main fields of the stock Agile process (Bug, Task, User Story, Feature, Epic, Issue), for dry
 * runs without a server and for tests; a live run uses the project's own catalogue instead.
 */
public final class AgileProcess {
  private AgileProcess() {}

  /**
   * Returns the Agile catalogue with extra fields (such as {@code Custom.ExternalKey}) on every
   * type.
   */
  public static FieldCatalog catalog(FieldDefinition... extraFields) {
    List<WorkItemTypeDefinition> types = new ArrayList<>();
    types.add(
        type(
            "Bug",
            List.of("New", "Active", "Resolved", "Closed"),
            extraFields,
            html("Microsoft.VSTS.TCM.ReproSteps", "Repro Steps"),
            html("Microsoft.VSTS.TCM.SystemInfo", "System Info"),
            allowed(
                "Microsoft.VSTS.Common.Severity",
                "Severity",
                STRING,
                "1 - Critical",
                "2 - High",
                "3 - Medium",
                "4 - Low"),
            FieldDefinition.of("Microsoft.VSTS.Scheduling.StoryPoints", "Story Points", DOUBLE),
            FieldDefinition.of(
                "Microsoft.VSTS.Scheduling.RemainingWork", "Remaining Work", DOUBLE)));
    types.add(
        type(
            "Task",
            List.of("New", "Active", "Closed", "Removed"),
            extraFields,
            allowed(
                "Microsoft.VSTS.Common.Activity",
                "Activity",
                STRING,
                "Deployment",
                "Design",
                "Development",
                "Documentation",
                "Requirements",
                "Testing"),
            FieldDefinition.of(
                "Microsoft.VSTS.Scheduling.OriginalEstimate", "Original Estimate", DOUBLE),
            FieldDefinition.of("Microsoft.VSTS.Scheduling.RemainingWork", "Remaining Work", DOUBLE),
            FieldDefinition.of("Microsoft.VSTS.Scheduling.CompletedWork", "Completed Work", DOUBLE),
            // The stock Agile Task carries Start Date and Finish Date (the emulator's too).
            FieldDefinition.of("Microsoft.VSTS.Scheduling.StartDate", "Start Date", DATE_TIME),
            FieldDefinition.of("Microsoft.VSTS.Scheduling.FinishDate", "Finish Date", DATE_TIME),
            FieldDefinition.of("Microsoft.VSTS.Scheduling.DueDate", "Due Date", DATE_TIME)));
    types.add(
        type(
            "User Story",
            List.of("New", "Active", "Resolved", "Closed", "Removed"),
            extraFields,
            html("Microsoft.VSTS.Common.AcceptanceCriteria", "Acceptance Criteria"),
            FieldDefinition.of("Microsoft.VSTS.Scheduling.StoryPoints", "Story Points", DOUBLE),
            allowed(
                "Microsoft.VSTS.Common.ValueArea",
                "Value Area",
                STRING,
                "Architectural",
                "Business")));
    for (String planning : List.of("Feature", "Epic")) {
      types.add(
          type(
              planning,
              List.of("New", "Active", "Resolved", "Closed", "Removed"),
              extraFields,
              FieldDefinition.of("Microsoft.VSTS.Scheduling.Effort", "Effort", DOUBLE),
              FieldDefinition.of("Microsoft.VSTS.Scheduling.StartDate", "Start Date", DATE_TIME),
              FieldDefinition.of("Microsoft.VSTS.Scheduling.TargetDate", "Target Date", DATE_TIME),
              allowed(
                  "Microsoft.VSTS.Common.ValueArea",
                  "Value Area",
                  STRING,
                  "Architectural",
                  "Business")));
    }
    types.add(
        type(
            "Issue",
            List.of("Active", "Closed"),
            extraFields,
            FieldDefinition.of("Microsoft.VSTS.Scheduling.DueDate", "Due Date", DATE_TIME)));
    return FieldCatalog.of(types);
  }

  private static WorkItemTypeDefinition type(
      String name, List<String> states, FieldDefinition[] extra, FieldDefinition... own) {
    List<FieldDefinition> fields = new ArrayList<>();
    fields.add(readOnly("System.Id", "ID", INTEGER));
    fields.add(readOnly("System.Rev", "Rev", INTEGER));
    fields.add(new FieldDefinition("System.Title", "Title", STRING, false, true, List.of()));
    fields.add(FieldDefinition.of("System.WorkItemType", "Work Item Type", STRING));
    fields.add(new FieldDefinition("System.State", "State", STRING, false, false, states));
    fields.add(FieldDefinition.of("System.Reason", "Reason", STRING));
    fields.add(FieldDefinition.of("System.Description", "Description", HTML));
    fields.add(FieldDefinition.of("System.AssignedTo", "Assigned To", IDENTITY));
    fields.add(FieldDefinition.of("System.Tags", "Tags", PLAIN_TEXT));
    fields.add(FieldDefinition.of("System.AreaPath", "Area Path", TREE_PATH));
    fields.add(FieldDefinition.of("System.IterationPath", "Iteration Path", TREE_PATH));
    fields.add(FieldDefinition.of("System.History", "History", HISTORY));
    fields.add(readOnly("System.CreatedDate", "Created Date", DATE_TIME));
    fields.add(readOnly("System.CreatedBy", "Created By", IDENTITY));
    fields.add(readOnly("System.ChangedDate", "Changed Date", DATE_TIME));
    fields.add(readOnly("System.ChangedBy", "Changed By", IDENTITY));
    fields.add(
        new FieldDefinition(
            "Microsoft.VSTS.Common.Priority",
            "Priority",
            INTEGER,
            false,
            false,
            List.of("1", "2", "3", "4")));
    fields.add(FieldDefinition.of("Microsoft.VSTS.Common.StackRank", "Stack Rank", DOUBLE));
    fields.addAll(List.of(own));
    fields.addAll(List.of(extra));
    return new WorkItemTypeDefinition(name, fields);
  }

  private static FieldDefinition readOnly(String ref, String name, FieldType type) {
    return new FieldDefinition(ref, name, type, true, false, List.of());
  }

  private static FieldDefinition html(String ref, String name) {
    return FieldDefinition.of(ref, name, HTML);
  }

  private static FieldDefinition allowed(
      String ref, String name, FieldType type, String... values) {
    return new FieldDefinition(ref, name, type, false, false, List.of(values));
  }
}
