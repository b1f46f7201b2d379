package dev.azdo.jdbc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/**
 * Turns SQL conditions on WorkItems columns into WIQL. Each conjunct is either pushed exactly (the
 * service returns precisely the rows SQL wants: numbers, dates, booleans, ids), pushed as a
 * superset that Calcite checks again (text, because WIQL compares text without regard to case, and
 * {@code <>}, because WIQL's {@code <>} also matches empty fields that SQL's excludes), or left to
 * Calcite.
 */
final class WiqlConditions {
  /**
   * What a condition became.
   *
   * @param pushed the WIQL conditions, ANDed
   * @param residual the SQL conjuncts Calcite still evaluates (the unpushed and the supersets)
   */
  record Split(List<String> pushed, List<RexNode> residual) {}

  private record Wiql(String text, boolean exact) {}

  private WiqlConditions() {}

  /** Splits a filter over a scan's columns into WIQL and what stays in SQL. */
  static Split split(RexNode condition, List<WorkItemColumn> columns, RexBuilder rex) {
    // IN lists and ranges arrive as SEARCH(Sarg): spelt out again as comparisons they translate.
    RexNode expanded = RexUtil.expandSearch(rex, null, condition);
    List<String> pushed = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(expanded)) {
      Wiql w = translate(c, columns);
      if (w == null) {
        residual.add(c);
      } else {
        pushed.add(w.text());
        if (!w.exact()) {
          residual.add(c);
        }
      }
    }
    return new Split(pushed, residual);
  }

  private static Wiql translate(RexNode n, List<WorkItemColumn> columns) {
    if (!(n instanceof RexCall call)) {
      return null;
    }
    switch (call.getKind()) {
      case AND:
        {
          List<String> parts = new ArrayList<>();
          boolean exact = true;
          for (RexNode o : call.getOperands()) {
            Wiql w = translate(o, columns);
            if (w == null) {
              exact = false; // dropping one side of an AND leaves a superset
            } else {
              parts.add(w.text());
              exact &= w.exact();
            }
          }
          return parts.isEmpty() ? null : new Wiql(group(parts, " AND "), exact);
        }
      case OR:
        {
          List<String> parts = new ArrayList<>();
          boolean exact = true;
          for (RexNode o : call.getOperands()) {
            Wiql w = translate(o, columns);
            if (w == null) {
              return null;
            }
            parts.add(w.text());
            exact &= w.exact();
          }
          return new Wiql(group(parts, " OR "), exact);
        }
      case IS_NULL:
      case IS_NOT_NULL:
        {
          WorkItemColumn c = column(call.getOperands().get(0), columns);
          if (c == null || c.isId()) {
            return null;
          }
          String op = call.getKind() == SqlKind.IS_NULL ? " IS EMPTY" : " IS NOT EMPTY";
          // Text: WIQL treats an empty string as empty, SQL does not.
          return new Wiql(field(c) + op, !c.isText());
        }
      case LIKE:
        return like(call, columns);
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(call, columns);
      default:
        return null;
    }
  }

  private static Wiql comparison(RexCall call, List<WorkItemColumn> columns) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (left instanceof RexLiteral && !(right instanceof RexLiteral)) {
      RexNode t = left;
      left = right;
      right = t;
      kind = kind.reverse();
    }
    WorkItemColumn c = column(left, columns);
    if (c == null || !(right instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    String value = literal(c, lit);
    if (value == null) {
      return null;
    }
    String op =
        switch (kind) {
          case EQUALS -> " = ";
          case NOT_EQUALS -> " <> ";
          case LESS_THAN -> " < ";
          case LESS_THAN_OR_EQUAL -> " <= ";
          case GREATER_THAN -> " > ";
          default -> " >= ";
        };
    if (c.isText()) {
      // WIQL matches 'active' to 'Active': = finds a superset; <> and orderings on text would
      // drop rows SQL keeps, so they stay in SQL.
      return kind == SqlKind.EQUALS ? new Wiql(field(c) + op + value, false) : null;
    }
    if (c.part() != WorkItemColumn.Part.VALUE) {
      return null;
    }
    // WIQL's <> also matches items without a value; SQL's does not (the id always has one).
    boolean exact = kind != SqlKind.NOT_EQUALS || c.isId();
    return new Wiql(field(c) + op + value, exact);
  }

  private static Wiql like(RexCall call, List<WorkItemColumn> columns) {
    WorkItemColumn c = column(call.getOperands().get(0), columns);
    if (c == null
        || !c.isText()
        || c.part() != WorkItemColumn.Part.VALUE
        || call.getOperands().size() > 2
        || !(call.getOperands().get(1) instanceof RexLiteral lit)
        || lit.isNull()) {
      return null;
    }
    String pattern = lit.getValueAs(String.class);
    if (!pattern.contains("%") && !pattern.contains("_")) {
      return new Wiql(field(c) + " = " + quote(pattern), false);
    }
    // The longest run without wildcards must occur in every match: CONTAINS narrows to it.
    String longest = "";
    for (String run : pattern.split("[%_]")) {
      if (run.length() > longest.length()) {
        longest = run;
      }
    }
    return longest.isEmpty() ? null : new Wiql(field(c) + " CONTAINS " + quote(longest), false);
  }

  private static String literal(WorkItemColumn c, RexLiteral lit) {
    switch (c.type()) {
      case INTEGER:
      case DOUBLE:
        {
          BigDecimal d = lit.getValueAs(BigDecimal.class);
          return d == null ? null : d.stripTrailingZeros().toPlainString();
        }
      case BOOLEAN:
        {
          Boolean b = lit.getValueAs(Boolean.class);
          return b == null ? null : b.toString();
        }
      case TIMESTAMP:
        {
          TimestampString ts = lit.getValueAs(TimestampString.class);
          return ts == null ? null : quote(WorkItemRows.isoUtc(ts.getMillisSinceEpoch()));
        }
      default:
        {
          Object v = lit.getValue();
          String s = v instanceof NlsString nls ? nls.getValue() : lit.getValueAs(String.class);
          return s == null ? null : quote(s);
        }
    }
  }

  private static WorkItemColumn column(RexNode n, List<WorkItemColumn> columns) {
    return n instanceof RexInputRef ref ? columns.get(ref.getIndex()) : null;
  }

  static String field(WorkItemColumn c) {
    return "[" + c.referenceName() + "]";
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String group(List<String> parts, String op) {
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(op, parts) + ")";
  }
}
