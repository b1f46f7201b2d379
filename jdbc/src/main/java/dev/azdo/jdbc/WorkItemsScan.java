package dev.azdo.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * A scan of WorkItems as one WIQL query plus the reads of the selected columns; the rules in {@link
 * WiqlRules} push filters, projections, order and limits into it. EXPLAIN shows its WIQL.
 */
final class WorkItemsScan extends TableScan implements EnumerableRel {
  final WorkItemsTable workItems;
  final int[] columns;
  final WiqlPlan plan;

  WorkItemsScan(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelOptTable table,
      WorkItemsTable workItems,
      int[] columns,
      WiqlPlan plan) {
    super(cluster, traits, List.of(), table);
    this.workItems = workItems;
    this.columns = columns.clone();
    this.plan = plan;
  }

  /** The same scan with another plan. */
  WorkItemsScan withPlan(WiqlPlan p) {
    return new WorkItemsScan(getCluster(), traitSet, table, workItems, columns, p);
  }

  /** The same scan reading other columns (indexes into the table). */
  WorkItemsScan withColumns(int[] cols) {
    return new WorkItemsScan(getCluster(), traitSet, table, workItems, cols, plan);
  }

  /** The columns this scan returns, in its output order. */
  List<WorkItemColumn> outputColumns() {
    List<WorkItemColumn> out = new ArrayList<>();
    for (int i : columns) {
      out.add(workItems.columns().get(i));
    }
    return out;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new WorkItemsScan(getCluster(), traitSet, table, workItems, columns, plan);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder b = getCluster().getTypeFactory().builder();
    for (int i : columns) {
      b.add(all.get(i));
    }
    return b.build();
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> names = outputColumns().stream().map(WorkItemColumn::name).toList();
    return super.explainTerms(pw)
        .item("wiql", plan.wiql())
        .itemIf("top", plan.top(), plan.top() > 0)
        .item("columns", names);
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(WiqlRules.FILTER);
    planner.addRule(WiqlRules.PROJECT);
    planner.addRule(WiqlRules.SORT);
    planner.addRule(WiqlRules.TO_ENUMERABLE);
    WorkItemsModify.addRules(planner);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    // Each pushed condition is taken to keep a fifth of the items; $top caps the count.
    double rows = 10_000 * Math.pow(0.2, plan.conditions().size());
    return plan.top() > 0 ? Math.min(rows, plan.top()) : rows;
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    // Fewer columns mean smaller reads: the factor makes a narrower scan the cheaper one.
    double width = (columns.length + 2D) / (table.getRowType().getFieldCount() + 2D);
    return planner.getCostFactory().makeCost(rows * width, rows * width, rows * width);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(
        physType,
        Blocks.toBlock(
            Expressions.call(
                table.getExpression(WorkItemsTable.class),
                "query",
                implementor.getRootExpression(),
                Expressions.constant(plan.wiql()),
                Expressions.constant(plan.top()),
                Expressions.constant(columns))));
  }
}
