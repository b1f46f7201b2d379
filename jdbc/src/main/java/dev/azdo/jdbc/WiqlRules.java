package dev.azdo.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The planner rules that push work into a {@link WorkItemsScan}'s WIQL: filters, the columns to
 * read, and ORDER BY with LIMIT as {@code $top}. What they cannot push stays above the scan for
 * Calcite to evaluate, so results never depend on what was pushed.
 */
@SuppressWarnings("deprecation") // RelOptRule's operand builders: the form Calcite's adapters use
final class WiqlRules {
  /** Pushes a filter's translatable conjuncts. */
  static final RelOptRule FILTER = new FilterRule();

  /** Narrows a scan to the columns a projection uses. */
  static final RelOptRule PROJECT = new ProjectRule();

  /** Pushes ORDER BY and LIMIT straight over a scan. */
  static final RelOptRule SORT = new SortRule();

  /** Makes a logical scan, with all that was pushed into it, enumerable. */
  static final RelOptRule TO_ENUMERABLE =
      ConverterRule.Config.INSTANCE
          .withConversion(
              WorkItemsScan.class,
              Convention.NONE,
              EnumerableConvention.INSTANCE,
              "WiqlToEnumerableRule")
          .withRuleFactory(ToEnumerableRule::new)
          .toRule(ToEnumerableRule.class);

  // Fields every work item has: ordering by them with $top picks the same rows SQL would (others
  // may be empty, and WIQL and SQL place empties differently, or compare text without case).
  private static final Set<String> TOP_KEYS =
      Set.of("system.id", "system.rev", "system.createddate", "system.changeddate");

  private WiqlRules() {}

  private static final class ToEnumerableRule extends ConverterRule {
    ToEnumerableRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return rel.copy(rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel.getInputs());
    }
  }

  private static final class FilterRule extends RelOptRule {
    FilterRule() {
      super(
          operand(LogicalFilter.class, operand(WorkItemsScan.class, Convention.NONE, none())),
          RelFactories.LOGICAL_BUILDER,
          "WiqlFilterRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      WorkItemsScan scan = call.rel(1);
      // Once conditions or a $top are in the WIQL, a filter above stays above: under a $top it
      // would change which rows are taken.
      if (!scan.plan.isEmpty()) {
        return;
      }
      WiqlConditions.Split split =
          WiqlConditions.split(
              filter.getCondition(), scan.outputColumns(), filter.getCluster().getRexBuilder());
      if (split.pushed().isEmpty()) {
        return;
      }
      WorkItemsScan pushed = scan.withPlan(scan.plan.where(split.pushed()));
      call.transformTo(call.builder().push(pushed).filter(split.residual()).build());
    }
  }

  private static final class ProjectRule extends RelOptRule {
    ProjectRule() {
      super(
          operand(LogicalProject.class, operand(WorkItemsScan.class, Convention.NONE, none())),
          RelFactories.LOGICAL_BUILDER,
          "WiqlProjectRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      WorkItemsScan scan = call.rel(1);
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      if (used.cardinality() == scan.columns.length) {
        return;
      }
      int[] cols = new int[used.cardinality()];
      int[] newIndex = new int[scan.columns.length];
      int n = 0;
      for (int i : used) {
        newIndex[i] = n;
        cols[n++] = scan.columns[i];
      }
      WorkItemsScan narrow = scan.withColumns(cols);
      RexShuttle remap =
          new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
              return new RexInputRef(newIndex[ref.getIndex()], ref.getType());
            }
          };
      List<RexNode> exprs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        exprs.add(e.accept(remap));
      }
      call.transformTo(
          call.builder().push(narrow).project(exprs, project.getRowType().getFieldNames()).build());
    }
  }

  private static final class SortRule extends RelOptRule {
    SortRule() {
      super(
          operand(LogicalSort.class, operand(WorkItemsScan.class, Convention.NONE, none())),
          RelFactories.LOGICAL_BUILDER,
          "WiqlSortRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      WorkItemsScan scan = call.rel(1);
      if (!scan.plan.orderBy().isEmpty() || scan.plan.top() > 0) {
        return;
      }
      List<WorkItemColumn> cols = scan.outputColumns();
      List<String> keys = new ArrayList<>();
      boolean topSafe = true;
      for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
        WorkItemColumn c = cols.get(fc.getFieldIndex());
        if (c.part() != WorkItemColumn.Part.VALUE || c.isText()) {
          // WIQL orders text without regard to case (and refuses long text): Calcite orders it.
          return;
        }
        topSafe &= TOP_KEYS.contains(c.referenceName().toLowerCase(java.util.Locale.ROOT));
        keys.add(WiqlConditions.field(c) + (fc.getDirection().isDescending() ? " DESC" : ""));
      }
      int top = 0;
      if (sort.fetch != null) {
        if (!topSafe
            || !(sort.fetch instanceof RexLiteral f)
            || (sort.offset != null && !(sort.offset instanceof RexLiteral))) {
          return;
        }
        long n = RexLiteral.intValue(f);
        if (sort.offset != null) {
          n += RexLiteral.intValue(sort.offset);
        }
        if (n < 1 || n > dev.azdo.client.WorkItemQueries.RESULT_CAP) {
          return;
        }
        top = (int) n;
      } else if (keys.isEmpty()) {
        return;
      }
      WorkItemsScan pushed = scan.withPlan(scan.plan.orderedTop(keys, top));
      // The sort stays: Calcite's order and offset are exact, WIQL's $top only cuts the reads.
      call.transformTo(
          sort.copy(sort.getTraitSet(), pushed, sort.getCollation(), sort.offset, sort.fetch));
    }
  }
}
