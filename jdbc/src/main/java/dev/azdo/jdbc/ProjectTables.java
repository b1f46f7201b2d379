package dev.azdo.jdbc;

import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.Comment;
import dev.azdo.client.FieldInfo;
import dev.azdo.client.Page;
import dev.azdo.client.ProjectFields;
import dev.azdo.client.QueryResult;
import dev.azdo.client.ReportingRevisions;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemLink;
import dev.azdo.client.WorkItemQueries;
import dev.azdo.jdbc.RowTable.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The project's tables besides WorkItems, each read from its REST listing: WorkItemLinks, Comments,
 * Revisions, Projects, Teams, Areas, Iterations, Fields, WorkItemTypes, Processes.
 */
final class ProjectTables {
  private static final String ALL_IDS =
      "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY"
          + " [System.Id]";
  private static final String ALL_LINKS =
      "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.TeamProject] = @project"
          + " MODE (MustContain)";

  private final AzdoContext ctx;
  private final AzdoClient client;
  private final String project;

  ProjectTables(AzdoContext ctx, String project) {
    this.ctx = ctx;
    this.client = ctx.client();
    this.project = project;
  }

  /** Every table by name. */
  Map<String, Table> all() {
    Map<String, Table> m = new LinkedHashMap<>();
    m.put(
        "WorkItemLinks",
        table(
            "WorkItemLinks",
            RowWrites.links(),
            List.of(col("SourceId", INTEGER), col("TargetId", INTEGER), col("LinkType", VARCHAR)),
            this::links));
    m.put(
        "Comments",
        new RowTable(
            "Comments",
            ctx,
            project,
            List.of(
                col("WorkItemId", INTEGER),
                col("CommentId", INTEGER),
                col("Version", INTEGER),
                col("Text", VARCHAR),
                col("CreatedBy", VARCHAR),
                col("CreatedDate", TIMESTAMP)),
            true,
            this::comments,
            RowWrites.comments()));
    m.put(
        "Revisions",
        new RowTable(
            "Revisions",
            ctx,
            project,
            List.of(
                col("WorkItemId", INTEGER),
                col("Rev", INTEGER),
                col("WorkItemType", VARCHAR),
                col("Title", VARCHAR),
                col("State", VARCHAR),
                col("AssignedTo", VARCHAR),
                col("ChangedBy", VARCHAR),
                col("ChangedDate", TIMESTAMP)),
            true,
            this::revisions,
            null));
    m.put(
        "Projects",
        table(
            "Projects",
            null,
            List.of(
                col("Id", VARCHAR),
                col("Name", VARCHAR),
                col("Description", VARCHAR),
                col("State", VARCHAR),
                col("Visibility", VARCHAR)),
            id ->
                client.listAllProjects().stream()
                    .map(
                        p ->
                            new Object[] {
                              p.id(), p.name(), p.description(), p.state(), p.visibility()
                            })
                    .toList()));
    m.put(
        "Teams",
        table(
            "Teams",
            RowWrites.teams(),
            List.of(col("Id", VARCHAR), col("Name", VARCHAR), col("Description", VARCHAR)),
            id ->
                client.listTeams(project).stream()
                    .map(t -> new Object[] {t.id(), t.name(), t.description()})
                    .toList()));
    m.put(
        "Areas",
        table(
            "Areas",
            RowWrites.areas(),
            nodeColumns(false),
            id -> nodes(ClassificationNode.Group.AREAS)));
    m.put(
        "Iterations",
        table(
            "Iterations",
            RowWrites.iterations(),
            nodeColumns(true),
            id -> nodes(ClassificationNode.Group.ITERATIONS)));
    m.put(
        "Fields",
        table(
            "Fields",
            null,
            List.of(
                col("ReferenceName", VARCHAR),
                col("Name", VARCHAR),
                col("Type", VARCHAR),
                col("IsIdentity", BOOLEAN),
                col("ReadOnly", BOOLEAN)),
            id -> {
              List<Object[]> rows = new ArrayList<>();
              for (FieldInfo f : new ProjectFields(client).list(project)) {
                rows.add(
                    new Object[] {
                      f.referenceName(), f.name(), f.type(), f.identity(), f.readOnly()
                    });
              }
              return rows;
            }));
    m.put(
        "WorkItemTypes",
        table(
            "WorkItemTypes",
            null,
            List.of(
                col("Name", VARCHAR),
                col("ReferenceName", VARCHAR),
                col("Description", VARCHAR),
                col("IsDisabled", BOOLEAN)),
            id ->
                client.listWorkItemTypes(project).stream()
                    .map(
                        t ->
                            new Object[] {
                              t.name(), t.referenceName(), t.description(), t.disabled()
                            })
                    .toList()));
    m.put(
        "Processes",
        table(
            "Processes",
            null,
            List.of(
                col("Id", VARCHAR),
                col("Name", VARCHAR),
                col("Description", VARCHAR),
                col("IsDefault", BOOLEAN),
                col("Type", VARCHAR)),
            id ->
                client.listProcesses().stream()
                    .map(
                        p ->
                            new Object[] {
                              p.id(), p.name(), p.description(), p.isDefault(), p.type()
                            })
                    .toList()));
    return m;
  }

