package dev.azdo.emulator.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A named collection of values by key; reads are lock-free, writes go through {@link Store#write}.
 * Values must be treated as immutable: copy one before changing it, then put the copy.
 */
public final class Table<V> {
  private final String name;
  private final Class<V> type;
  final ConcurrentHashMap<String, V> rows = new ConcurrentHashMap<>();

  Table(String name, Class<V> type) {
    this.name = name;
    this.type = type;
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  Class<V> type() {
    return type;
  }

  /** The value under a key, or null. */
  public V get(String key) {
    return rows.get(key);
  }

  /** Tells whether the table holds a key. */
  public boolean contains(String key) {
    return rows.containsKey(key);
  }

  /** Returns the size. */
  public int size() {
    return rows.size();
  }

  /** A snapshot of all values, in no particular order. */
  public Collection<V> values() {
    return new ArrayList<>(rows.values());
  }

  /** The values matching a predicate. */
  public List<V> where(Predicate<V> p) {
    List<V> out = new ArrayList<>();
    for (V v : rows.values()) {
      if (p.test(v)) {
        out.add(v);
      }
    }
    return out;
  }
}
