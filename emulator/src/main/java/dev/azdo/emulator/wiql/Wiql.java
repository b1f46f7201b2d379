package dev.azdo.emulator.wiql;

import dev.azdo.emulator.wiql.WiqlQuery.And;
import dev.azdo.emulator.wiql.WiqlQuery.Comparison;
import dev.azdo.emulator.wiql.WiqlQuery.Expr;
import dev.azdo.emulator.wiql.WiqlQuery.FieldOperand;
import dev.azdo.emulator.wiql.WiqlQuery.FieldRef;
import dev.azdo.emulator.wiql.WiqlQuery.Literal;
import dev.azdo.emulator.wiql.WiqlQuery.Macro;
import dev.azdo.emulator.wiql.WiqlQuery.Mode;
import dev.azdo.emulator.wiql.WiqlQuery.Not;
import dev.azdo.emulator.wiql.WiqlQuery.Op;
import dev.azdo.emulator.wiql.WiqlQuery.Operand;
import dev.azdo.emulator.wiql.WiqlQuery.Or;
import dev.azdo.emulator.wiql.WiqlQuery.Side;
import dev.azdo.emulator.wiql.WiqlQuery.SortKey;
import dev.azdo.emulator.wiql.WiqlQuery.Source;
import dev.azdo.emulator.wiql.WiqlTokenizer.Kind;
import dev.azdo.emulator.wiql.WiqlTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The WIQL parser: a recursive-descent parser, over {@link WiqlTokenizer}'s tokens, for SELECT ...
 * FROM WorkItems | WorkItemLinks [WHERE ...] [ORDER BY ...] [ASOF '...'] [MODE (...)]. Keywords are
 * case-insensitive, as the service's are. Syntax errors carry the service's messages and the
 * offending token's position.
 */
public final class Wiql {
  /** The service refuses WIQL text longer than 32K characters. */
  public static final int MAX_LENGTH = 32768;

  private static final Set<String> KEYWORDS =
      Set.of(
          "select",
          "from",
          "where",
          "and",
          "or",
          "not",
          "in",
          "contains",
          "words",
          "under",
          "is",
          "empty",
          "ever",
          "order",
          "by",
          "asc",
          "desc",
          "asof",
          "mode",
          "group");

  private final String text;
  private final List<Token> tokens;
  private int pos;

  private Wiql(String text) {
    this.text = text;
    this.tokens = WiqlTokenizer.tokenize(text);
  }

  /** Parses WIQL text into a syntax tree; throws {@link WiqlException} naming the bad token. */
  public static WiqlQuery parse(String text) {
    if (text == null || text.isBlank()) {
      throw new WiqlException("The query text is empty.", 0, "");
    }
    if (text.length() > MAX_LENGTH) {
      throw new WiqlException(
          "The WIQL query text exceeds the maximum length of " + MAX_LENGTH + " characters.",
          MAX_LENGTH,
          "");
    }
    return new Wiql(text).query();
  }

  // ---------------------------------------------------------------- grammar

  private WiqlQuery query() {
    if (!isWord("select")) {
      throw error("Expecting SELECT.", peek());
    }
    pos++;
    List<FieldRef> columns = new ArrayList<>();
    columns.add(field("Expecting field name."));
    while (isSymbol(",")) {
      pos++;
      columns.add(field("Expecting field name."));
    }
    if (!isWord("from")) {
      // TF51006 is what the service answers for anything between the field list and FROM,
      // including SQL habits such as SELECT TOP 5 or a missing comma.
      throw error("TF51006: The query statement is missing a FROM clause.", peek());
    }
    pos++;
    Token src = next();
    Source from;
    if (src.isWord("workitems")) {
      from = Source.WORK_ITEMS;
    } else if (src.isWord("workitemlinks")) {
      from = Source.WORK_ITEM_LINKS;
    } else {
      throw error("Expecting WorkItems or WorkItemLinks.", src);
    }
    Expr where = null;
    if (isWord("where")) {
      pos++;
      where = or();
    }
    List<SortKey> orderBy = List.of();
    Literal asOf = null;
    List<Mode> modes = List.of();
    boolean sawOrder = false;
    boolean sawAsOf = false;
    boolean sawMode = false;
    while (peek().kind() != Kind.EOF) {
      if (isWord("order") && !sawOrder) {
        sawOrder = true;
        pos++;
        if (!isWord("by")) {
          throw error("Expecting BY.", peek());
        }
        pos++;
        orderBy = sortKeys();
      } else if (isWord("asof") && !sawAsOf) {
        sawAsOf = true;
        pos++;
        Token t = next();
        if (t.kind() != Kind.STRING) {
          throw error("Expecting date.", t);
        }
        asOf = new Literal(t.value(), t.raw(), t.start());
      } else if (isWord("mode") && !sawMode) {
        sawMode = true;
        pos++;
        modes = modes(from);
      } else {
        throw error("Expecting end of string.", peek());
      }
    }
    return new WiqlQuery(text, List.copyOf(columns), from, where, orderBy, asOf, modes);
  }

