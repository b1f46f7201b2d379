package dev.azdo.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A table read whole from one REST listing (projects, teams, fields, ...); when its first column is
 * a work item id, an equality filter on it is handed to the reader so only that item is read.
 */
final class RowTable extends AbstractTable implements FilterableTable {
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

  /**
   * Creates the table; the reader gets the work item id a filter asked for, or null for all rows.
   */
  RowTable(
      List<Column> columns, boolean keyedByWorkItem, Function<Integer, List<Object[]>> reader) {
    this.columns = List.copyOf(columns);
    this.keyedByWorkItem = keyedByWorkItem;
    this.reader = reader;
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
}
