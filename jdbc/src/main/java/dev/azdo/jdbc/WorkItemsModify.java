package dev.azdo.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * INSERT, UPDATE or DELETE on WorkItems or a writable {@link RowTable}: its input rows go to the
 * table's {@code modify}, which writes them through the pipeline's import task, and it returns the
 * count of rows changed. For WorkItems the input holds only what the write needs: for UPDATE the id
 * and the new values, for DELETE the id (so the scan below reads only those columns), for INSERT
 * the table's columns. For the other tables it holds the whole row (the endpoints are keyed by
 * name, path or id), then for UPDATE the new values.
 */
final class WorkItemsModify extends SingleRel implements EnumerableRel {
  /** Turns Calcite's logical modify of WorkItems into this one. */
  static final RelOptRule RULE = new ModifyRule();

  final RelOptTable table;
  final Class<?> tableClass;
  final TableModify.Operation operation;
  final int[] columns;

  private WorkItemsModify(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      RelOptTable table,
      TableModify.Operation operation,
      int[] columns) {
    super(cluster, traits, input);
    this.table = table;
    this.tableClass =
        table.unwrap(WorkItemsTable.class) != null ? WorkItemsTable.class : RowTable.class;
    this.operation = operation;
    this.columns = columns.clone();
  }

  /**
   * Makes the planner write WorkItems through this node: Calcite's own modify would write into an
   * in-memory collection.
   */
  static void addRules(RelOptPlanner planner) {
    planner.addRule(RULE);
    planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new WorkItemsModify(getCluster(), traitSet, sole(inputs), table, operation, columns);
  }

  @Override
  protected RelDataType deriveRowType() {
    return RelOptUtil.createDmlRowType(SqlKind.INSERT, getCluster().getTypeFactory());
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("table", table.getQualifiedName())
        .item("operation", operation);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder b = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = b.append("rows", input.block);
    Expression arrays = b.append("arrays", input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    b.add(
        Expressions.return_(
            null,
            Expressions.call(
                // A RowTable's own expression would be its scan, since it is filterable.
                Expressions.convert_(table.getExpression(ModifiableTable.class), tableClass),
                "modify",
                implementor.getRootExpression(),
                Expressions.constant(operation.name()),
                Expressions.convert_(arrays, Enumerable.class),
                Expressions.constant(columns))));
    PhysType physType =
        PhysTypeImpl.of(
            implementor.getTypeFactory(), getRowType(), pref.prefer(JavaRowFormat.SCALAR));
    return implementor.result(physType, b.toBlock());
  }

  @SuppressWarnings("deprecation") // RelOptRule's operand builders: the form Calcite's adapters use
  private static final class ModifyRule extends RelOptRule {
    ModifyRule() {
      super(operand(LogicalTableModify.class, any()), RelFactories.LOGICAL_BUILDER, "WiqlModify");
    }

    @Override
    public boolean matches(RelOptRuleCall call) {
      TableModify m = call.rel(0);
      return m.getTable().unwrap(WorkItemsTable.class) != null
          || m.getTable().unwrap(RowTable.class) != null;
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalTableModify m = call.rel(0);
      RelNode input = m.getInput();
      int width = m.getTable().getRowType().getFieldCount();
      RelBuilder rb = call.builder().push(input);
      List<RexNode> keep = new ArrayList<>();
      List<Integer> cols = new ArrayList<>();
      RowTable rowTable = m.getTable().unwrap(RowTable.class);
      boolean wholeRow = rowTable != null;
      if (wholeRow && m.getOperation() != TableModify.Operation.INSERT) {
        for (int i = 0; i < width; i++) {
          keep.add(rb.field(i));
          cols.add(i);
        }
      }
      if (wholeRow && m.getOperation() == TableModify.Operation.DELETE) {
        // The whole row is the input.
      } else if (wholeRow && m.getOperation() == TableModify.Operation.UPDATE) {
        List<String> names = m.getTable().getRowType().getFieldNames();
        List<String> set = m.getUpdateColumnList();
        for (int i = 0; i < set.size(); i++) {
          keep.add(rb.field(width + i));
          cols.add(names.indexOf(set.get(i)));
        }
      } else {
        switch (m.getOperation()) {
          case INSERT -> {
            for (int i = 0; i < width; i++) {
              keep.add(rb.field(i));
              cols.add(i);
            }
          }
          case UPDATE -> {
            // Calcite's input is every column, then each SET expression.
            keep.add(rb.field(0));
            cols.add(0);
            List<String> names = m.getTable().getRowType().getFieldNames();
            List<String> set = m.getUpdateColumnList();
            for (int i = 0; i < set.size(); i++) {
              keep.add(rb.field(width + i));
              cols.add(names.indexOf(set.get(i)));
            }
          }
          case DELETE -> {
            keep.add(rb.field(0));
            cols.add(0);
          }
          default -> {
            return; // MERGE: not offered
          }
        }
      }
      RelNode narrowed = rb.project(keep).build();
      RelTraitSet enumerable = m.getTraitSet().replace(EnumerableConvention.INSTANCE);
      call.transformTo(
          new WorkItemsModify(
              m.getCluster(),
              enumerable,
              convert(narrowed, narrowed.getTraitSet().replace(EnumerableConvention.INSTANCE)),
              m.getTable(),
              m.getOperation(),
              cols.stream().mapToInt(Integer::intValue).toArray()));
    }
  }
}
