package dev.azdo.jdbc;

import java.util.Collection;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;

/**
 * A table whose INSERT, UPDATE and DELETE Calcite plans as a {@link TableModify} that {@link
 * WorkItemsModify}'s rules turn into writes through the import task, never into a collection.
 */
interface ImportWrittenTable extends ModifiableTable {
  /** Never used: {@link WorkItemsModify} writes through the import task instead. */
  @Override
  default Collection<Object[]> getModifiableCollection() {
    throw new UnsupportedOperationException("written through the import task");
  }

  /** Plans the modify and registers the rules that write it (an INSERT has no scan to do that). */
  @Override
  default TableModify toModificationRel(
      RelOptCluster cluster,
      RelOptTable table,
      Prepare.CatalogReader catalogReader,
      RelNode child,
      TableModify.Operation operation,
      List<String> updateColumnList,
      List<RexNode> sourceExpressionList,
      boolean flattened) {
    WorkItemsModify.addRules(cluster.getPlanner());
    return LogicalTableModify.create(
        table, catalogReader, child, operation, updateColumnList, sourceExpressionList, flattened);
  }
}
