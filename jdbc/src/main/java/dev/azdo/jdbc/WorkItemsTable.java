package dev.azdo.jdbc;

import dev.azdo.client.QueryResult;
import dev.azdo.client.WorkItemFetcher;
import dev.azdo.client.WorkItemQueries;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.schema.CustomColumnResolvingTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.util.Pair;

/**
 * The WorkItems table of one project: a column per field of its work item types. Scans become WIQL
 * queries (see {@link WorkItemsScan} and {@link WiqlRules}) whose ids are read through parallel
 * {@code workitemsbatch} calls asking only for the selected fields. INSERT, UPDATE and DELETE
 * become {@link WorkItemsModify} and are written by {@link StatementWrites}.
 */
public final class WorkItemsTable extends AbstractQueryableTable
    implements TranslatableTable, CustomColumnResolvingTable, ImportWrittenTable {
  private final AzdoContext ctx;
  private final String project;
  private final List<WorkItemColumn> columns;

  WorkItemsTable(AzdoContext ctx, String project, List<WorkItemColumn> columns) {
    super(Object[].class);
    this.ctx = ctx;
    this.project = project;
    this.columns = List.copyOf(columns);
  }

  /** The columns in table order. */
  List<WorkItemColumn> columns() {
    return columns;
  }

  String project() {
    return project;
  }

  AzdoContext context() {
    return ctx;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder b = types.builder();
    for (WorkItemColumn c : columns) {
      RelDataType t =
          c.type() == SqlTypeName.TIMESTAMP
              ? types.createSqlType(SqlTypeName.TIMESTAMP, 3)
              : types.createSqlType(c.type());
      b.add(c.name(), c.isId() ? t : types.createTypeWithNullability(t, true));
    }
    return b.build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
    int[] all = new int[columns.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new WorkItemsScan(
        context.getCluster(),
        context.getCluster().traitSetOf(Convention.NONE),
        table,
        this,
        all,
        WiqlPlan.ALL);
  }

  /** Resolves a column by its SQL name or, quoted, by its reference name ("System.Title"). */
  @Override
  public List<Pair<RelDataTypeField, List<String>>> resolveColumn(
      RelDataType rowType, RelDataTypeFactory typeFactory, List<String> names) {
    String first = names.get(0);
    List<String> rest = names.subList(1, names.size());
    List<Pair<RelDataTypeField, List<String>>> out = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      if (f.getName().equalsIgnoreCase(first)) {
        out.add(Pair.of(f, rest));
        return out;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      WorkItemColumn c = columns.get(i);
      String ref =
          c.part() == WorkItemColumn.Part.UNIQUE_NAME
              ? c.referenceName() + ".UniqueName"
              : c.referenceName();
      if (ref.toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT))) {
        out.add(Pair.of(rowType.getFieldList().get(i), rest));
        return out;
      }
    }
    return out;
  }

  /**
   * Runs one scan: the WIQL query (with {@code $top} when top is above 0), then the rows of the
   * given columns; called from the code Calcite generates for {@link WorkItemsScan}. Rows are
   * Calcite's: an array, the value itself for one column, an empty list for none.
   */
  public Enumerable<Object> query(DataContext root, String wiql, int top, int[] selected) {
    List<WorkItemColumn> cols = new ArrayList<>();
    for (int i : selected) {
      cols.add(columns.get(i));
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        WorkItemQueries queries = new WorkItemQueries(ctx.client());
        // Dates compare to the millisecond, as SQL's TIMESTAMP comparisons do.
        QueryResult r =
            top > 0 ? queries.run(project, wiql, true, top) : queries.run(project, wiql, true);
        Iterator<Object[]> rows = rows(r.ids(), cols);
        return Linq4j.iterableEnumerator(
            () ->
                new Iterator<Object>() {
                  @Override
                  public boolean hasNext() {
                    return rows.hasNext();
                  }

                  @Override
                  public Object next() {
                    Object[] row = rows.next();
                    return switch (row.length) {
                      case 0 -> List.of();
                      case 1 -> row[0];
                      default -> row;
                    };
                  }
                });
      }
    };
  }

  private Iterator<Object[]> rows(List<Integer> ids, List<WorkItemColumn> cols) {
    Set<String> fields = new LinkedHashSet<>();
    for (WorkItemColumn c : cols) {
      if (!c.isId()) {
        fields.add(c.referenceName());
      }
    }
    if (fields.isEmpty()) {
      // Only ids (or nothing, for COUNT(*)): the WIQL answer is enough.
      Iterator<Integer> it = ids.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Object[] next() {
          Integer id = it.next();
          Object[] row = new Object[cols.size()];
          java.util.Arrays.fill(row, id);
          return row;
        }
      };
    }
    Iterator<dev.azdo.client.WorkItem> items =
        WorkItemFetcher.builder(ctx.client())
            .project(project)
            .fields(List.copyOf(fields))
            .build()
            .items(ids);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Object[] next() {
        return WorkItemRows.row(items.next(), cols);
      }
    };
  }

  /**
   * Writes the rows of one INSERT, UPDATE or DELETE (each an array holding the given table columns,
   * see {@link WorkItemsModify}) and returns the count; called from the code Calcite generates.
   */
  public Enumerable<Long> modify(
      DataContext root, String operation, Enumerable<Object[]> rows, int[] cols) {
    List<WorkItemColumn> written = new ArrayList<>();
    for (int i : cols) {
      written.add(columns.get(i));
    }
    TableModify.Operation op = TableModify.Operation.valueOf(operation);
    long n =
        ctx.writes()
            .submit(
                "WorkItems\u0000" + project + "\u0000" + op + "\u0000" + written,
                op,
                "work item",
                rows.toList(),
                all -> ImportedRows.write(ctx, project, op, written, all));
    return Linq4j.singletonEnumerable(n);
  }

  @Override
  public <C> C unwrap(Class<C> c) {
    if (c == InitializerExpressionFactory.class) {
      return c.cast(ID_IS_THE_SERVICES);
    }
    return super.unwrap(c);
  }

  // The service numbers new work items: INSERT cannot name Id (STORED), and gets 0 in its place.
  private static final InitializerExpressionFactory ID_IS_THE_SERVICES =
      new NullInitializerExpressionFactory() {
        @Override
        public ColumnStrategy generationStrategy(RelOptTable table, int column) {
          return column == 0 ? ColumnStrategy.STORED : super.generationStrategy(table, column);
        }

        @Override
        public RexNode newColumnDefaultValue(
            RelOptTable table, int column, InitializerContext context) {
          if (column == 0) {
            return context
                .getRexBuilder()
                .makeExactLiteral(
                    java.math.BigDecimal.ZERO, table.getRowType().getFieldList().get(0).getType());
          }
          return super.newColumnDefaultValue(table, column, context);
        }
      };

  @Override
  public <T> Queryable<T> asQueryable(
      QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<>(queryProvider, schema, this, tableName) {
      @Override
      public Enumerator<T> enumerator() {
        throw new UnsupportedOperationException("WorkItems is read through its scan");
      }
    };
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }
}
