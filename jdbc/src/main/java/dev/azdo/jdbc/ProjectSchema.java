package dev.azdo.jdbc;

import dev.azdo.client.ProjectFields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * One project's schema: WorkItems with a column per field of its work item types, and the tables of
 * {@link ProjectTables}. Built on first use and kept for the connection.
 */
final class ProjectSchema extends AbstractSchema {
  private final AzdoContext ctx;
  private final String project;
  private Map<String, Table> tables;

  ProjectSchema(AzdoContext ctx, String project) {
    this.ctx = ctx;
    this.project = project;
  }

  @Override
  protected synchronized Map<String, Table> getTableMap() {
    if (tables == null) {
      Map<String, Table> m = new LinkedHashMap<>();
      m.put(
          "WorkItems",
          new WorkItemsTable(
              ctx, project, WorkItemColumn.of(new ProjectFields(ctx.client()).list(project))));
      m.putAll(new ProjectTables(ctx, project).all());
      tables = m;
    }
    return tables;
  }
}
