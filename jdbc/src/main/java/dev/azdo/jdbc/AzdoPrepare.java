package dev.azdo.jdbc;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.ProxyingMetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;

/**
 * Calcite's statement preparation with the planner's metadata (row counts, costs, collations)
 * answered through reflective proxies instead of handler classes Janino generates and compiles on
 * first use: a driver process plans a handful of small statements, and compiling the handlers was
 * the largest single part of a short {@code azdo sql} run's CPU time (BENCHMARKS.md).
 */
final class AzdoPrepare extends CalcitePrepareImpl {
  private static final MetadataHandlerProvider HANDLERS =
      new ProxyingMetadataHandlerProvider(DefaultRelMetadataProvider.INSTANCE);

  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(HANDLERS));
    return cluster;
  }
}
