package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlValues.*;

import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.wiql.WiqlEngine.Groups;
import dev.azdo.emulator.wiql.WiqlEngine.Options;
import dev.azdo.emulator.wiql.WiqlEngine.PathCheck;
import dev.azdo.emulator.wiql.WiqlEngine.WorkItemSource;
import dev.azdo.emulator.wiql.WiqlQuery.And;
import dev.azdo.emulator.wiql.WiqlQuery.Comparison;
import dev.azdo.emulator.wiql.WiqlQuery.Expr;
import dev.azdo.emulator.wiql.WiqlQuery.FieldOperand;
import dev.azdo.emulator.wiql.WiqlQuery.FieldRef;
import dev.azdo.emulator.wiql.WiqlQuery.Literal;
import dev.azdo.emulator.wiql.WiqlQuery.Macro;
import dev.azdo.emulator.wiql.WiqlQuery.Not;
import dev.azdo.emulator.wiql.WiqlQuery.Op;
import dev.azdo.emulator.wiql.WiqlQuery.Operand;
import dev.azdo.emulator.wiql.WiqlQuery.Or;
import dev.azdo.emulator.wiql.WiqlQuery.Side;
import dev.azdo.emulator.wiql.WiqlQuery.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A query's WHERE clause in one run: binds field names to their definitions and compiles each
 * condition (comparisons of a field with constants, macros, another field or a group, EVER, IN,
 * UNDER, AND/OR/NOT) to a test over a row, with the service's comparison rules: numbers as numbers,
 * dates by day unless time precision is asked for, text and identities case-insensitively.
 */
final class WhereClause {
  /** The work items a clause looks at: the source (or the only item), the link and the target. */
  static final class Row {
    WorkItem source;
    String rel;
    WorkItem target;

    Row set(WorkItem s, String r, WorkItem t) {
      source = s;
      rel = r;
      target = t;
      return this;
    }
  }

  /** A compiled condition. */
  @FunctionalInterface
  interface Cond {
    /** True when the row meets the condition. */
    boolean test(Row row);
  }

  /** A field bound to its definition, its comparison kind and the side it is read from. */
  record Bound(FieldDef def, Kind kind, Side side, FieldRef ref) {
    boolean isLinkType() {
      return def.referenceName().equalsIgnoreCase(BuiltInFields.LINK_TYPE);
    }

    WorkItem item(Row r) {
      return side == Side.TARGET ? r.target : r.source;
    }

    Object raw(Row r) {
      if (isLinkType()) {
        return r.rel;
      }
      WorkItem w = item(r);
      return w == null ? null : WiqlValues.raw(w, def.referenceName());
    }
  }

  private final WiqlEngine engine;
  private final WiqlQuery q;
  private final Options o;
  private final boolean dayPrecision;
  private final WiqlMacros macros;
  private final WorkItemSource source;
  private final PathCheck paths;
  private final Groups groups;

  WhereClause(WiqlEngine engine, WiqlQuery q, Options o) {
    this.engine = engine;
    this.q = q;
    this.o = o;
    this.dayPrecision = !o.timePrecision();
    this.source = engine.source();
    this.paths = engine.paths();
    this.groups = engine.groups();
    this.macros = new WiqlMacros(o, dayPrecision, engine.directory(), groups);
  }

  private FieldDef field(String name) {
    return engine.field(name);
  }

  /** Binds a field name of the query, or TF51005 when there is no such field. */
  Bound bind(FieldRef ref) {
    FieldDef def = field(ref.name());
    if (def == null) {
      throw WiqlException.causedBy(
          "TF51005: The query references a field that does not exist.",
          ref.position(),
          ref.written());
    }
    if (def.referenceName().equalsIgnoreCase(BuiltInFields.LINK_TYPE)
        && q.from() != Source.WORK_ITEM_LINKS) {
      throw WiqlException.causedBy(
          "TF51005: The query references a field that does not exist.",
          ref.position(),
          ref.written());
    }
    return new Bound(def, kindOf(def), ref.side(), ref);
  }

  /** Compiles a condition of the WHERE clause. */
  Cond compile(Expr e) {
    if (e instanceof And a) {
      List<Cond> cs = new ArrayList<>();
      for (Expr t : a.terms()) {
        cs.add(compile(t));
      }
      return all(cs);
    }
    if (e instanceof Or or) {
      List<Cond> cs = new ArrayList<>();
      for (Expr t : or.terms()) {
        cs.add(compile(t));
      }
      Cond[] arr = cs.toArray(new Cond[0]);
      return r -> {
        for (Cond c : arr) {
          if (c.test(r)) {
            return true;
          }
        }
        return false;
      };
    }
    if (e instanceof Not n) {
      Cond inner = compile(n.term());
      return r -> !inner.test(r);
    }
    return comparison((Comparison) e);
  }

