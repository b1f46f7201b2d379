package dev.azdo.pipeline.endpoint;

import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.writer.WorkItemSink;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the WorkItemId or Key columns of a row into a work item id: an id is used as it is; a key
 * is looked up in the work item import's journal, then with WIQL on the key field (or the {@code
 * import-key:KEY} tag) as the work item import itself does. Thread-safe.
 */
final class WorkItemRefs {
  private final WorkItemSink finder;
  private final String keyField;
  private final Map<String, Integer> known = new ConcurrentHashMap<>();
  private final Set<String> absent = ConcurrentHashMap.newKeySet();

  WorkItemRefs(WorkItemSink finder, String keyField, Path workItemJournal) {
    this.finder = finder;
    this.keyField = keyField;
    if (workItemJournal != null) {
      known.putAll(Journal.readWrittenIds(workItemJournal));
    }
  }

  /**
   * Looks up, in as few WIQL queries as possible, the keys the rows name in these inputs that are
   * not known yet; keys not found are remembered as absent.
   */
  void prefetch(List<EndpointRow> rows, List<String> keyInputs) {
    Set<String> wanted = new LinkedHashSet<>();
    for (EndpointRow row : rows) {
      for (String input : keyInputs) {
        String key = row.get(input);
        if (key != null && !known.containsKey(key) && !absent.contains(key)) {
          wanted.add(key);
        }
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    Map<String, Integer> found = finder.findByKeys(keyField, wanted);
    known.putAll(found);
    for (String key : wanted) {
      if (!found.containsKey(key)) {
        absent.add(key);
      }
    }
  }

  /** Returns the work item id a row names in its id or key input. */
  int resolve(EndpointRow row, String idInput, String keyInput) {
    String id = row.get(idInput);
    if (id != null) {
      try {
        return Integer.parseInt(id);
      } catch (NumberFormatException e) {
        throw new RowRejected(idInput, "\"" + id + "\" is not a work item id (a whole number)");
      }
    }
    String key = row.get(keyInput);
    Integer found = known.get(key);
    if (found == null) {
      found = absent.contains(key) ? null : finder.findByKeys(keyField, List.of(key)).get(key);
      if (found == null) {
        throw new RowRejected(
            keyInput,
            "no work item has key \""
                + key
                + "\" ("
                + (keyField == null
                    ? "looked for the tag import-key:" + key
                    : "looked in field " + keyField)
                + "); import the work items first or give "
                + idInput);
      }
      known.put(key, found);
    }
    return found;
  }
}
