package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlValues.*;

import dev.azdo.emulator.model.Directory;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.WorkItem;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs parsed WIQL against work items: binds field names through the field catalog, evaluates the
 * WHERE clause with the service's comparison rules (numbers as numbers, dates by day unless time
 * precision is asked for, strings and identities case-insensitively), sorts, applies $top and the
 * 20,000 result limit, and answers flat, one-hop and tree (recursive) link queries. Thread-safe:
 * each run keeps its own state.
 */
public final class WiqlEngine {
  /** The service refuses flat queries matching more than 20,000 work items (VS402337). */
  public static final int MAX_RESULTS = 20000;

  /** Where the engine reads work items from (the latest revisions, and older ones by number). */
  public interface WorkItemSource {
    /** Every work item's latest revision, deleted ones included (the engine skips them). */
    Collection<WorkItem> workItems();

    /** One revision of a work item, or null when it is not kept. */
    WorkItem revision(int id, int rev);
  }

  /** Tells whether an area or iteration path exists (structure "Area" or "Iteration"). */
  @FunctionalInterface
  public interface PathCheck {
    /** True when the path exists. */
    boolean exists(String structure, String path);
  }

  /**
   * Settings of one run: the project @project means (null when the call had none), the caller for
   * {@code @me}, the current time for {@code @today}, whether dates compare with their time, $top
   * (null for none) and the result limit.
   */
  public record Options(
      String project,
      Identity me,
      Instant now,
      boolean timePrecision,
      Integer top,
      int maxResults,
      String team) {
    /** Options without a team in the route (@CurrentIteration then means the default team's). */
    public Options(
        String project,
        Identity me,
        Instant now,
        boolean timePrecision,
        Integer top,
        int maxResults) {
      this(project, me, now, timePrecision, top, maxResults, null);
    }

    /** Options with the service's defaults: day precision, no $top, the 20,000 limit. */
    public static Options of(String project, Identity me, Instant now) {
      return new Options(project, me, now, false, null, MAX_RESULTS);
    }
  }

  /** Teams and groups, for @CurrentIteration and IN GROUP. */
  public interface Groups {
    /**
     * The iteration path (work item form) current on a day for a team ("[Project]\\Team", or a team
     * name of the project, or null for the project's default team); null when the team has no
     * iteration on that day. Throws IllegalArgumentException naming an unknown team.
     */
    String currentIteration(String project, String team, LocalDate day, int offset);

    /**
     * What a group name stands for: the identities of a team ("[Project]\\Team"), or the work item
     * type names of a category reference name; null when there is no such group.
     */
    Set<String> members(String project, String group);
  }

  private final FieldCatalog catalog;
  private final FieldCatalog builtIn = new BuiltInFields();
  private final Directory directory;
  private final WorkItemSource source;
  private final PathCheck paths;
  private final Groups groups;

  /**
   * Creates an engine. catalog, directory and paths may be null: fields then come from the built-in
   * list, identities match by text only, and paths are not checked.
   */
  public WiqlEngine(
      FieldCatalog catalog, Directory directory, WorkItemSource source, PathCheck paths) {
    this(catalog, directory, source, paths, null);
  }

  /** Creates an engine that also knows teams and groups (null: @CurrentIteration is refused). */
  public WiqlEngine(
      FieldCatalog catalog,
      Directory directory,
      WorkItemSource source,
      PathCheck paths,
      Groups groups) {
    this.catalog = catalog;
    this.directory = directory;
    this.source = source;
    this.paths = paths;
    this.groups = groups;
  }

  /** Parses and runs WIQL text. */
  public WiqlResult run(String wiql, Options options) {
    return run(Wiql.parse(wiql), options);
  }

  /** Runs a parsed query; throws {@link WiqlException} for unknown fields, bad values, limits. */
  public WiqlResult run(WiqlQuery query, Options options) {
    return new Run(query, options).execute();
  }

  /** The field a name refers to (reference or display name), or null. */
  public FieldDef field(String name) {
    FieldDef f = catalog == null ? null : catalog.find(name);
    return f != null ? f : builtIn.find(name);
  }

  // ---------------------------------------------------------------- one run

  /** The work items a clause looks at: the source (or the only item), the link and the target. */
  private static final class Row {
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

  @FunctionalInterface
  private interface Cond {
    boolean test(Row row);
  }

  /** A field bound to its definition, its comparison kind and the side it is read from. */
  private record Bound(FieldDef def, Kind kind, Side side, FieldRef ref) {
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

  private final class Run {
    private final WiqlQuery q;
    private final Options o;
    private final boolean dayPrecision;
    private final Instant asOf;
    private final WiqlMacros macros;