  // No clause may fail the whole request with a 500: whatever goes wrong while compiling or
  // evaluating one is refused with 400 naming that clause.
  private Cond comparison(Comparison c) {
    String clause = q.text().substring(c.start(), c.end());
    Cond cond;
    try {
      cond = compileComparison(c);
    } catch (WiqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw WiqlException.causedBy("The clause cannot be evaluated.", c.start(), clause);
    }
    return r -> {
      try {
        return cond.test(r);
      } catch (WiqlException e) {
        throw e;
      } catch (RuntimeException e) {
        throw WiqlException.causedBy("The clause cannot be evaluated.", c.start(), clause);
      }
    };
  }

  private Cond compileComparison(Comparison c) {
    Bound f = bind(c.field());
    Kind k = f.kind();
    Op op = c.op();
    if (op == Op.IS_EMPTY || op == Op.IS_NOT_EMPTY) {
      boolean want = op == Op.IS_EMPTY;
      return r -> isEmpty(k, f.raw(r)) == want;
    }
    Operand first = c.operands().get(0);
    if (first instanceof FieldOperand fo) {
      return fieldComparison(f, bind(fo.field()), c);
    }
    if (first instanceof WiqlQuery.Group g) {
      return inGroup(f, g, op == Op.IN_GROUP);
    }
    List<Object> values = new ArrayList<>();
    for (Operand operand : c.operands()) {
      values.add(constant(f, operand, c));
    }
    if (k == Kind.PATH && (op == Op.EQ || op == Op.UNDER) && paths != null) {
      checkPath(f, c);
    }
    if (op == Op.IN || op == Op.NOT_IN) {
      Object[] arr = values.toArray();
      boolean want = op == Op.IN;
      Set<Double> numbers = numberSet(k, arr);
      if (numbers != null) {
        // A long list of numbers (ids of one tree level): one lookup instead of a pass.
        return r -> {
          Object a = norm(k, f.raw(r), false);
          return (a instanceof Double d && numbers.contains(d == 0.0 ? 0.0 : d)) == want;
        };
      }
      return r -> {
        Object a = norm(k, f.raw(r), false);
        for (Object v : arr) {
          if (equal(k, a, v)) {
            return want;
          }
        }
        return !want;
      };
    }
    Object v = values.get(0);
    if (op == Op.EVER || op == Op.NOT_EVER) {
      boolean want = op == Op.EVER;
      return r -> ever(f, r, v) == want;
    }
    return r -> test(k, op, norm(k, f.raw(r), false), v);
  }

  // The values of a NUMBER list as a set when each is a plain number (not NaN, -0.0 as 0.0), where
  // equal() is ==; null otherwise.
  private static Set<Double> numberSet(Kind k, Object[] values) {
    if (k != Kind.NUMBER || values.length < 8) {
      return null;
    }
    Set<Double> set = new HashSet<>();
    for (Object v : values) {
      if (!(v instanceof Double d) || d.isNaN()) {
        return null;
      }
      set.add(d == 0.0 ? 0.0 : d);
    }
    return set;
  }

  // [A] op [B]: both sides read as the left field's kind; an empty side equals only an empty
  // side, and orders against nothing (the service's null semantics).
  private Cond fieldComparison(Bound f, Bound other, Comparison c) {
    Kind k = f.kind();
    Op op = c.op();
    if (family(k) != family(other.kind())) {
      throw WiqlException.causedBy(
          "The fields in the clause are of types that cannot be compared.",
          c.start(),
          q.text().substring(c.start(), c.end()));
    }
    if (op != Op.EQ && op != Op.NE && op != Op.LT && op != Op.GT && op != Op.LE && op != Op.GE) {
      throw WiqlException.causedBy(
          "Expecting constant value.", other.ref().position(), other.ref().written());
    }
    return r -> {
      Object a = norm(k, f.raw(r), false);
      Object b = norm(k, other.raw(r), false);
      boolean aEmpty = a == null || (a instanceof String s && s.isBlank());
      boolean bEmpty = b == null || (b instanceof String s && s.isBlank());
      if (aEmpty || bEmpty) {
        boolean same = aEmpty && bEmpty;
        return op == Op.EQ ? same : op == Op.NE && !same;
      }
      return test(k, op, a, b);
    };
  }

