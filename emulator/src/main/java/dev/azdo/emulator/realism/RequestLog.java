package dev.azdo.emulator.realism;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The API requests the emulator answered, newest last, for tests to inspect; bounded. */
final class RequestLog {
  // Enough for a large import's tail without letting a long-running emulator grow without bound.
  private static final int KEEP = 10_000;

  private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();
  // ConcurrentLinkedDeque.size() walks every entry: with the log full, that walk of 10,000 nodes
  // on each request was a quarter of the emulator's CPU in a bulk read, so the entries are counted.
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Integer, AtomicLong> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  /**
   * One answered request; status 0 when the connection was reset before any answer; operations are
   * the work item operations it carried (a $batch's sub-requests, 1 for a single work item write, 0
   * for reads).
   */
  record Entry(
      long seq,
      String time,
      String method,
      String path,
      int status,
      String apiVersion,
      String user,
      String wiql,
      String fault,
      double tstu,
      long delayMs,
      int operations) {
    ObjectNode json() {
      ObjectNode n =
          Json.object()
              .put("seq", seq)
              .put("time", time)
              .put("method", method)
              .put("path", path)
              .put("status", status)
              .put("fault", fault)
              .put("tstu", tstu)
              .put("delayMs", delayMs)
              .put("operations", operations);
      n.put("apiVersion", apiVersion);
      n.put("user", user);
      n.put("wiql", wiql);
      return n;
    }
  }

  long nextSeq() {
    return sequence.incrementAndGet();
  }

  void add(Entry e) {
    entries.addLast(e);
    held.incrementAndGet();
    total.incrementAndGet();
    byStatus.computeIfAbsent(e.status(), k -> new AtomicLong()).incrementAndGet();
    while (held.get() > KEEP && entries.pollFirst() != null) {
      held.decrementAndGet();
    }
  }

  void clear() {
    while (entries.pollFirst() != null) {
      held.decrementAndGet();
    }
    byStatus.clear();
    total.set(0);
    sequence.set(0);
  }

  /** The newest {@code top} entries, oldest first. */
  ArrayNode recent(int top) {
    List<Entry> out = new ArrayList<>();
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext() && out.size() < top) {
      out.add(it.next());
    }
    ArrayNode a = Json.array();
    for (int i = out.size() - 1; i >= 0; i--) {
      a.add(out.get(i).json());
    }
    return a;
  }

  /** Request totals by status ("0" counts connections reset without an answer). */
  ObjectNode counts() {
    ObjectNode n = Json.object().put("total", total.get());
    ObjectNode s = n.putObject("byStatus");
    new TreeMap<>(byStatus).forEach((k, v) -> s.put(Integer.toString(k), v.get()));
    return n;
  }
}