    Run(WiqlQuery q, Options o) {
      this.q = q;
      this.o = o;
      this.dayPrecision = !o.timePrecision();
      this.macros = new WiqlMacros(o, dayPrecision, directory, groups);
      this.asOf = q.asOf() == null ? null : asOfInstant(q.asOf());
    }

    WiqlResult execute() {
      List<FieldDef> columns = new ArrayList<>();
      for (FieldRef c : q.columns()) {
        columns.add(bind(c).def());
      }
      List<Bound> sortKeys = new ArrayList<>();
      List<WiqlResult.SortColumn> sortColumns = new ArrayList<>();
      for (SortKey k : q.orderBy()) {
        Bound b = bind(k.field());
        sortKeys.add(b);
        sortColumns.add(new WiqlResult.SortColumn(b.def(), k.descending()));
      }
      Instant ranAt = asOf != null ? asOf : o.now();
      if (q.from() == Source.WORK_ITEMS) {
        Cond cond = q.where() == null ? null : compile(q.where());
        List<Integer> ids = flat(cond, sortKeys);
        return new WiqlResult(
            "flat", "workItem", ranAt, List.copyOf(columns), sortColumns, ids, null);
      }
      boolean recursive = q.modes().contains(Mode.RECURSIVE);
      List<WiqlResult.Link> links = links(sortKeys, recursive);
      return new WiqlResult(
          recursive ? "tree" : "oneHop",
          "workItemLink",
          ranAt,
          List.copyOf(columns),
          sortColumns,
          null,
          links);
    }

    // ------------------------------------------------------------ flat queries

    private List<Integer> flat(Cond cond, List<Bound> sortKeys) {
      List<WorkItem> matched = new ArrayList<>();
      Row row = new Row();
      for (WorkItem w : source.workItems()) {
        if (w.deleted()) {
          continue;
        }
        WorkItem v = view(w);
        if (v != null && (cond == null || cond.test(row.set(v, null, v)))) {
          matched.add(v);
        }
      }
      checkLimit(matched.size());
      List<WorkItem> sorted = sort(matched, sortKeys);
      int n = o.top() == null ? sorted.size() : Math.min(o.top(), sorted.size());
      List<Integer> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(sorted.get(i).id());
      }
      return ids;
    }

    private void checkLimit(int count) {
      // With $top at or under the limit the service returns the first rows instead of VS402337.
      boolean topWithinLimit = o.top() != null && o.top() <= o.maxResults();
      if (count > o.maxResults() && !topWithinLimit) {
        throw new WiqlException(
            "VS402337: The number of work items returned exceeds the size limit of "
                + o.maxResults()
                + ". Change the query to return fewer items.",
            -1,
            "",
            WiqlException.SIZE_LIMIT);
      }
    }

    // ------------------------------------------------------------ link queries

    private record Edge(String rel, int target) {}

