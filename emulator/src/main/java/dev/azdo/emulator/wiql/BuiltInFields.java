package dev.azdo.emulator.wiql;

import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The system and common process fields WIQL knows without the process module, so the parser and
 * engine work standalone (the JDBC driver, tests) and when a catalog lacks a field.
 */
public final class BuiltInFields implements FieldCatalog {
  /** The pseudo-field of link queries that holds the link type. */
  public static final String LINK_TYPE = "System.Links.LinkType";

  private final Map<String, FieldDef> byKey = new LinkedHashMap<>();

  /** Creates the catalog of built-in fields. */
  public BuiltInFields() {
    add("System.Id", "ID", "integer", true, false);
    add("System.Title", "Title", "string", false, false);
    add("System.State", "State", "string", false, false);
    add("System.Reason", "Reason", "string", false, false);
    add("System.WorkItemType", "Work Item Type", "string", false, false);
    add("System.TeamProject", "Team Project", "string", true, false);
    add("System.AreaPath", "Area Path", "treePath", false, false);
    add("System.IterationPath", "Iteration Path", "treePath", false, false);
    add("System.AreaId", "Area ID", "integer", false, false);
    add("System.IterationId", "Iteration ID", "integer", false, false);
    add("System.AssignedTo", "Assigned To", "string", false, true);
    add("System.CreatedBy", "Created By", "string", true, true);
    add("System.ChangedBy", "Changed By", "string", true, true);
    add("System.AuthorizedAs", "Authorized As", "string", true, true);
    add("System.CreatedDate", "Created Date", "dateTime", true, false);
    add("System.ChangedDate", "Changed Date", "dateTime", true, false);
    add("System.AuthorizedDate", "Authorized Date", "dateTime", true, false);
    add("System.RevisedDate", "Revised Date", "dateTime", true, false);
    add("System.Rev", "Rev", "integer", true, false);
    add("System.Description", "Description", "html", false, false);
    add("System.History", "History", "history", false, false);
    add("System.Tags", "Tags", "plainText", false, false);
    add("System.Parent", "Parent", "integer", false, false);
    add("System.CommentCount", "Comment Count", "integer", true, false);
    add("System.BoardColumn", "Board Column", "string", true, false);
    add("System.BoardColumnDone", "Board Column Done", "boolean", true, false);
    add("System.BoardLane", "Board Lane", "string", true, false);
    add("System.NodeName", "Node Name", "string", true, false);
    add("System.ExternalLinkCount", "External Link Count", "integer", true, false);
    add("System.HyperLinkCount", "Hyperlink Count", "integer", true, false);
    add("System.AttachedFileCount", "Attached File Count", "integer", true, false);
    add("System.RelatedLinkCount", "Related Link Count", "integer", true, false);
    add(LINK_TYPE, "Link Type", "string", true, false);
    add("Microsoft.VSTS.Common.Priority", "Priority", "integer", false, false);
    add("Microsoft.VSTS.Common.Severity", "Severity", "string", false, false);
    add("Microsoft.VSTS.Common.StackRank", "Stack Rank", "double", false, false);
    add("Microsoft.VSTS.Common.BacklogPriority", "Backlog Priority", "double", false, false);
    add("Microsoft.VSTS.Common.BusinessValue", "Business Value", "integer", false, false);
    add("Microsoft.VSTS.Common.ValueArea", "Value Area", "string", false, false);
    add("Microsoft.VSTS.Common.Risk", "Risk", "string", false, false);
    add("Microsoft.VSTS.Common.Activity", "Activity", "string", false, false);
    add("Microsoft.VSTS.Common.AcceptanceCriteria", "Acceptance Criteria", "html", false, false);
    add("Microsoft.VSTS.Common.ActivatedDate", "Activated Date", "dateTime", false, false);
    add("Microsoft.VSTS.Common.ActivatedBy", "Activated By", "string", false, true);
    add("Microsoft.VSTS.Common.ResolvedDate", "Resolved Date", "dateTime", false, false);
    add("Microsoft.VSTS.Common.ResolvedBy", "Resolved By", "string", false, true);
    add("Microsoft.VSTS.Common.ResolvedReason", "Resolved Reason", "string", false, false);
    add("Microsoft.VSTS.Common.ClosedDate", "Closed Date", "dateTime", false, false);
    add("Microsoft.VSTS.Common.ClosedBy", "Closed By", "string", false, true);
    add("Microsoft.VSTS.Common.StateChangeDate", "State Change Date", "dateTime", false, false);
    add("Microsoft.VSTS.Scheduling.StoryPoints", "Story Points", "double", false, false);
    add("Microsoft.VSTS.Scheduling.Effort", "Effort", "double", false, false);
    add("Microsoft.VSTS.Scheduling.Size", "Size", "double", false, false);
    add("Microsoft.VSTS.Scheduling.OriginalEstimate", "Original Estimate", "double", false, false);
    add("Microsoft.VSTS.Scheduling.RemainingWork", "Remaining Work", "double", false, false);
    add("Microsoft.VSTS.Scheduling.CompletedWork", "Completed Work", "double", false, false);
    add("Microsoft.VSTS.Scheduling.StartDate", "Start Date", "dateTime", false, false);
    add("Microsoft.VSTS.Scheduling.FinishDate", "Finish Date", "dateTime", false, false);
    add("Microsoft.VSTS.Scheduling.TargetDate", "Target Date", "dateTime", false, false);
    add("Microsoft.VSTS.Scheduling.DueDate", "Due Date", "dateTime", false, false);
    add("Microsoft.VSTS.TCM.ReproSteps", "Repro Steps", "html", false, false);
    add("Microsoft.VSTS.TCM.SystemInfo", "System Info", "html", false, false);
    add("Microsoft.VSTS.Build.FoundIn", "Found In", "string", false, false);
    add("Microsoft.VSTS.Build.IntegrationBuild", "Integration Build", "string", false, false);
  }

  private void add(String ref, String name, String type, boolean readOnly, boolean identity) {
    FieldDef f =
        new FieldDef(ref, name, identity ? "identity" : type, readOnly, identity, List.of(), "");
    byKey.putIfAbsent(ref.toLowerCase(Locale.ROOT), f);
    byKey.putIfAbsent(name.toLowerCase(Locale.ROOT), f);
  }

  @Override
  public FieldDef find(String referenceOrName) {
    return referenceOrName == null ? null : byKey.get(referenceOrName.toLowerCase(Locale.ROOT));
  }

  @Override
  public Collection<FieldDef> all() {
    return byKey.values().stream().distinct().toList();
  }
}