  private static Column col(String name, SqlTypeName type) {
    return new Column(name, type);
  }

  private RowTable table(
      String name,
      RowWrites writes,
      List<Column> columns,
      java.util.function.Function<Integer, List<Object[]>> reader) {
    return new RowTable(name, ctx, project, columns, false, reader, writes);
  }

  private List<Object[]> links(Integer unused) {
    QueryResult r = new WorkItemQueries(client).run(project, ALL_LINKS);
    List<Object[]> rows = new ArrayList<>();
    for (WorkItemLink l : r.links()) {
      if (l.sourceId() != 0 && l.rel() != null) {
        rows.add(new Object[] {l.sourceId(), l.targetId(), l.rel()});
      }
    }
    return rows;
  }

  private List<Object[]> comments(Integer workItemId) {
    List<Integer> ids =
        workItemId != null
            ? List.of(workItemId)
            : new WorkItemQueries(client).run(project, ALL_IDS).ids();
    List<Object[]> rows = new ArrayList<>();
    for (int id : ids) {
      String token = null;
      do {
        Page<Comment> page = client.listComments(project, id, token);
        for (Comment c : page.items()) {
          rows.add(
              new Object[] {
                c.workItemId(),
                c.id(),
                c.version(),
                c.text(),
                c.createdBy(),
                c.createdDate() == null ? null : WorkItemRows.millis(c.createdDate())
              });
        }
        token = page.hasMore() ? page.continuationToken() : null;
      } while (token != null);
    }
    return rows;
  }

  private List<Object[]> revisions(Integer workItemId) {
    ReportingRevisions reporting = new ReportingRevisions(client);
    List<Object[]> rows = new ArrayList<>();
    String token = null;
    while (true) {
      ReportingRevisions.Batch b = reporting.read(project, ReportingRevisions.Filter.all(), token);
      for (WorkItem w : b.values()) {
        if (workItemId == null || w.id() == workItemId) {
          rows.add(
              new Object[] {
                w.id(),
                w.rev(),
                text(w.field("System.WorkItemType")),
                text(w.field("System.Title")),
                text(w.field("System.State")),
                identity(w.field("System.AssignedTo")),
                identity(w.field("System.ChangedBy")),
                WorkItemRows.millis(w.field("System.ChangedDate").asText())
              });
        }
      }
      if (b.isLastBatch() || b.continuationToken() == null) {
        return rows;
      }
      token = b.continuationToken();
    }
  }

  private static String text(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String identity(JsonNode v) {
    if (v.isObject()) {
      return text(v.path("displayName"));
    }
    return text(v);
  }

  private static List<Column> nodeColumns(boolean dates) {
    List<Column> c = new ArrayList<>();
    c.add(col("Id", INTEGER));
    c.add(col("Name", VARCHAR));
    c.add(col("Path", VARCHAR));
    c.add(col("HasChildren", BOOLEAN));
    if (dates) {
      c.add(col("StartDate", TIMESTAMP));
      c.add(col("FinishDate", TIMESTAMP));
    }
    return c;
  }

  private List<Object[]> nodes(ClassificationNode.Group group) {
    // Depth 100 reaches every level the service allows (at most 14).
    ClassificationNode root = client.getNode(project, group, null, 100);
    List<Object[]> rows = new ArrayList<>();
    walk(root, group == ClassificationNode.Group.ITERATIONS, rows);
    return rows;
  }

  private static void walk(ClassificationNode n, boolean dates, List<Object[]> rows) {
    Object[] row = new Object[dates ? 6 : 4];
    row[0] = n.id();
    row[1] = n.name();
    row[2] = n.path();
    row[3] = n.hasChildren();
    if (dates) {
      JsonNode a = n.attributes();
      row[4] =
          a == null || !a.hasNonNull("startDate")
              ? null
              : WorkItemRows.millis(a.get("startDate").asText());
      row[5] =
          a == null || !a.hasNonNull("finishDate")
              ? null
              : WorkItemRows.millis(a.get("finishDate").asText());
    }
    rows.add(row);
    if (n.children() != null) {
      for (ClassificationNode c : n.children()) {
        walk(c, dates, rows);
      }
    }
  }
}
