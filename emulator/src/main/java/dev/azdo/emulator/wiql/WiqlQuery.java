package dev.azdo.emulator.wiql;

import java.util.List;

/**
 * A parsed WIQL statement: the selected fields, the source (work items or links), the condition,
 * the sort order, ASOF and the link query MODE. Produced by {@link Wiql#parse}; purely syntactic,
 * so field names are as written until {@link WiqlEngine} binds them.
 */
public record WiqlQuery(
    String text,
    List<FieldRef> columns,
    Source from,
    Expr where,
    List<SortKey> orderBy,
    Literal asOf,
    List<Mode> modes) {

  /** What a query selects from. */
  public enum Source {
    WORK_ITEMS,
    WORK_ITEM_LINKS
  }

  /** A MODE keyword of a link query. */
  public enum Mode {
    MUST_CONTAIN,
    MAY_CONTAIN,
    DOES_NOT_CONTAIN,
    RECURSIVE,
    RETURN_MATCHING_CHILDREN
  }

  /** Which work item of a link a field refers to: [Source].[F], [Target].[F] or unprefixed. */
  public enum Side {
    DEFAULT,
    SOURCE,
    TARGET
  }

  /** A field as written (reference or display name), with its position in the text. */
  public record FieldRef(Side side, String name, String written, int position) {}

  /** One ORDER BY key. */
  public record SortKey(FieldRef field, boolean descending) {}

  /** A comparison operator of WIQL. */
  public enum Op {
    EQ("="),
    NE("<>"),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    IN("IN"),
    NOT_IN("NOT IN"),
    IN_GROUP("IN GROUP"),
    NOT_IN_GROUP("NOT IN GROUP"),
    CONTAINS("CONTAINS"),
    NOT_CONTAINS("NOT CONTAINS"),
    CONTAINS_WORDS("CONTAINS WORDS"),
    NOT_CONTAINS_WORDS("NOT CONTAINS WORDS"),
    UNDER("UNDER"),
    NOT_UNDER("NOT UNDER"),
    IS_EMPTY("IS EMPTY"),
    IS_NOT_EMPTY("IS NOT EMPTY"),
    EVER("EVER"),
    NOT_EVER("NOT EVER");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    /** The operator as WIQL spells it. */
    public String text() {
      return text;
    }
  }

  /** A condition of the WHERE clause. */
  public sealed interface Expr permits And, Or, Not, Comparison {}

  /** All conditions hold. */
  public record And(List<Expr> terms) implements Expr {}

  /** At least one condition holds. */
  public record Or(List<Expr> terms) implements Expr {}

  /** The condition does not hold. */
  public record Not(Expr term) implements Expr {}

  /**
   * One clause: field, operator and right-hand operands (none for IS EMPTY, several for IN); start
   * and end delimit the clause in the query text, for error messages.
   */
  public record Comparison(FieldRef field, Op op, List<Operand> operands, int start, int end)
      implements Expr {}

  /** A right-hand side of a clause. */
  public sealed interface Operand permits Literal, Macro, FieldOperand, Group {}

  /**
   * A constant: text for 'strings' (quotes removed, '' unescaped), a Double/Long for numbers, a
   * Boolean for true/false; written is the source text for error messages.
   */
  public record Literal(Object value, String written, int position) implements Operand {}

  /**
   * A macro such as @project, @me or @today - 7, with its offset (0 when none) and its argument in
   * parentheses, such as '[Demo]\\Demo Team' of @CurrentIteration or '-3d' of @StartOfDay (null
   * when none).
   */
  public record Macro(String name, int offset, String argument, String written, int position)
      implements Operand {}

  /**
   * The operator IN GROUP (or NOT IN GROUP) with the group's name, for identity and type fields.
   */
  public record Group(String name, String written, int position) implements Operand {}

  /** Another field, for [Field] = [Other Field] clauses. */
  public record FieldOperand(FieldRef field) implements Operand {}
}
