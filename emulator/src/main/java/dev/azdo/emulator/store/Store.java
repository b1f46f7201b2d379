package dev.azdo.emulator.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
 * answers, so a kill -9 loses no acknowledged write; a torn last line is ignored on replay. Lines
 * have no length limit (a 130 MB attachment is one line); a damaged line that is not the last one
 * stops the start instead of being dropped, so compaction never makes a loss permanent.
 */
public final class Store implements AutoCloseable {
  private static final String SNAPSHOT = "snapshot.jsonl";
  private static final String JOURNAL = "journal.jsonl";
  // Held (an operating-system lock) while an emulator uses the directory; it names that emulator.
  private static final String LOCK = "emulator.lock";

  // The HTTP mapper keeps Jackson's default 20,000,000-character string limit; stored values are
  // ones the emulator already accepted, such as a base64 attachment of 130 MB, so nothing caps
  // them.
  private static final ObjectMapper STORED =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxDocumentLength(-1)
                          .build())
                  .build())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Map<String, Table<?>> tables = new LinkedHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private Path dir;
  private FileChannel journal;
  private FileChannel lockFile;
  private boolean fsync;

  /**
   * Declares a table (or returns it when declared); all tables are declared before {@link #open}.
   */
  public synchronized <V> Table<V> table(TableKey<V> key) {
    @SuppressWarnings("unchecked")
    Table<V> existing = (Table<V>) tables.get(key.name());
    if (existing != null) {
      return existing;
    }
    Table<V> t = new Table<>(key.name(), key.type());
    tables.put(key.name(), t);
    return t;
  }

  /** Returns the rows of a table, or 0 when no module declared it. */
  public synchronized int size(TableKey<?> key) {
    Table<?> t = tables.get(key.name());
    return t == null ? 0 : t.size();
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
      lock(dataDir);
      this.dir = dataDir;
      this.fsync = fsync;
      replay(dataDir.resolve(SNAPSHOT));
      replay(dataDir.resolve(JOURNAL));
      compact();
      // The snapshot now holds everything: start an empty journal, so that new lines never follow
      // a torn one (replay stops at the first torn line and would drop them).
      journal = freshJournal();
    } catch (IOException e) {
      unlock();
      throw new UncheckedIOException(
          "cannot open emulator data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  // A second emulator on the same directory would interleave journals and lose writes.
  private void lock(Path dataDir) throws IOException {
    Path file = dataDir.resolve(LOCK);
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = ch.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      held = null;
    }
    if (held == null) {
      ch.close();
      String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
      throw new DataDirectoryInUseException(
          dataDir, holder.isEmpty() ? "an emulator that is starting" : holder);
    }
    lockFile = ch;
  }

  /** Records who holds the data directory (process id and URL), for a second emulator's message. */
  public void holder(String description) {
    if (lockFile == null) {
      return;
    }
    try {
      byte[] text = (description + "\n").getBytes(StandardCharsets.UTF_8);
      lockFile.truncate(0);
      lockFile.write(ByteBuffer.wrap(text), 0);
      lockFile.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(LOCK), e);
    }
  }

  private void unlock() {
    if (lockFile != null) {
      try {
        lockFile.truncate(0);
        lockFile.close();
      } catch (IOException ignored) {
        // Closing the channel releases the lock whatever else fails; the next start overwrites it.
      }
      lockFile = null;
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
      unlock();
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
    try (InputStream in = Files.newInputStream(file)) {
      JournalLines lines = new JournalLines(in);
      byte[] line;
      while ((line = lines.next()) != null) {
        if (isBlank(line)) {
          continue;
        }
        JsonNode tx;
        try {
          tx = STORED.readTree(line);
        } catch (IOException damaged) {
          if (lines.atEnd()) {
            // The process died while writing this line: the caller never got an answer for it.
            break;
          }
          throw new IOException(
              "line "
                  + lines.number()
                  + " of "
                  + file
                  + " is damaged and later lines follow it; the data directory is left as it is"
                  + " (move that file away to start from the lines before it)",
              damaged);
        }
        for (JsonNode c : tx.path("c")) {
          apply(c);
        }
      }
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void apply(JsonNode change) throws IOException {
    Table t = tables.get(change.path("t").asText());
    if (t == null) {
      return;
    }
    String key = change.path("k").asText();
    if (change.path("d").asBoolean(false)) {
      t.rows.remove(key);
    } else {
      t.rows.put(key, STORED.treeToValue(change.get("v"), t.type()));
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
          c.addObject()
              .put("t", t.name())
              .put("k", e.getKey())
              .set("v", STORED.valueToTree(e.getValue()));
          w.write(STORED.writeValueAsString(tx));
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
        c.set("v", STORED.valueToTree(value));
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
      byte[] json;
      try {
        json = STORED.writeValueAsBytes(tx);
      } catch (IOException e) {
        rollback();
        throw new UncheckedIOException("cannot write the emulator journal", e);
      }
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
