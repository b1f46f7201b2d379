package dev.azdo.emulator.wiql;

import dev.azdo.emulator.model.FieldDef;
import java.time.Instant;
import java.util.List;

/**
 * What a WIQL query returns: its type ("flat", "oneHop" or "tree"), the result type ("workItem" or
 * "workItemLink"), when it ran (or its ASOF), the resolved columns and sort columns, and either the
 * matching work item ids (flat) or the links (link queries).
 */
public record WiqlResult(
    String queryType,
    String queryResultType,
    Instant asOf,
    List<FieldDef> columns,
    List<SortColumn> sortColumns,
    List<Integer> workItems,
    List<Link> workItemRelations) {

  /** A sort column: the field and whether it sorts descending. */
  public record SortColumn(FieldDef field, boolean descending) {}

  /**
   * One entry of a link query's result; rel and sourceId are null for a top-level work item, as the
   * service sends them.
   */
  public record Link(String rel, Integer sourceId, int targetId) {}
}
