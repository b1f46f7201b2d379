package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlValues.*;

import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.wiql.WhereClause.Bound;
import dev.azdo.emulator.wiql.WhereClause.Cond;
import dev.azdo.emulator.wiql.WhereClause.Row;
import dev.azdo.emulator.wiql.WiqlEngine.Options;
import dev.azdo.emulator.wiql.WiqlQuery.And;
import dev.azdo.emulator.wiql.WiqlQuery.Comparison;
import dev.azdo.emulator.wiql.WiqlQuery.Expr;
import dev.azdo.emulator.wiql.WiqlQuery.FieldOperand;
import dev.azdo.emulator.wiql.WiqlQuery.FieldRef;
import dev.azdo.emulator.wiql.WiqlQuery.Mode;
import dev.azdo.emulator.wiql.WiqlQuery.Not;
import dev.azdo.emulator.wiql.WiqlQuery.Operand;
import dev.azdo.emulator.wiql.WiqlQuery.Or;
import dev.azdo.emulator.wiql.WiqlQuery.Side;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A query FROM WorkItemLinks in one run: splits the WHERE clause into source and link conditions,
 * follows links in both directions whichever side stored them, and answers one-hop (MUST, MAY, DOES
 * NOT CONTAIN) and tree (recursive hierarchy) results.
 */
final class LinkQuery {
  private final WiqlEngine.Run run;
  private final WhereClause where;
  private final WiqlEngine engine;
  private final WiqlQuery q;
  private final Options o;
  private final Map<String, String> lowerRels = new HashMap<>();

  LinkQuery(WiqlEngine engine, WiqlEngine.Run run, WhereClause where, WiqlQuery q, Options o) {
    this.engine = engine;
    this.run = run;
    this.where = where;
    this.q = q;
    this.o = o;
  }

  private record Edge(String rel, int target) {}

  /** The query's links in result order, sorted by sortKeys; tree when recursive. */
  List<WiqlResult.Link> links(List<Bound> sortKeys, boolean recursive) {
    Map<Integer, WorkItem> byId = new HashMap<>();
    for (WorkItem w : engine.source().workItems()) {
      if (!w.deleted()) {
        WorkItem v = run.view(w);
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
      Cond c = where.compile(e);
      if (uses.contains('L') || uses.contains('T')) {
        linkConds.add(c);
      } else {
        sourceConds.add(c);
      }
    }
    Cond sourceCond = WhereClause.all(sourceConds);
    Cond linkCond = WhereClause.all(linkConds);
    Row row = new Row();
    List<WorkItem> roots = new ArrayList<>();
    for (WorkItem w : byId.values()) {
      if (sourceCond.test(row.set(w, null, null))) {
        roots.add(w);
      }
    }
    roots = run.sort(roots, sortKeys);
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
        // Keyed by id: a work item's own hash walks all its fields.
        Map<Integer, List<String>> rels = new HashMap<>();
        for (Edge e : edges.getOrDefault(s.id(), List.of())) {
          WorkItem t = byId.get(e.target());
          if (t != null && linkCond.test(row.set(s, e.rel(), t))) {
            if (!rels.containsKey(t.id())) {
              targets.add(t);
            }
            rels.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(e.rel());
          }
        }
        if (mode == Mode.MUST_CONTAIN && targets.isEmpty()) {
          continue;
        }
        if (mode == Mode.DOES_NOT_CONTAIN && !targets.isEmpty()) {
          continue;
        }
        out.add(new WiqlResult.Link(null, null, s.id()));
        for (WorkItem t : run.sort(targets, sortKeys)) {
          for (String rel : rels.get(t.id())) {
            out.add(new WiqlResult.Link(rel, s.id(), t.id()));
          }
        }
      }
    }
    run.checkLimit(out.size());
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
    Map<Integer, String> relOf = new HashMap<>();
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
        relOf.put(child.id(), e.rel());
      }
    }
    for (WorkItem child : run.sort(children, sortKeys)) {
      out.add(new WiqlResult.Link(relOf.get(child.id()), node.id(), child.id()));
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
    // Few link types exist: their lower-case names are kept rather than made per link.
    String lower = lowerRels.computeIfAbsent(rel, r -> r.toLowerCase(Locale.ROOT));
    if (seen.add(from + "|" + lower + "|" + to)) {
      edges.computeIfAbsent(from, k -> new ArrayList<>()).add(new Edge(rel, to));
    }
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
    FieldDef def = engine.field(ref.name());
    if (def != null && def.referenceName().equalsIgnoreCase(BuiltInFields.LINK_TYPE)) {
      out.add('L');
    } else {
      out.add(ref.side() == Side.TARGET ? 'T' : 'S');
    }
  }
}
