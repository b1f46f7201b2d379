package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlValues.*;

import dev.azdo.emulator.model.Directory;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.wiql.WhereClause.Bound;
import dev.azdo.emulator.wiql.WhereClause.Cond;
import dev.azdo.emulator.wiql.WhereClause.Row;
import dev.azdo.emulator.wiql.WiqlQuery.FieldRef;
import dev.azdo.emulator.wiql.WiqlQuery.Literal;
import dev.azdo.emulator.wiql.WiqlQuery.Mode;
import dev.azdo.emulator.wiql.WiqlQuery.SortKey;
import dev.azdo.emulator.wiql.WiqlQuery.Source;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Runs parsed WIQL against work items: binds field names through the field catalog, evaluates the
 * WHERE clause with the service's comparison rules (numbers as numbers, dates by day unless time
 * precision is asked for, strings and identities case-insensitively), sorts, applies $top and the
 * 20,000 result limit, and answers flat, one-hop and tree (recursive) link queries ({@link
 * WhereClause} compiles the conditions, {@link LinkQuery} answers link queries). Thread-safe: each
 * run keeps its own state.
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

  // What a run's parts read: the engine's work items, paths, groups and identities.
  WorkItemSource source() {
    return source;
  }

  PathCheck paths() {
    return paths;
  }

  Groups groups() {
    return groups;
  }

  Directory directory() {
    return directory;
  }

  /** One run of a query: its options, ASOF view, flat results, sorting and limits. */
  final class Run {
    private final WiqlQuery q;
    private final Options o;
    private final Instant asOf;
    private final WhereClause where;

    Run(WiqlQuery q, Options o) {
      this.q = q;
      this.o = o;
      this.where = new WhereClause(WiqlEngine.this, q, o);
      this.asOf = q.asOf() == null ? null : asOfInstant(q.asOf());
    }

    WiqlResult execute() {
      List<FieldDef> columns = new ArrayList<>();
      for (FieldRef c : q.columns()) {
        columns.add(where.bind(c).def());
      }
      List<Bound> sortKeys = new ArrayList<>();
      List<WiqlResult.SortColumn> sortColumns = new ArrayList<>();
      for (SortKey k : q.orderBy()) {
        Bound b = where.bind(k.field());
        sortKeys.add(b);
        sortColumns.add(new WiqlResult.SortColumn(b.def(), k.descending()));
      }
      Instant ranAt = asOf != null ? asOf : o.now();
      if (q.from() == Source.WORK_ITEMS) {
        Cond cond = q.where() == null ? null : where.compile(q.where());
        List<Integer> ids = flat(cond, sortKeys);
        return new WiqlResult(
            "flat", "workItem", ranAt, List.copyOf(columns), sortColumns, ids, null);
      }
      boolean recursive = q.modes().contains(Mode.RECURSIVE);
      List<WiqlResult.Link> links =
          new LinkQuery(WiqlEngine.this, this, where, q, o).links(sortKeys, recursive);
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
      int n = o.top() == null ? matched.size() : Math.min(o.top(), matched.size());
      List<Integer> ids = new ArrayList<>(n);
      if (sortKeys.isEmpty() || (sortKeys.size() == 1 && isIdKey(sortKeys.get(0)))) {
        // In id order (every export and split query): the ids sorted as ints, not the items by a
        // comparator (a fifth of a 20,000-item query's time).
        int[] sorted = new int[matched.size()];
        for (int i = 0; i < sorted.length; i++) {
          sorted[i] = matched.get(i).id();
        }
        Arrays.sort(sorted);
        boolean descending = sortKeys.size() == 1 && q.orderBy().get(0).descending();
        for (int i = 0; i < n; i++) {
          ids.add(sorted[descending ? sorted.length - 1 - i : i]);
        }
        return ids;
      }
      List<WorkItem> sorted = sort(matched, sortKeys);
      for (int i = 0; i < n; i++) {
        ids.add(sorted.get(i).id());
      }
      return ids;
    }

    /** Refuses more results than the limit (VS402337), unless $top is within it. */
    void checkLimit(int count) {
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

    private Instant asOfInstant(Literal l) {
      Object d = parseDate(l.value().toString());
      if (d == null) {
        throw WiqlException.causedBy("Expecting a date.", l.position(), l.written());
      }
      return d instanceof Instant i ? i : ((LocalDate) d).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The revision of a work item as of ASOF (itself without ASOF); null if it did not exist. */
    WorkItem view(WorkItem w) {
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

    /** The items in ORDER BY order (ties by id). */
    List<WorkItem> sort(List<WorkItem> items, List<Bound> keys) {
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
          ks[i] =
              b.isLinkType() ? null : where.norm(b.kind(), raw(w, b.def().referenceName()), true);
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
  }
}
