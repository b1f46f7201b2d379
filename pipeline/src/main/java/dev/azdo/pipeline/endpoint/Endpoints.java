package dev.azdo.pipeline.endpoint;

import dev.azdo.pipeline.endpoint.EndpointSpec.Column;
import dev.azdo.pipeline.endpoint.EndpointSpec.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The catalogue of every endpoint of the product: the names users pick with --endpoint. */
public final class Endpoints {
  private Endpoints() {}

  // A holder, so the catalogue is built after the constants it uses are set.
  private static final class Holder {
    static final List<EndpointSpec> ALL = build();
  }

  /** Returns every endpoint, write ones first, in the order the product lists them. */
  public static List<EndpointSpec> all() {
    return Holder.ALL;
  }

  /** Returns the endpoint of that name (ignoring case and surrounding blanks), if known. */
  public static Optional<EndpointSpec> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    return Holder.ALL.stream().filter(e -> e.name().equals(n)).findFirst();
  }

  /** Returns the names of every endpoint, comma separated, for "known: ..." messages. */
  public static String names() {
    return String.join(", ", Holder.ALL.stream().map(EndpointSpec::name).toList());
  }

  /** Returns the names of the write endpoints, comma separated. */
  public static String writeNames() {
    return String.join(
        ", ", Holder.ALL.stream().filter(EndpointSpec::write).map(EndpointSpec::name).toList());
  }

  private static Property p(String name, String meaning) {
    return new Property(name, meaning);
  }

  private static Column req(String name, String meaning) {
    return new Column(name, true, null, meaning);
  }

  private static Column opt(String name, String meaning) {
    return new Column(name, false, null, meaning);
  }

  private static Column oneOf(String name, String group, String meaning) {
    return new Column(name, false, group, meaning);
  }

  private static List<Property> writeProps(Property... specific) {
    List<Property> out = new ArrayList<>();
    out.add(p("project", "the project to write to (--project)"));
    out.add(
        p(
            "mapping",
            "--map SRC=COLUMN: a source column or {Template} into an input column (a source"
                + " column named like an input column maps itself)"));
    out.add(p("set", "--set COLUMN=VALUE: the same input value on every row"));
    out.addAll(List.of(specific));
    out.add(p("rejects", "CSV file for rejected rows, with row number, column and reason"));
    out.add(p("journal", "file recording which row became which id, so a rerun skips it"));
    out.add(p("concurrency", "requests in flight at once, 1 to 32 (default 4)"));
    out.add(p("dry-run", "check the mapping and print what would be sent, write nothing"));
    return out;
  }

  private static List<Property> orgWriteProps(Property... specific) {
    List<Property> out = new ArrayList<>(writeProps(specific));
    out.set(0, p("project", "not needed: projects belong to the organization"));
    return out;
  }

  private static final Property ROW_KEY =
      p("key", "column identifying a row in the journal (default: the row number)");
  private static final Property KEY_FIELD =
      p(
          "key-field",
          "field holding the work item keys the Key columns name (default: the tag"
              + " import-key:KEY the work item import sets without a key field)");
  private static final Property WI_JOURNAL =
      p(
          "workitem-journal",
          "journal of the work item import, read first to turn keys into work item ids");

  private static List<Property> workItemProps() {
    List<Property> out = new ArrayList<>(writeProps());
    out.removeIf(x -> x.name().equals("mapping") || x.name().equals("set"));
    out.addAll(
        1,
        List.of(
            p("type", "work item type for rows without a System.WorkItemType column (--type)"),
            p("mapping", "--map SRC=FIELD[:FORMAT]: a column or {Template} into a field"),
            p("set", "--set FIELD=VALUE: the same value on every row"),
            p("key", "--key SRC[=FIELD]: the row key, stored in FIELD or as tag import-key:KEY"),
            p("parent-key", "column naming the parent row's key or an existing work item id"),
            p("batch-size", "writes per $batch call, 1 to 200 (default 200)"),
            p("bypass-rules", "skip the work item type's rules (needs the permission)"),
            p("suppress-notifications", "send no e-mails for the changes"),
            p("date-format", "date patterns tried for date fields, such as dd/MM/yyyy"),
            p("zone", "time zone of dates without offset (default UTC)")));
    return out;
  }

  private static final Column FIELDS =
      opt("FIELD", "any field of the type, by reference or display name (see azdo fields)");
  private static final List<Column> WI_OUT =
      List.of(opt("Id", "the work item id"), opt("Url", "the work item's API URL"));

  private static List<EndpointSpec> build() {
    List<EndpointSpec> l = new ArrayList<>();
    l.add(
        new EndpointSpec(
            "create-workitem",
            true,
            "Creates a work item per row, parents before children.",
            workItemProps(),
            List.of(FIELDS),
            WI_OUT));
    l.add(
        new EndpointSpec(
            "update-workitem",
            true,
            "Updates the work item each row's key finds.",
            workItemProps(),
            List.of(FIELDS),
            WI_OUT));
    l.add(
        new EndpointSpec(
            "upsert-workitem",
            true,
            "Updates the work item each row's key finds, or creates it.",
            workItemProps(),
            List.of(FIELDS),
            WI_OUT));
    l.add(
        new EndpointSpec(
            "delete-workitem",
            true,
            "Deletes (to the recycle bin) the work item each row's key finds.",
            workItemProps(),
            List.of(),
            WI_OUT));
    Column wiId = oneOf("WorkItemId", "WorkItemId or Key", "id of the work item");
    Column wiKey =
        oneOf(
            "Key",
            "WorkItemId or Key",
            "key the work item import gave the work item (found via workitem-journal or key-field)");
    l.add(
        new EndpointSpec(
            "add-comment",
            true,
            "Adds a comment to a work item per row.",
            writeProps(ROW_KEY, KEY_FIELD, WI_JOURNAL),
            List.of(wiId, wiKey, req("Text", "the comment, plain text or HTML")),
            List.of(opt("Id", "the comment id"), opt("WorkItemId", "the work item commented on"))));
    l.add(
        new EndpointSpec(
            "add-link",
            true,
            "Links two work items (or a work item to a URL) per row; the service adds the reverse"
                + " link on the target.",
            writeProps(ROW_KEY, KEY_FIELD, WI_JOURNAL),
            List.of(
                oneOf(
                    "SourceId", "SourceId or SourceKey", "id of the work item the link starts at"),
                oneOf("SourceKey", "SourceId or SourceKey", "key of that work item"),
                // Not a one-of group: a hyperlink row has a Url instead of a target.
                opt("TargetId", "id of the linked work item (or give TargetKey)"),
                opt("TargetKey", "key of the linked work item"),
                req(
                    "LinkType",
                    "parent, child, related, predecessor, successor, hyperlink (needs Url), or a"
                        + " link type reference name such as System.LinkTypes.Related"),
                opt("Url", "the address a hyperlink points to (instead of a target)"),
                opt("Comment", "comment on the link")),
            List.of(opt("Id", "the source work item id"))));
    l.add(
        new EndpointSpec(
            "add-attachment",
            true,
            "Uploads a file and attaches it to a work item per row.",
            writeProps(ROW_KEY, KEY_FIELD, WI_JOURNAL),
            List.of(
                wiId,
                wiKey,
                req(
                    "File",
                    "path of the file to attach, under the source file's folder or"
                        + " --attachments-dir (at most 60 MB)"),
                opt("Comment", "comment on the attachment")),
            List.of(opt("Id", "the work item id"), opt("Url", "the attachment's URL"))));
    l.add(
        new EndpointSpec(
            "create-project",
            true,
            "Creates a project per row and waits until it is ready.",
            orgWriteProps(
                ROW_KEY,
                p("process", "process for rows without a Process column, same as --set Process=P")),
            List.of(
                req("Name", "the project name"),
                opt("Description", "the description"),
                opt(
                    "Process",
                    "process name or id such as Agile, Scrum, Basic, CMMI (default: the"
                        + " organization's default process)"),
                opt("Visibility", "private (default) or public")),
            List.of(opt("Id", "the project id"), opt("Url", "the project's API URL"))));
    l.add(
        new EndpointSpec(
            "update-project",
            true,
            "Renames a project or changes its description per row.",
            orgWriteProps(ROW_KEY),
            List.of(
                req("Name", "the current project name or id"),
                opt("NewName", "the new name"),
                opt("Description", "the new description")),
            List.of(opt("Id", "the project id"))));
    l.add(
        new EndpointSpec(
            "delete-project",
            true,
            "Deletes a project per row (it can be restored for 28 days).",
            orgWriteProps(ROW_KEY),
            List.of(req("Name", "the project name or id")),
            List.of(opt("Id", "the deleted project's id"))));
    l.add(
        new EndpointSpec(
            "create-team",
            true,
            "Creates a team in the project per row.",
            writeProps(ROW_KEY),
            List.of(req("Name", "the team name"), opt("Description", "the description")),
            List.of(opt("Id", "the team id"))));
    l.add(
        new EndpointSpec(
            "update-team",
            true,
            "Renames a team or changes its description per row.",
            writeProps(ROW_KEY),
            List.of(
                req("Name", "the current team name or id"),
                opt("NewName", "the new name"),
                opt("Description", "the new description")),
            List.of(opt("Id", "the team id"))));
    l.add(
        new EndpointSpec(
            "delete-team",
            true,
            "Deletes a team per row (not the project's default team).",
            writeProps(ROW_KEY),
            List.of(req("Name", "the team name or id")),
            List.of(opt("Id", "the deleted team's id"))));
    l.add(
        new EndpointSpec(
            "create-area",
            true,
            "Creates an area path per row; rows run in order, so parents may precede children.",
            writeProps(ROW_KEY),
            List.of(req("Path", "path below the project's root area, such as Web/Frontend")),
            List.of(opt("Id", "the area node id"), opt("Path", "the full path"))));
    l.add(
        new EndpointSpec(
            "create-iteration",
            true,
            "Creates an iteration per row with optional dates; rows run in order.",
            writeProps(
                ROW_KEY, p("date-format", "date patterns tried for the dates, such as dd/MM/yyyy")),
            List.of(
                req("Path", "path below the project's root iteration, such as Release 1/Sprint 1"),
                opt("StartDate", "first day, such as 2025-01-06"),
                opt("FinishDate", "last day, on or after StartDate")),
            List.of(opt("Id", "the iteration node id"), opt("Path", "the full path"))));
    l.add(
        new EndpointSpec(
            "delete-area",
            true,
            "Deletes an area path and its children per row, moving their work items.",
            writeProps(ROW_KEY),
            List.of(
                req("Path", "path below the project's root area"),
                opt("ReclassifyTo", "area path that receives its work items (default: the root)")),
            List.of(opt("Id", "the deleted node's id"))));
    l.add(
        new EndpointSpec(
            "delete-iteration",
            true,
            "Deletes an iteration and its children per row, moving their work items.",
            writeProps(ROW_KEY),
            List.of(
                req("Path", "path below the project's root iteration"),
                opt(
                    "ReclassifyTo",
                    "iteration path that receives its work items (default: the root)")),
            List.of(opt("Id", "the deleted node's id"))));
    List<Property> none = List.of();
    List<Property> proj = List.of(p("project", "the project to read (--project)"));
    l.add(
        new EndpointSpec(
            "list-projects",
            false,
            "Lists the organization's projects.",
            none,
            List.of(),
            List.of(
                opt("Id", "project id"),
                opt("Name", "name"),
                opt("Description", "description"),
                opt("State", "wellFormed, createPending, deleting"),
                opt("Visibility", "private or public"))));
    l.add(
        new EndpointSpec(
            "list-teams",
            false,
            "Lists the teams of a project.",
            proj,
            List.of(),
            List.of(opt("Id", "team id"), opt("Name", "name"), opt("Description", "description"))));
    l.add(
        new EndpointSpec(
            "query-workitems",
            false,
            "Runs a WIQL query and returns the selected fields of each work item.",
            List.of(
                p("project", "the project @project stands for"),
                p("query", "the WIQL statement (SELECT [System.Title] FROM WorkItems WHERE ...)")),
            List.of(),
            List.of(opt("Id", "work item id"), opt("FIELD", "each field the query selects"))));
    l.add(
        new EndpointSpec(
            "get-workitems",
            false,
            "Reads work items by id.",
            List.of(
                p("ids", "the work item ids, comma separated"),
                p("fields", "the fields to return (default all)")),
            List.of(),
            List.of(
                opt("Id", "work item id"),
                opt("Rev", "revision"),
                opt("FIELD", "each field asked for"))));
    List<Column> nodeOut =
        List.of(
            opt("Id", "node id"),
            opt("Name", "name"),
            opt("Path", "full path"),
            opt("StartDate", "iteration start, empty for areas"),
            opt("FinishDate", "iteration finish, empty for areas"));
    l.add(
        new EndpointSpec(
            "list-areas",
            false,
            "Lists a project's area paths.",
            List.of(p("project", "the project to read"), p("depth", "levels below the root")),
            List.of(),
            nodeOut));
    l.add(
        new EndpointSpec(
            "list-iterations",
            false,
            "Lists a project's iterations with their dates.",
            List.of(p("project", "the project to read"), p("depth", "levels below the root")),
            List.of(),
            nodeOut));
    l.add(
        new EndpointSpec(
            "list-comments",
            false,
            "Lists the comments of a work item.",
            List.of(p("project", "the work item's project"), p("id", "the work item id")),
            List.of(),
            List.of(
                opt("Id", "comment id"),
                opt("WorkItemId", "work item id"),
                opt("Text", "HTML text"),
                opt("CreatedBy", "author"),
                opt("CreatedDate", "when"))));
    l.add(
        new EndpointSpec(
            "list-fields",
            false,
            "Lists the fields of a work item type (same as azdo fields).",
            List.of(p("project", "the project"), p("type", "the work item type")),
            List.of(),
            List.of(
                opt("ReferenceName", "such as System.Title"),
                opt("Name", "display name"),
                opt("Type", "string, integer, dateTime, ..."),
                opt("Required", "true when a create must give it"),
                opt("AllowedValues", "the picklist, if any"))));
    l.add(
        new EndpointSpec(
            "list-workitem-types",
            false,
            "Lists the work item types of a project.",
            proj,
            List.of(),
            List.of(
                opt("Name", "such as Bug"),
                opt("ReferenceName", "such as Microsoft.VSTS.WorkItemTypes.Bug"),
                opt("Description", "description"))));
    l.add(
        new EndpointSpec(
            "list-processes",
            false,
            "Lists the organization's processes.",
            none,
            List.of(),
            List.of(
                opt("Id", "process id"),
                opt("Name", "Agile, Scrum, ..."),
                opt("Description", "description"),
                opt("IsDefault", "true for the default of new projects"),
                opt("Type", "system, custom or inherited"))));
    return List.copyOf(l);
  }
}
