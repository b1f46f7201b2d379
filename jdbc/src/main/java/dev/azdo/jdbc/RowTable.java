package dev.azdo.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A table read whole from one REST listing (projects, teams, fields, ...); when its first column is
 * a work item id, an equality filter on it is handed to the reader so only that item is read. A
 * table with {@link RowWrites} takes INSERT, UPDATE and DELETE as its endpoints offer them (see
 * {@link WorkItemsModify}); the others are read-only.
 */
public final class RowTable extends AbstractQueryableTable
    implements FilterableTable, ImportWrittenTable, TranslatableTable {
  /**
   * One column.
   *
   * @param name the SQL name
   * @param type the SQL type (TIMESTAMP values are UTC milliseconds)
   */
  record Column(String name, SqlTypeName type) {}

  private final List<Column> columns;
  private final boolean keyedByWorkItem;
  private final Function<Integer, List<Object[]>> reader;
  private final String name;
  private final AzdoContext ctx;
  private final String project;
  private final RowWrites writes;

  /**
   * Creates the table; the reader gets the work item id a filter asked for, or null for all rows.
   *
   * @param writes how its rows are written, or null for a read-only table
   */
  RowTable(
      String name,
      AzdoContext ctx,
      String project,
      List<Column> columns,
      boolean keyedByWorkItem,
      Function<Integer, List<Object[]>> reader,
      RowWrites writes) {
    super(Object[].class);
    this.name = name;
    this.ctx = ctx;
    this.project = project;
    this.columns = List.copyOf(columns);
    this.keyedByWorkItem = keyedByWorkItem;
    this.reader = reader;
    this.writes = writes;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    RelDataTypeFactory.Builder b = types.builder();
    for (Column c : columns) {
      RelDataType t =
          c.type() == SqlTypeName.TIMESTAMP
              ? types.createSqlType(SqlTypeName.TIMESTAMP, 3)
              : types.createSqlType(c.type());
      b.add(c.name(), types.createTypeWithNullability(t, true));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    Integer id = keyedByWorkItem ? takeIdFilter(filters) : null;
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return Linq4j.enumerator(reader.apply(id));
      }
    };
  }

  // Takes "column 0 = n" out of the filters (Calcite then does not evaluate it again).
  private static Integer takeIdFilter(List<RexNode> filters) {
    for (RexNode f : new ArrayList<>(filters)) {
      if (f.getKind() == SqlKind.EQUALS && f instanceof RexCall call) {
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (b instanceof RexInputRef && a instanceof RexLiteral) {
          RexNode t = a;
          a = b;
          b = t;
        }
        if (a instanceof RexInputRef ref
            && ref.getIndex() == 0
            && b instanceof RexLiteral lit
            && lit.getValueAs(Integer.class) != null) {
          filters.remove(f);
          return lit.getValueAs(Integer.class);
        }
      }
    }
    return null;
  }

  /**
   * Writes the rows of one INSERT, UPDATE or DELETE (each the table's columns, then for UPDATE the
   * SET values of the columns after the first {@code width} of {@code cols}) and returns the count;
   * called from the code Calcite generates.
   */
  public Enumerable<Long> modify(
      DataContext root, String operation, Enumerable<Object[]> rows, int[] cols) {
    TableModify.Operation op = TableModify.Operation.valueOf(operation);
    // Checked here, not while planning, where Calcite would bury the reason in its own message.
    checkWritable(op);
    int width = columns.size();
    int[] set = java.util.Arrays.copyOfRange(cols, Math.min(width, cols.length), cols.length);
    long n =
        ctx.writes()
            .submit(
                name
                    + "\u0000"
                    + project
                    + "\u0000"
                    + op
                    + "\u0000"
                    + java.util.Arrays.toString(set),
                op,
                writes.keyName(),
                rows.toList(),
                all -> writes.write(ctx, project, op, width, set, all));
    return Linq4j.singletonEnumerable(n);
  }

  /** Throws, naming the table and what it takes, unless the operation has an endpoint. */
  private void checkWritable(TableModify.Operation operation) {
    if (writes == null) {
      throw new IllegalArgumentException(name + " is read-only");
    }
    if (writes.endpoint(operation) == null) {
      throw new IllegalArgumentException(
          ImportedRows.verb(operation)
              + " "
              + name
              + ": not offered (the endpoint catalogue has no such endpoint); "
              + name
              + " takes "
              + writes.offered());
    }
  }

  /**
   * The plain scan; it registers the write rules, since Calcite asks the table for UPDATE and
   * DELETE only through the scan of their rows.
   */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
    if (writes != null) {
      WorkItemsModify.addRules(context.getCluster().getPlanner());
    }
    return LogicalTableScan.create(context.getCluster(), table, context.getTableHints());
  }

  @Override
  public <T> Queryable<T> asQueryable(
      QueryProvider queryProvider, SchemaPlus schema, String tableName) {
    return new AbstractTableQueryable<>(queryProvider, schema, this, tableName) {
      @SuppressWarnings("unchecked")
      @Override
      public Enumerator<T> enumerator() {
        return (Enumerator<T>) Linq4j.enumerator(reader.apply(null));
      }
    };
  }
}
