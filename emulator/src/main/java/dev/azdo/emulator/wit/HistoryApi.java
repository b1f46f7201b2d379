package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.WorkItem;
import java.util.ArrayList;
import java.util.List;

/** A work item's history: its updates (what each revision changed) and its revisions. */
final class HistoryApi {
  private final WitTables t;
  private final WorkItemEngine engine;
  private final WorkItemJson json;

  HistoryApi(WitTables tables, WorkItemEngine engine, WorkItemJson json) {
    this.t = tables;
    this.engine = engine;
    this.json = json;
  }

  private WorkItem revision(int id, int rev) {
    return t.revisions.get(id + ":" + rev);
  }

  Object updates(ApiRequest req) {
    int id = WorkItemsApi.id(req.requireRoute("id"));
    WorkItem w = engine.live(id);
    String number = req.route("updateNumber");
    if (number != null) {
      int n = WorkItemsApi.id(number);
      WorkItem cur = n < 1 || n > w.rev() ? null : revision(id, n);
      if (cur == null) {
        throw notFound("update", n, id);
      }
      return json.update(n == 1 ? null : revision(id, n - 1), cur, req.baseUrl());
    }
    int top = req.queryInt("$top", 200);
    int skip = req.queryInt("$skip", 0);
    List<JsonNode> out = new ArrayList<>();
    for (int rev = skip + 1; rev <= w.rev() && out.size() < top; rev++) {
      WorkItem cur = revision(id, rev);
      if (cur != null) {
        out.add(json.update(rev == 1 ? null : revision(id, rev - 1), cur, req.baseUrl()));
      }
    }
    return Json.list(out);
  }

  Object revisions(ApiRequest req) {
    int id = WorkItemsApi.id(req.requireRoute("id"));
    WorkItem w = engine.live(id);
    WorkItemJson.Expand expand = WorkItemJson.expand(req.query("$expand"));
    String number = req.route("revisionNumber");
    if (number != null) {
      int n = WorkItemsApi.id(number);
      WorkItem cur = n < 1 || n > w.rev() ? null : revision(id, n);
      if (cur == null) {
        throw notFound("revision", n, id);
      }
      return json.revision(cur, req.baseUrl(), expand, revisedDate(id, n, w.rev()));
    }
    int top = req.queryInt("$top", 200);
    int skip = req.queryInt("$skip", 0);
    List<Object> out = new ArrayList<>();
    for (int rev = skip + 1; rev <= w.rev() && out.size() < top; rev++) {
      WorkItem cur = revision(id, rev);
      if (cur != null) {
        out.add(json.revision(cur, req.baseUrl(), expand, revisedDate(id, rev, w.rev())));
      }
    }
    return Json.streamedList(out);
  }

  // A revision ends when the next one starts; the latest lasts until 9999-01-01.
  private String revisedDate(int id, int rev, int latest) {
    if (rev >= latest) {
      return WorkItemEngine.FAR_FUTURE;
    }
    WorkItem next = revision(id, rev + 1);
    Object d = next == null ? null : next.fields().get("System.ChangedDate");
    return d == null ? WorkItemEngine.FAR_FUTURE : d.toString();
  }

  private static ApiException notFound(String what, int n, int id) {
    return ApiException.notFound(
        "WorkItemRevisionNotFoundException",
        "TF401233: The " + what + " " + n + " of work item " + id + " does not exist.");
  }
}