  private List<SortKey> sortKeys() {
    List<SortKey> keys = new ArrayList<>();
    do {
      if (!keys.isEmpty()) {
        pos++;
      }
      FieldRef f = field("Expecting field name.");
      boolean desc = false;
      if (isWord("desc")) {
        desc = true;
        pos++;
      } else if (isWord("asc")) {
        pos++;
      }
      keys.add(new SortKey(f, desc));
    } while (isSymbol(","));
    return List.copyOf(keys);
  }

  private List<Mode> modes(Source from) {
    Token open = next();
    if (!open.isSymbol("(")) {
      throw error("Expecting '('.", open);
    }
    List<Mode> modes = new ArrayList<>();
    while (true) {
      Token t = next();
      Mode m =
          switch (t.kind() == Kind.WORD ? t.value().toString().toLowerCase(Locale.ROOT) : "") {
            case "mustcontain" -> Mode.MUST_CONTAIN;
            case "maycontain" -> Mode.MAY_CONTAIN;
            case "doesnotcontain" -> Mode.DOES_NOT_CONTAIN;
            case "recursive" -> Mode.RECURSIVE;
            case "returnmatchingchildren" -> Mode.RETURN_MATCHING_CHILDREN;
            default -> throw error("Expecting query mode.", t);
          };
      if (from != Source.WORK_ITEM_LINKS) {
        // Modes only make sense for link queries; the service refuses them on WorkItems.
        throw error("The query mode is only valid for queries of work item links.", t);
      }
      modes.add(m);
      Token sep = next();
      if (sep.isSymbol(")")) {
        return List.copyOf(modes);
      }
      if (!sep.isSymbol(",")) {
        throw error("Expecting right parenthesis.", sep);
      }
    }
  }

  private Expr or() {
    List<Expr> terms = new ArrayList<>();
    terms.add(and());
    while (isWord("or")) {
      pos++;
      terms.add(and());
    }
    return terms.size() == 1 ? terms.get(0) : new Or(List.copyOf(terms));
  }

  private Expr and() {
    List<Expr> terms = new ArrayList<>();
    terms.add(unary());
    while (isWord("and")) {
      pos++;
      terms.add(unary());
    }
    return terms.size() == 1 ? terms.get(0) : new And(List.copyOf(terms));
  }

  private Expr unary() {
    if (isWord("not")) {
      pos++;
      return new Not(unary());
    }
    if (isSymbol("(")) {
      pos++;
      Expr inner = or();
      Token close = next();
      if (!close.isSymbol(")")) {
        throw error("Expecting right parenthesis.", close);
      }
      return inner;
    }
    Token t = peek();
    if (t.kind() == Kind.NUMBER || t.kind() == Kind.STRING || t.kind() == Kind.MACRO) {
      throw error("Expecting field name.", t);
    }
    return comparison();
  }

  private Comparison comparison() {
    FieldRef f = field("Expecting field name or expression.");
    int start = f.position();
    Op op = operator();
    List<Operand> operands = new ArrayList<>();
    switch (op) {
      case IS_EMPTY, IS_NOT_EMPTY -> {}
      case IN, NOT_IN -> {
        Token open = next();
        if (!open.isSymbol("(")) {
          throw error("Expecting '('.", open);
        }
        operands.add(operand(false));
        while (isSymbol(",")) {
          pos++;
          operands.add(operand(false));
        }
        Token close = next();
        if (!close.isSymbol(")")) {
          throw error("Expecting right parenthesis.", close);
        }
      }
      case IN_GROUP, NOT_IN_GROUP -> {
        Token g = next();
        if (g.kind() != Kind.STRING) {
          throw error("Expecting a group name in quotes.", g);
        }
        operands.add(new WiqlQuery.Group(g.value().toString(), g.raw(), g.start()));
      }
      case EQ, NE, LT, GT, LE, GE -> operands.add(operand(true));
      default -> operands.add(operand(false));
    }
    int end = tokens.get(pos - 1).end();
    return new Comparison(f, op, List.copyOf(operands), start, end);
  }