    private List<WiqlResult.Link> links(List<Bound> sortKeys, boolean recursive) {
      Map<Integer, WorkItem> byId = new HashMap<>();
      for (WorkItem w : source.workItems()) {
        if (!w.deleted()) {
          WorkItem v = view(w);
          if (v != null) {
            byId.put(v.id(), v);
          }
        }
      }
      Map<Integer, List<Edge>> edges = edges(byId);
      List<Expr> conjuncts = new ArrayList<>();
      if (q.where() != null) {
        flatten(q.where(), conjuncts);
      }
      List<Cond> sourceConds = new ArrayList<>();
      List<Cond> linkConds = new ArrayList<>();
      for (Expr e : conjuncts) {
        Set<Character> uses = new HashSet<>();
        uses(e, uses);
        Cond c = compile(e);
        if (uses.contains('L') || uses.contains('T')) {
          linkConds.add(c);
        } else {
          sourceConds.add(c);
        }
      }
      Cond sourceCond = all(sourceConds);
      Cond linkCond = all(linkConds);
      Row row = new Row();
      List<WorkItem> roots = new ArrayList<>();
      for (WorkItem w : byId.values()) {
        if (sourceCond.test(row.set(w, null, null))) {
          roots.add(w);
        }
      }
      roots = sort(roots, sortKeys);
      EnumSet<Mode> modes =
          q.modes().isEmpty() ? EnumSet.noneOf(Mode.class) : EnumSet.copyOf(q.modes());
      List<WiqlResult.Link> out = new ArrayList<>();
      if (recursive) {
        boolean needChildren =
            modes.contains(Mode.MUST_CONTAIN) || modes.contains(Mode.RETURN_MATCHING_CHILDREN);
        Set<Integer> placed = new HashSet<>();
        for (WorkItem root : roots) {
          if (placed.contains(root.id())) {
            continue; // already shown under an earlier top-level item
          }
          List<WiqlResult.Link> sub = new ArrayList<>();
          Set<Integer> path = new HashSet<>();
          path.add(root.id());
          descend(root, byId, edges, linkCond, sortKeys, sub, path);
          if (needChildren && sub.isEmpty()) {
            continue;
          }
          if (modes.contains(Mode.DOES_NOT_CONTAIN) && !sub.isEmpty()) {
            continue;
          }
          out.add(new WiqlResult.Link(null, null, root.id()));
          placed.add(root.id());
          if (!modes.contains(Mode.DOES_NOT_CONTAIN)) {
            for (WiqlResult.Link l : sub) {
              out.add(l);
              placed.add(l.targetId());
            }
          }
        }
      } else {
        Mode mode =
            modes.contains(Mode.MAY_CONTAIN)
                ? Mode.MAY_CONTAIN
                : modes.contains(Mode.DOES_NOT_CONTAIN) ? Mode.DOES_NOT_CONTAIN : Mode.MUST_CONTAIN;
        for (WorkItem s : roots) {
          List<WorkItem> targets = new ArrayList<>();
          Map<WorkItem, List<String>> rels = new HashMap<>();
          for (Edge e : edges.getOrDefault(s.id(), List.of())) {
            WorkItem t = byId.get(e.target());
            if (t != null && linkCond.test(row.set(s, e.rel(), t))) {
              if (!rels.containsKey(t)) {
                targets.add(t);
              }
              rels.computeIfAbsent(t, k -> new ArrayList<>()).add(e.rel());
            }
          }
          if (mode == Mode.MUST_CONTAIN && targets.isEmpty()) {
            continue;
          }
          if (mode == Mode.DOES_NOT_CONTAIN && !targets.isEmpty()) {
            continue;
          }
          out.add(new WiqlResult.Link(null, null, s.id()));
          for (WorkItem t : sort(targets, sortKeys)) {
            for (String rel : rels.get(t)) {
              out.add(new WiqlResult.Link(rel, s.id(), t.id()));
            }
          }
        }
      }
      checkLimit(out.size());
      if (o.top() != null && out.size() > o.top()) {
        return List.copyOf(out.subList(0, o.top()));
      }
      return out;
    }

    private void descend(
        WorkItem node,
        Map<Integer, WorkItem> byId,
        Map<Integer, List<Edge>> edges,
        Cond linkCond,
        List<Bound> sortKeys,
        List<WiqlResult.Link> out,
        Set<Integer> path) {
      Row row = new Row();
      List<WorkItem> children = new ArrayList<>();
      Map<WorkItem, String> relOf = new HashMap<>();
      for (Edge e : edges.getOrDefault(node.id(), List.of())) {
        // Tree queries follow the hierarchy (parent to child) only, as the service's do.
        if (!e.rel().equalsIgnoreCase(HIERARCHY_FORWARD)) {
          continue;
        }
        WorkItem child = byId.get(e.target());
        if (child != null
            && !path.contains(child.id())
            && linkCond.test(row.set(node, e.rel(), child))) {
          children.add(child);
          relOf.put(child, e.rel());
        }
      }
      for (WorkItem child : sort(children, sortKeys)) {
        out.add(new WiqlResult.Link(relOf.get(child), node.id(), child.id()));
        path.add(child.id());
        descend(child, byId, edges, linkCond, sortKeys, out, path);
        path.remove(child.id());
      }
    }

    /** Links between live work items, both directions, whichever side stored the relation. */
    private Map<Integer, List<Edge>> edges(Map<Integer, WorkItem> byId) {
      Map<Integer, List<Edge>> edges = new HashMap<>();
      Set<String> seen = new HashSet<>();
      for (WorkItem w : byId.values()) {
        if (w.relations() == null) {
          continue;
        }
        for (WorkItem.Relation r : w.relations()) {
          int target = targetId(r.url());
          if (target < 0 || r.rel() == null || !byId.containsKey(target)) {
            continue;
          }
          addEdge(edges, seen, w.id(), r.rel(), target);
          String inverse = inverse(r.rel());
          if (inverse != null) {
            addEdge(edges, seen, target, inverse, w.id());
          }
        }
      }
      return edges;
    }

    private void addEdge(
        Map<Integer, List<Edge>> edges, Set<String> seen, int from, String rel, int to) {
      if (seen.add(from + "|" + rel.toLowerCase(Locale.ROOT) + "|" + to)) {
        edges.computeIfAbsent(from, k -> new ArrayList<>()).add(new Edge(rel, to));
      }
    }

    // ------------------------------------------------------------ binding and compiling

