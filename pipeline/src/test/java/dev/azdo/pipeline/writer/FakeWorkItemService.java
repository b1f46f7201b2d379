package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.mapping.WorkItemPatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory stand-in for the work item service behind the sink interface: it stores items,
 * answers lookups by key field or key tag, refuses titles containing "REFUSE" with a 400, and can
 * be told to lose the answers of its next calls after writing, as a dropped connection would.
 */
final class FakeWorkItemService implements WorkItemSink {
  final Map<Integer, Map<String, Object>> items = new LinkedHashMap<>();
  final Map<Integer, Integer> parents = new HashMap<>();
  final List<Integer> batchSizes = new ArrayList<>();
  final List<WriteFlags> flagsSeen = new ArrayList<>();
  final List<Integer> deleted = new ArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger(100);
  private final AtomicInteger concurrent = new AtomicInteger();
  int maxConcurrent;
  int loseAnswers;
  int failCallsFatally;
  int throttleFirstWrites;
  int lookups;

  @Override
  public List<WriteOutcome> write(List<WorkItemWrite> writes, WriteFlags flags) {
    int now = concurrent.incrementAndGet();
    try {
      synchronized (this) {
        maxConcurrent = Math.max(maxConcurrent, now);
        if (failCallsFatally > 0) {
          failCallsFatally--;
          throw new SinkException("401 Unauthorized: the access token was rejected", true, null);
        }
        batchSizes.add(writes.size());
        flagsSeen.add(flags);
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (WorkItemWrite write : writes) {
          outcomes.add(apply(write));
        }
        if (loseAnswers > 0) {
          loseAnswers--;
          throw new SinkException("connection reset while reading the $batch answer", false, null);
        }
        return outcomes;
      }
    } finally {
      concurrent.decrementAndGet();
    }
  }

  private WriteOutcome apply(WorkItemWrite write) {
    if (throttleFirstWrites > 0) {
      throttleFirstWrites--;
      return WriteOutcome.failed(429, "TF400733: the request was throttled");
    }
    switch (write.kind()) {
      case DELETE -> {
        if (items.remove(write.id()) == null) {
          return WriteOutcome.failed(404, "work item " + write.id() + " does not exist");
        }
        deleted.add(write.id());
        return WriteOutcome.ok(write.id());
      }
      case UPDATE -> {
        Map<String, Object> item = items.get(write.id());
        if (item == null) {
          return WriteOutcome.failed(404, "work item " + write.id() + " does not exist");
        }
        item.putAll(write.patch().fields());
        return WriteOutcome.ok(write.id());
      }
      default -> {
        Object title = write.patch().value("System.Title");
        if (title != null && title.toString().contains("REFUSE")) {
          return WriteOutcome.failed(400, "TF401320: rule error for field Title");
        }
        int id = nextId.getAndIncrement();
        Map<String, Object> item = new LinkedHashMap<>(write.patch().fields());
        item.put("System.WorkItemType", write.workItemType());
        for (WorkItemPatch.Relation relation : write.patch().relations()) {
          int parent =
              Integer.parseInt(relation.url().substring(relation.url().lastIndexOf('/') + 1));
          if (!items.containsKey(parent) && parent < 100_000) {
            return WriteOutcome.failed(400, "parent " + parent + " does not exist");
          }
          parents.put(id, parent);
        }
        items.put(id, item);
        return WriteOutcome.ok(id);
      }
    }
  }

  @Override
  public synchronized Map<String, Integer> findByKeys(String keyField, Collection<String> keys) {
    lookups++;
    Map<String, Integer> found = new HashMap<>();
    for (Map.Entry<Integer, Map<String, Object>> e : items.entrySet()) {
      for (String key : keys) {
        boolean match =
            keyField != null
                ? key.equals(e.getValue().get(keyField))
                : String.valueOf(e.getValue().get("System.Tags")).contains(MappingSpec.keyTag(key));
        if (match) {
          found.put(key, e.getKey());
        }
      }
    }
    return found;
  }

  @Override
  public String workItemUrl(int id) {
    return "http://fake/_apis/wit/workItems/" + id;
  }

  synchronized int count() {
    return items.size();
  }
}
