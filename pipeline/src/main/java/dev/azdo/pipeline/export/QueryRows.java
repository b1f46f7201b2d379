package dev.azdo.pipeline.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoClient;
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
import java.util.List;
import java.util.Map;

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

  private static List<String> withoutId(List<String> fields) {
    List<String> out = new ArrayList<>(fields);
    if (!out.contains("System.Id")) {
      out.add(0, "System.Id");
    }
    return out;
  }
}
