package dev.azdo.pipeline.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.FieldInfo;
import dev.azdo.client.ProjectFields;
import dev.azdo.client.QueryResult;
import dev.azdo.client.WiqlColumn;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemFetcher;
import dev.azdo.client.WorkItemLink;
import dev.azdo.client.WorkItemQueries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a WIQL query and writes the selected fields of every item it returns, in its order (flat
 * queries, past the 20,000 cap), or one row per link with the link type and the target's fields
 * (tree and one-hop queries).
 */
public final class QueryRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AzdoClient client;
  private final int concurrency;

  /** Creates the runner; concurrency is the work item reads in flight. */
  public QueryRows(AzdoClient client, int concurrency) {
    this.client = client;
    this.concurrency = concurrency;
  }

  /**
   * Runs the query and writes its rows; fields (may be empty) replace the query's SELECT.
   *
   * @return the rows written
   */
  public long write(String project, String wiql, List<String> fields, RowWriter out)
      throws IOException {
    QueryResult r = new WorkItemQueries(client).run(project, wiql);
    List<String> names =
        fields.isEmpty() ? r.columns().stream().map(WiqlColumn::referenceName).toList() : fields;
    if (names.isEmpty()) {
      names = List.of("System.Id");
    }
    WorkItemColumns columns =
        new WorkItemColumns(
            WorkItemColumns.resolve("--fields", names, new ProjectFields(client).list(project)));
    WorkItemFetcher fetcher =
        WorkItemFetcher.builder(client)
            .project(project)
            .fields(withoutId(columns.referenceNames()))
            .concurrency(concurrency)
            .build();
    long rows = 0;
    if (!r.isLinkQuery()) {
      out.header(columns.header());
      Iterator<WorkItem> it = fetcher.items(r.ids());
      while (it.hasNext()) {
        WorkItem w = it.next();
        out.row(columns.values(w), WorkItemColumns.raw(w));
        rows++;
      }
    } else {
      // A link query's rows are all in memory already (QueryResult), so its items can be too.
      Map<Integer, WorkItem> byId = new HashMap<>();
      fetcher.items(r.ids()).forEachRemaining(w -> byId.put(w.id(), w));
      List<String> header = new ArrayList<>(List.of("Source", "Target", "LinkType"));
      header.addAll(columns.header());
      out.header(header);
      for (WorkItemLink l : r.links()) {
        WorkItem target = byId.get(l.targetId());
        if (target == null) {
          continue; // deleted since the query ran
        }
        List<String> row = new ArrayList<>();
        row.add(l.sourceId() == 0 ? "" : Integer.toString(l.sourceId()));
        row.add(Integer.toString(l.targetId()));
        row.add(l.rel() == null ? "" : l.rel());
        row.addAll(columns.values(target));
        ObjectNode raw = JSON.createObjectNode();
        if (l.rel() != null) {
          raw.put("rel", l.rel());
          raw.put("source", l.sourceId());
        }
        raw.put("target", l.targetId());
        raw.set("workItem", WorkItemColumns.raw(target));
        out.row(row, raw);
        rows++;
      }
    }
    out.finish();
    return rows;
  }

  /**
   * Reads work items by id, in the order given (each once), and writes System.Id, System.Rev and
   * the fields asked for, or every field the items have when fields is empty.
   *
   * @return the ids that were not found (deleted, never created, or not readable)
   */
  public List<Integer> writeItems(
      String project, List<Integer> ids, List<String> fields, RowWriter out) throws IOException {
    List<FieldInfo> known = new ProjectFields(client).list(project);
    WorkItemFetcher.Builder b = WorkItemFetcher.builder(client).project(project);
    if (!fields.isEmpty()) {
      List<String> asked = new ArrayList<>(List.of("System.Id", "System.Rev"));
      asked.addAll(fields);
      b.fields(
          WorkItemColumns.resolve("--fields", asked, known).stream()
              .map(FieldInfo::referenceName)
              .toList());
    }
    List<Integer> unique = ids.stream().distinct().toList();
    Map<Integer, WorkItem> byId = new HashMap<>();
    b.concurrency(concurrency).build().items(unique).forEachRemaining(w -> byId.put(w.id(), w));
    Set<String> names = new LinkedHashSet<>(List.of("System.Id", "System.Rev"));
    if (fields.isEmpty()) {
      byId.values().stream()
          .filter(w -> w.fields() != null)
          .forEach(w -> w.fields().fieldNames().forEachRemaining(names::add));
    } else {
      names.addAll(fields);
    }
    WorkItemColumns columns = new WorkItemColumns(lenient(new ArrayList<>(names), known, fields));
    out.header(columns.header());
    List<Integer> missing = new ArrayList<>();
    for (int id : unique) {
      WorkItem w = byId.get(id);
      if (w == null) {
        missing.add(id);
      } else {
        out.row(columns.values(w), WorkItemColumns.raw(w));
      }
    }
    out.finish();
    return missing;
  }

  // The fields the items came with are named as the catalogue names them; one it does not list
  // (a field of another project's process) is kept as plain text rather than refused.
  private static List<FieldInfo> lenient(
      List<String> names, List<FieldInfo> known, List<String> asked) {
    if (!asked.isEmpty()) {
      return WorkItemColumns.resolve("--fields", names, known);
    }
    Map<String, FieldInfo> byRef = new HashMap<>();
    known.forEach(f -> byRef.put(f.referenceName(), f));
    return names.stream()
        .map(n -> byRef.getOrDefault(n, new FieldInfo(n, n, "string", false, true)))
        .toList();
  }

  private static List<String> withoutId(List<String> fields) {
    List<String> out = new ArrayList<>(fields);
    if (!out.contains("System.Id")) {
      out.add(0, "System.Id");
    }
    return out;
  }
}
