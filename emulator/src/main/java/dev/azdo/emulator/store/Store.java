package dev.azdo.emulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The emulator's state: tables of values, changed only inside {@link #write} transactions. With a
 * data directory, each committed transaction is appended to a journal as one line before the caller
 * answers, so a kill -9 loses no acknowledged write; a torn last line is ignored on replay.
 */
public final class Store implements AutoCloseable {
  private static final String SNAPSHOT = "snapshot.jsonl";
  private static final String JOURNAL = "journal.jsonl";

  private final Map<String, Table<?>> tables = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private Path dir;
  private FileChannel journal;
  private boolean fsync;

  /** Declares a table; all tables are declared before {@link #open}. */
  public synchronized <V> Table<V> table(String name, Class<V> type) {
    @SuppressWarnings("unchecked")
    Table<V> existing = (Table<V>) tables.get(name);
    if (existing != null) {
      return existing;
    }
    Table<V> t = new Table<>(name, type);
    tables.put(name, t);
    return t;
  }

  /** True when the store was loaded from a directory that already held data. */
  public boolean isEmpty() {
    return tables.values().stream().allMatch(t -> t.size() == 0);
  }

  /**
   * Loads a data directory (snapshot then journal), compacts it into a new snapshot and starts a
   * fresh journal. Without a directory the store stays in memory.
   */
  public void open(Path dataDir) {
    open(dataDir, false);
  }

  /**
   * Like {@link #open(Path)}; with fsync each commit is forced to the disk before the caller
   * answers, which also survives a power loss (a kill -9 is survived without it: the journal line
   * is in the operating system's cache once written).
   */
  public void open(Path dataDir, boolean fsync) {
    if (dataDir == null) {
      return;
    }
    try {
      Files.createDirectories(dataDir);
      this.dir = dataDir;
      this.fsync = fsync;
      replay(dataDir.resolve(SNAPSHOT));
      replay(dataDir.resolve(JOURNAL));
      compact();
      // The snapshot now holds everything: start an empty journal, so that new lines never follow
      // a torn one (replay stops at the first torn line and would drop them).
      journal = freshJournal();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open emulator data directory " + dataDir, e);
    }
  }

  /** Runs work under the store's write lock; its changes commit together or not at all. */
  public <T> T write(Function<Tx, T> work) {
    lock.lock();
    Tx tx = new Tx(journal != null);
    try {
      T result;
      try {
        result = work.apply(tx);
      } catch (RuntimeException | Error e) {
        tx.rollback();
        throw e;
      }
      tx.commit(journal, fsync);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Runs work under the write lock, without a result. */
  public void run(java.util.function.Consumer<Tx> work) {
    write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  /** Clears every table (and the data directory's content), for the control API's reset. */
  public void clear() {
    lock.lock();
    try {
      for (Table<?> t : tables.values()) {
        t.rows.clear();
      }
      if (dir != null) {
        journal.close();
        compact();
        journal = freshJournal();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (journal != null) {
        journal.close();
        journal = null;
        compact();
        Files.write(dir.resolve(JOURNAL), new byte[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  private FileChannel freshJournal() throws IOException {
    FileChannel ch =
        FileChannel.open(
            dir.resolve(JOURNAL),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    ch.force(true);
    return ch;
  }

  private void replay(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      String line;
      while ((line = readLine(in)) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode tx;
        try {
          tx = Json.MAPPER.readTree(line);
        } catch (IOException torn) {
          // The process died while writing this line: the caller never got an answer for it.
          break;
        }
        for (JsonNode c : tx.path("c")) {
          apply(c);
        }
      }
    }
  }

  // Reads one line as UTF-8, replacing the bytes of a character torn by a crash instead of failing.
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      buf.write(b);
    }
    if (b == -1 && buf.size() == 0) {
      return null;
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void apply(JsonNode change) {
    Table t = tables.get(change.path("t").asText());
    if (t == null) {
      return;
    }
    String key = change.path("k").asText();
    if (change.path("d").asBoolean(false)) {
      t.rows.remove(key);
    } else {
      t.rows.put(key, Json.convert(change.get("v"), t.type()));
    }
  }

  // Writes every table to a new snapshot, then atomically replaces the old one.
  private void compact() throws IOException {
    Path tmp = dir.resolve(SNAPSHOT + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Table<?> t : tables.values()) {
        for (Map.Entry<String, ?> e : t.rows.entrySet()) {
          ObjectNode tx = Json.object();
          ArrayNode c = tx.putArray("c");
          c.addObject().put("t", t.name()).put("k", e.getKey()).set("v", Json.tree(e.getValue()));
          w.write(Json.write(tx));
          w.newLine();
        }
      }
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(SNAPSHOT),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** The changes of one transaction, applied at once and undone if the work fails. */
  public static final class Tx {
    private final List<Object[]> undo = new ArrayList<>();
    private final List<ObjectNode> changes = new ArrayList<>();

    private final boolean journaled;

    private Tx(boolean journaled) {
      this.journaled = journaled;
    }

    /** Puts a value under a key. */
    public <V> void put(Table<V> table, String key, V value) {
      undo.add(new Object[] {table, key, table.rows.get(key)});
      table.rows.put(key, value);
      if (journaled) {
        ObjectNode c = Json.object().put("t", table.name()).put("k", key);
        c.set("v", Json.tree(value));
        changes.add(c);
      }
    }

    /** Removes a key. */
    public <V> void remove(Table<V> table, String key) {
      undo.add(new Object[] {table, key, table.rows.get(key)});
      table.rows.remove(key);
      if (journaled) {
        changes.add(Json.object().put("t", table.name()).put("k", key).put("d", true));
      }
    }

    /** Returns the next value of a named counter, starting at 1. */
    public long next(Table<Long> counters, String name) {
      Long cur = counters.get(name);
      long n = cur == null ? 1 : cur + 1;
      put(counters, name, n);
      return n;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void rollback() {
      for (int i = undo.size() - 1; i >= 0; i--) {
        Object[] u = undo.get(i);
        Table t = (Table) u[0];
        if (u[2] == null) {
          t.rows.remove(u[1]);
        } else {
          t.rows.put(u[1], u[2]);
        }
      }
    }

    private void commit(FileChannel journal, boolean fsync) {
      if (journal == null || changes.isEmpty()) {
        return;
      }
      ObjectNode tx = Json.object();
      tx.putArray("c").addAll(changes);
      byte[] json = Json.bytes(tx);
      // One write of the whole line, newline included: a crash leaves at most one torn last line.
      ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
      long end = -1;
      try {
        end = journal.position();
        while (line.hasRemaining()) {
          journal.write(line);
        }
        if (fsync) {
          journal.force(false);
        }
      } catch (IOException e) {
        try {
          if (end >= 0) {
            // Cut a half-written line (disk full), so later lines do not follow a torn one.
            journal.truncate(end);
          }
        } catch (IOException ignored) {
          // The open of the next start still stops at the torn line.
        }
        rollback();
        throw new UncheckedIOException("cannot write the emulator journal", e);
      }
    }
  }
}