    private Bound bind(FieldRef ref) {
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

    private Cond compile(Expr e) {
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
            "The group does not exist or cannot be used with this field.",
            g.position(),
            g.written());
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
          if (v instanceof String s
              && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
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

    private Instant asOfInstant(Literal l) {
      Object d = parseDate(l.value().toString());
      if (d == null) {
        throw WiqlException.causedBy("Expecting a date.", l.position(), l.written());
      }
      return d instanceof Instant i ? i : ((LocalDate) d).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The revision of a work item as of ASOF (itself without ASOF); null if it did not exist. */
    private WorkItem view(WorkItem w) {
      if (asOf == null) {
        return w;
      }
      Instant changed = instant(raw(w, "System.ChangedDate"));
      if (changed == null || !changed.isAfter(asOf)) {
        return w;
      }
      for (int rev = w.rev() - 1; rev >= 1; rev--) {
        WorkItem old = source.revision(w.id(), rev);
        if (old != null) {
          Instant c = instant(raw(old, "System.ChangedDate"));
          if (c != null && !c.isAfter(asOf)) {
            return old;
          }
        }
      }
      return null;
    }

    // ------------------------------------------------------------ sorting

    private List<WorkItem> sort(List<WorkItem> items, List<Bound> keys) {
      if (items.size() < 2) {
        return items;
      }
      int n = keys.size();
      if (n == 0 || (n == 1 && isIdKey(keys.get(0)))) {
        // ORDER BY [System.Id] (every export and split query): ids are unique ints, so sorting
        // by them directly skips building and boxing a key per item.
        boolean descending = n == 1 && q.orderBy().get(0).descending();
        List<WorkItem> out = new ArrayList<>(items);
        out.sort(
            descending
                ? (a, b) -> Integer.compare(b.id(), a.id())
                : (a, b) -> Integer.compare(a.id(), b.id()));
        return out;
      }
      boolean[] desc = new boolean[n];
      for (int i = 0; i < n; i++) {
        desc[i] = q.orderBy().get(i).descending();
      }
      // Sort keys are computed once per item: dates parse once, not at every comparison.
      record Keyed(WorkItem item, Object[] keys) {}
      List<Keyed> keyed = new ArrayList<>(items.size());
      for (WorkItem w : items) {
        Object[] ks = new Object[n];
        for (int i = 0; i < n; i++) {
          Bound b = keys.get(i);
          ks[i] = b.isLinkType() ? null : norm(b.kind(), raw(w, b.def().referenceName()), true);
        }
        keyed.add(new Keyed(w, ks));
      }
      Comparator<Keyed> cmp =
          (a, b) -> {
            for (int i = 0; i < n; i++) {
              int c = compareNullsFirst(a.keys()[i], b.keys()[i]);
              if (c != 0) {
                return desc[i] ? -c : c;
              }
            }
            return Integer.compare(a.item().id(), b.item().id());
          };
      keyed.sort(cmp);
      List<WorkItem> out = new ArrayList<>(keyed.size());
      for (Keyed k : keyed) {
        out.add(k.item());
      }
      return out;
    }

    private boolean isIdKey(Bound b) {
      return !b.isLinkType() && b.def().referenceName().equalsIgnoreCase("System.Id");
    }

    // ------------------------------------------------------------ value semantics

    /**
     * Normalizes a stored value for comparison: numbers to Double, dates to LocalDate (day
     * precision) or Instant, text lower-cased; forSort keeps full date precision.
     */
    private Object norm(Kind k, Object raw, boolean forSort) {
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
  }

  // ---------------------------------------------------------------- static helpers

  private static Cond all(List<Cond> cs) {
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

  private static void flatten(Expr e, List<Expr> out) {
    if (e instanceof And a) {
      for (Expr t : a.terms()) {
        flatten(t, out);
      }
    } else {
      out.add(e);
    }
  }

  /** Collects which parts of a link a condition reads: 'S'ource, 'T'arget, 'L'ink type. */
  private void uses(Expr e, Set<Character> out) {
    if (e instanceof And a) {
      a.terms().forEach(t -> uses(t, out));
    } else if (e instanceof Or or) {
      or.terms().forEach(t -> uses(t, out));
    } else if (e instanceof Not n) {
      uses(n.term(), out);
    } else {
      Comparison c = (Comparison) e;
      use(c.field(), out);
      for (Operand operand : c.operands()) {
        if (operand instanceof FieldOperand fo) {
          use(fo.field(), out);
        }
      }
    }
  }

  private void use(FieldRef ref, Set<Character> out) {
    FieldDef def = field(ref.name());
    if (def != null && def.referenceName().equalsIgnoreCase(BuiltInFields.LINK_TYPE)) {
      out.add('L');
    } else {
      out.add(ref.side() == Side.TARGET ? 'T' : 'S');
    }
  }
}