  private Cond inGroup(Bound f, WiqlQuery.Group g, boolean want) {
    Set<String> members = groups == null ? null : groups.members(o.project(), g.name());
    if (members == null) {
      throw WiqlException.causedBy(
          "The group does not exist or cannot be used with this field.", g.position(), g.written());
    }
    Kind k = f.kind();
    List<IdentityMatch> identities = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String m : members) {
      if (k == Kind.IDENTITY) {
        identities.add(macros.identity(m));
      } else {
        names.add(m.toLowerCase(Locale.ROOT));
      }
    }
    return r -> {
      Object a = norm(k, f.raw(r), false);
      if (a == null) {
        return !want;
      }
      if (k == Kind.IDENTITY) {
        for (IdentityMatch m : identities) {
          if (equal(k, a, m)) {
            return want;
          }
        }
        return !want;
      }
      return names.contains(text(a).toLowerCase(Locale.ROOT)) == want;
    };
  }

  private boolean ever(Bound f, Row r, Object v) {
    WorkItem w = f.item(r);
    if (w == null) {
      return false;
    }
    for (int rev = 1; rev <= w.rev(); rev++) {
      WorkItem old = rev == w.rev() ? w : source.revision(w.id(), rev);
      if (old != null
          && equal(f.kind(), norm(f.kind(), raw(old, f.def().referenceName()), false), v)) {
        return true;
      }
    }
    return false;
  }

  private void checkPath(Bound f, Comparison c) {
    String ref = f.def().referenceName();
    boolean iteration = ref.equalsIgnoreCase("System.IterationPath");
    if (!iteration && !ref.equalsIgnoreCase("System.AreaPath")) {
      return;
    }
    for (Operand operand : c.operands()) {
      if (operand instanceof Literal l && l.value() instanceof String s && !s.isEmpty()) {
        if (!paths.exists(iteration ? "Iteration" : "Area", s)) {
          throw WiqlException.causedBy(
              "TF51011: The specified "
                  + (iteration ? "iteration" : "area")
                  + " path does not exist.",
              l.position(),
              l.written());
        }
      }
    }
  }

  /** Converts a right-hand operand to the field's comparison type, refusing what cannot be. */
  private Object constant(Bound f, Operand operand, Comparison c) {
    Kind k = f.kind();
    if (operand instanceof Macro m) {
      return macros.macro(f.kind(), f.def().referenceName(), m);
    }
    Literal l = (Literal) operand;
    Object v = l.value();
    if (v instanceof String s && s.isEmpty()) {
      return ""; // '' means "no value" for every type
    }
    switch (k) {
      case NUMBER:
        if (v instanceof Number n) {
          return n.doubleValue();
        }
        if (v instanceof String s) {
          try {
            return Double.parseDouble(s.trim());
          } catch (NumberFormatException e) {
            // fall through to the error
          }
        }
        throw WiqlException.causedBy("Expecting a number.", l.position(), l.written());
      case BOOL:
        if (v instanceof Boolean b) {
          return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
          return Boolean.valueOf(s);
        }
        throw WiqlException.causedBy("Expecting a boolean.", l.position(), l.written());
      case DATE:
        if (!(v instanceof String s)) {
          throw WiqlException.causedBy("Expecting a date.", l.position(), l.written());
        }
        Object d = parseDate(s);
        if (d == null) {
          throw WiqlException.causedBy("Expecting a date.", l.position(), l.written());
        }
        if (d instanceof Instant i) {
          if (dayPrecision) {
            // Without timePrecision=true the service compares whole days and refuses a time.
            throw WiqlException.causedBy(
                "You cannot supply a time with the date when running a query using date"
                    + " precision.",
                c.start(),
                q.text().substring(c.start(), c.end()));
          }
          return i;
        }
        LocalDate day = (LocalDate) d;
        return dayPrecision ? day : day.atStartOfDay().toInstant(ZoneOffset.UTC);
      case IDENTITY:
        return macros.identity(text(v));
      case LINK:
        return linkType(text(v));
      default:
        return text(v).toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Normalizes a stored value for comparison: numbers to Double, dates to LocalDate (day precision)
   * or Instant, text lower-cased; forSort keeps full date precision.
   */
  Object norm(Kind k, Object raw, boolean forSort) {
    if (raw == null) {
      return null;
    }
    switch (k) {
      case NUMBER:
        if (raw instanceof Number n) {
          return n.doubleValue();
        }
        try {
          return Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
          return null;
        }
      case DATE:
        Instant i = instant(raw);
        if (i == null) {
          return null;
        }
        return dayPrecision && !forSort ? LocalDate.ofInstant(i, ZoneOffset.UTC) : i;
      case BOOL:
        return raw instanceof Boolean b ? b : Boolean.valueOf(raw.toString());
      case LINK:
        return linkType(raw.toString());
      default:
        return text(raw).toLowerCase(Locale.ROOT);
    }
  }

  private boolean test(Kind k, Op op, Object a, Object v) {
    switch (op) {
      case EQ:
        return equal(k, a, v);
      case NE:
        return !equal(k, a, v);
      case LT:
        return a != null && !"".equals(v) && compare(a, v) < 0;
      case GT:
        return a != null && !"".equals(v) && compare(a, v) > 0;
      case LE:
        return a != null && !"".equals(v) && compare(a, v) <= 0;
      case GE:
        return a != null && !"".equals(v) && compare(a, v) >= 0;
      case CONTAINS:
        return contains(k, a, v);
      case NOT_CONTAINS:
        return !contains(k, a, v);
      case CONTAINS_WORDS:
        return containsWords(k, a, v);
      case NOT_CONTAINS_WORDS:
        return !containsWords(k, a, v);
      case UNDER:
        return under(a, v);
      case NOT_UNDER:
        return !under(a, v);
      default:
        throw new IllegalStateException("operator " + op + " is compiled elsewhere");
    }
  }

  /** A condition met when all of cs are (always, when there are none). */
  static Cond all(List<Cond> cs) {
    if (cs.isEmpty()) {
      return r -> true;
    }
    if (cs.size() == 1) {
      return cs.get(0);
    }
    Cond[] arr = cs.toArray(new Cond[0]);
    return r -> {
      for (Cond c : arr) {
        if (!c.test(r)) {
          return false;
        }
      }
      return true;
    };
  }
}