  private Op operator() {
    Token t = next();
    if (t.kind() == Kind.SYMBOL) {
      switch (t.raw()) {
        case "=":
          return Op.EQ;
        case "<>":
          return Op.NE;
        case "<":
          return Op.LT;
        case ">":
          return Op.GT;
        case "<=":
          return Op.LE;
        case ">=":
          return Op.GE;
        default:
          throw error("Expecting comparison operator.", t);
      }
    }
    boolean negated = false;
    if (t.isWord("not")) {
      negated = true;
      t = next();
    }
    if (t.isWord("in")) {
      if (isWord("group")) {
        pos++;
        return negated ? Op.NOT_IN_GROUP : Op.IN_GROUP;
      }
      return negated ? Op.NOT_IN : Op.IN;
    }
    if (t.isWord("contains")) {
      if (isWord("words")) {
        pos++;
        return negated ? Op.NOT_CONTAINS_WORDS : Op.CONTAINS_WORDS;
      }
      return negated ? Op.NOT_CONTAINS : Op.CONTAINS;
    }
    if (t.isWord("under")) {
      return negated ? Op.NOT_UNDER : Op.UNDER;
    }
    if (t.isWord("ever")) {
      return negated ? Op.NOT_EVER : Op.EVER;
    }
    if (t.isWord("is") && !negated) {
      boolean not = false;
      if (isWord("not")) {
        not = true;
        pos++;
      }
      Token empty = next();
      if (!empty.isWord("empty")) {
        throw error("Expecting EMPTY.", empty);
      }
      return not ? Op.IS_NOT_EMPTY : Op.IS_EMPTY;
    }
    throw error("Expecting comparison operator.", t);
  }

  private Operand operand(boolean fieldAllowed) {
    Token t = next();
    switch (t.kind()) {
      case STRING:
      case NUMBER:
        return new Literal(t.value(), t.raw(), t.start());
      case MACRO:
        return macro(t);
      case SYMBOL:
        if (t.isSymbol("-") && peek().kind() == Kind.NUMBER) {
          Token n = next();
          Object v = n.value() instanceof Long l ? (Object) (-l) : (Object) (-(Double) n.value());
          return new Literal(v, text.substring(t.start(), n.end()), t.start());
        }
        throw error("Expecting constant value.", t);
      case WORD:
        if (t.isWord("true") || t.isWord("false")) {
          return new Literal(Boolean.valueOf(t.isWord("true")), t.raw(), t.start());
        }
        if (fieldAllowed && !KEYWORDS.contains(t.value().toString().toLowerCase(Locale.ROOT))) {
          pos--;
          return new FieldOperand(field("Expecting constant value."));
        }
        throw error("Expecting constant value.", t);
      case FIELD:
        if (fieldAllowed) {
          pos--;
          return new FieldOperand(field("Expecting constant value."));
        }
        throw error("Expecting constant value.", t);
      default:
        throw error("Expecting constant value.", t);
    }
  }

  private Macro macro(Token t) {
    int offset = 0;
    int end = t.end();
    String argument = null;
    if (isSymbol("(")) {
      // @CurrentIteration('[Project]\\Team'), @StartOfDay('-3d'): one quoted argument.
      pos++;
      Token arg = next();
      if (arg.kind() != Kind.STRING) {
        throw error("Expecting a quoted macro argument.", arg);
      }
      Token close = next();
      if (!close.isSymbol(")")) {
        throw error("Expecting right parenthesis.", close);
      }
      argument = arg.value().toString();
      end = close.end();
    }
    if ((isSymbol("+") || isSymbol("-")) && tokens.get(pos + 1).kind() == Kind.NUMBER) {
      boolean minus = isSymbol("-");
      pos++;
      Token n = next();
      if (!(n.value() instanceof Long l) || l > 100_000) {
        throw error("Expecting integer offset.", n);
      }
      offset = (int) (minus ? -l : l);
      end = n.end();
    }
    return new Macro(
        t.value().toString(), offset, argument, text.substring(t.start(), end), t.start());
  }

  private FieldRef field(String expecting) {
    Token t = next();
    if (t.kind() != Kind.FIELD
        && !(t.kind() == Kind.WORD
            && !KEYWORDS.contains(t.value().toString().toLowerCase(Locale.ROOT)))) {
      throw error(expecting, t);
    }
    String name = t.value().toString();
    if (isSymbol(".")
        && (name.equalsIgnoreCase("source") || name.equalsIgnoreCase("target"))
        && (tokens.get(pos + 1).kind() == Kind.FIELD || tokens.get(pos + 1).kind() == Kind.WORD)) {
      pos++;
      Token inner = next();
      Side side = name.equalsIgnoreCase("source") ? Side.SOURCE : Side.TARGET;
      return new FieldRef(
          side, inner.value().toString(), text.substring(t.start(), inner.end()), inner.start());
    }
    if (name.isEmpty()) {
      throw error(expecting, t);
    }
    return new FieldRef(Side.DEFAULT, name, t.raw(), t.start());
  }

  // ---------------------------------------------------------------- token helpers

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.EOF) {
      pos++;
    }
    return t;
  }

  private boolean isWord(String w) {
    return peek().isWord(w);
  }

  private boolean isSymbol(String s) {
    return peek().isSymbol(s);
  }

  private static WiqlException error(String what, Token t) {
    return WiqlException.causedBy(what, t.start(), t.raw());
  }
}
