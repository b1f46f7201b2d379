package dev.azdo.pipeline.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An append-only record of what each row key became, read back on restart so a rerun skips rows
 * already written unchanged, applies rows whose content changed, and creates nothing twice. Before
 * a row is sent its key is journaled as {@code sent}; after success as {@code written} with the id
 * and a digest of what was sent. A key left {@code sent} means the response was lost, so the writer
 * must look the item up by key before creating it again. One JSON object per line; the first names
 * the journal's {@link JournalIdentity}; a torn last line from a crash is ignored. Keys are JSON
 * strings, stored and looked up exactly whatever characters they hold.
 *
 * <p>Only one run uses a journal at a time: it holds an OS lock on the file until closed. Safe for
 * use from several threads.
 */
public final class Journal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What an earlier run recorded for a key it wrote: the id (number or GUID) and the digest. */
  public record Done(String id, String digest) {
    /** Returns the id as a work item number, or null when it is a GUID. */
    public Integer workItemId() {
      return id.matches("\\d{1,9}") ? Integer.valueOf(id) : null;
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final Writer out;
  private final Map<String, Done> done = new HashMap<>();
  private final Set<String> pending = new HashSet<>();
  private JournalIdentity identity;
  private boolean legacyTarget;
  private boolean empty = true;

  private Journal(Path file) throws IOException {
    this.file = file;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      ch.close();
      throw new JournalLockedException(
          "journal "
              + file
              + " is in use by another run"
              + runningPid(file)
              + "; wait for it to finish, or name another journal with --journal");
    }
    this.channel = ch;
    this.lock = held;
    long keep = read(Files.readAllBytes(file));
    if (keep >= 0) {
      channel.truncate(keep);
    }
    channel.position(channel.size());
    this.out = Channels.newWriter(channel, StandardCharsets.UTF_8);
    if (keep == -2) {
      out.write('\n');
      out.flush();
    }
  }

  /** Reads earlier entries; returns where to cut a torn last line, -2 to end it, else -1. */
  private long read(byte[] bytes) throws IOException {
    long keep = -1;
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    long offset = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      long lineStart = offset;
      offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (line.isBlank()) {
        continue;
      }
      JsonNode entry;
      try {
        entry = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        if (last) {
          // The process died mid-write; that entry never completed, so cut it off.
          return lineStart;
        }
        throw new IOException("line " + (i + 1) + " is damaged: " + e.getOriginalMessage(), e);
      }
      if (last) {
        // A complete entry without its newline: keep it, but end it before appending.
        keep = -2;
      }
      if (entry.has("identity")) {
        JsonNode id = entry.get("identity");
        identity =
            new JournalIdentity(
                id.path("target").asText(),
                id.path("project").isTextual() ? id.path("project").asText() : null,
                id.path("endpoint").asText(),
                id.path("source").asText());
        continue;
      }
      if (entry.has("target") && !entry.has("key")) {
        legacyTarget = true;
        continue;
      }
      if (entry.has("run")) {
        continue;
      }
      empty = false;
      String key = entry.path("key").asText();
      if (entry.has("id")) {
        done.put(key, new Done(entry.get("id").asText(), entry.path("digest").asText(null)));
        pending.remove(key);
      } else if ("rejected".equals(entry.path("state").asText())) {
        pending.remove(key);
      } else {
        pending.add(key);
      }
    }
    return keep;
  }

  // The process that holds the journal writes its pid when it starts: name it in the refusal.
  private static String runningPid(Path file) {
    try {
      String pid = null;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("{\"run\":")) {
          try {
            pid = JSON.readTree(line).path("run").asText(null);
          } catch (JsonProcessingException torn) {
            // Not a whole line yet.
          }
        }
      }
      return pid == null ? "" : " (process " + pid + ")";
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /**
   * Opens a journal for one identity: a new journal records it; one that recorded another is
   * refused before anything is written, because resuming from it would skip rows that were never
   * written there.
   *
   * @throws JournalMismatchException when the journal belongs to another identity
   * @throws JournalLockedException when another run holds the journal
   */
  public static Journal open(Path file, JournalIdentity identity) {
    Journal journal = open(file);
    if (identity == null) {
      return journal;
    }
    JournalIdentity recorded = journal.identity;
    if ((recorded != null && !recorded.sameAs(identity))
        || (recorded == null && (journal.legacyTarget || !journal.empty))) {
      journal.close();
      if (recorded == null) {
        // Resuming would trust rows it cannot place; starting over without looking keys up
        // would create twins of the items it wrote.
        throw new JournalMismatchException(
            "journal "
                + file
                + " was written by an earlier version of azdo and does not say which target,"
                + " project, endpoint and source it belongs to, so it cannot be resumed: move it"
                + " aside (mv '"
                + file
                + "' '"
                + file
                + ".old') and run again with --no-resume (job option resume: false), which"
                + " looks every --key up before creating, so rows it wrote are not created twice");
      }
      throw new JournalMismatchException(
          "journal "
              + file
              + " belongs to "
              + recorded
              + ", not to this run's "
              + identity
              + "; name another journal file (--journal FILE), or delete this one to write every"
              + " row again");
    }
    if (recorded == null) {
      journal.recordIdentity(identity);
    }
    journal.recordRun();
    return journal;
  }

  /** Opens a journal without an identity, reading what an earlier run recorded. */
  public static Journal open(Path file) {
    try {
      return new Journal(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use journal " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the work item ids another import's journal recorded, without opening it for writing (it
   * may be in use); a torn line from a crash is skipped.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Map<String, Integer> readWrittenIds(Path file) {
    Map<String, Integer> ids = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        try {
          JsonNode entry = line.isBlank() ? null : JSON.readTree(line);
          if (entry != null && entry.path("id").isNumber()) {
            ids.put(entry.path("key").asText(), entry.path("id").asInt());
          }
        } catch (JsonProcessingException torn) {
          // That row's write never completed, so it has no id to offer.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
    }
    return ids;
  }

  /** Returns what an earlier run (or this one) recorded as written for a key, or null. */
  public synchronized Done done(String key) {
    return done.get(key);
  }

  /** Returns the work item id written for a key by this or an earlier run, or null. */
  public synchronized Integer writtenId(String key) {
    Done d = done.get(key);
    return d == null ? null : d.workItemId();
  }

  /** Returns the id (number or GUID, as text) written for a key, or null. */
  public synchronized String writtenRef(String key) {
    Done d = done.get(key);
    return d == null ? null : d.id();
  }

  /** Returns true when a key was sent but no result recorded: the item may exist already. */
  public synchronized boolean isPending(String key) {
    return pending.contains(key);
  }

  /** Returns the number of keys written. */
  public synchronized int writtenCount() {
    return done.size();
  }

  /** Records that a row is about to be sent, before the request leaves. */
  public synchronized void sent(String key, long row) {
    append(key, row, null, null, "sent");
    pending.add(key);
  }

  /** Records the work item a row became, without a digest. */
  public synchronized void written(String key, long row, int id) {
    written(key, row, Integer.toString(id), null);
  }

  /** Records the id (a work item number, a project or team GUID) a row became. */
  public synchronized void written(String key, long row, String id) {
    written(key, row, id, null);
  }

  /** Records the id a row became and the digest of what was sent for it. */
  public synchronized void written(String key, long row, String id, String digest) {
    append(key, row, id, digest, "written");
    done.put(key, new Done(id, digest));
    pending.remove(key);
  }

  /** Records that the service answered a sent row with a refusal, so nothing was written. */
  public synchronized void rejected(String key, long row) {
    append(key, row, null, null, "rejected");
    pending.remove(key);
  }

  /** Forces journal entries to disk (called once per batch, as fsync per row would be slow). */
  public synchronized void sync() {
    try {
      out.flush();
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
    }
  }

  private void recordIdentity(JournalIdentity id) {
    StringWriter line = new StringWriter(128);
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      json.writeStartObject();
      json.writeObjectFieldStart("identity");
      json.writeStringField("target", id.target());
      if (id.project() != null) {
        json.writeStringField("project", id.project());
      }
      json.writeStringField("endpoint", id.endpoint());
      json.writeStringField("source", id.source());
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeLine(line.toString());
    this.identity = id;
  }

  private void recordRun() {
    writeLine("{\"run\":\"" + ProcessHandle.current().pid() + "\"}");
  }

  private void append(String key, long row, String id, String digest, String state) {
    StringWriter line = new StringWriter(64);
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("key", key);
      json.writeNumberField("row", row);
      if (id != null && id.matches("\\d{1,9}")) {
        json.writeNumberField("id", Integer.parseInt(id));
      } else if (id != null) {
        json.writeStringField("id", id);
      }
      if (digest != null) {
        json.writeStringField("digest", digest);
      }
      json.writeStringField("state", state);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeLine(line.toString());
  }

  private synchronized void writeLine(String line) {
    try {
      out.write(line);
      out.write('\n');
      // Flushed per entry so a killed process loses at most the entry being written.
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** Returns the journal file. */
  public Path file() {
    return file;
  }

  /** Returns the identity the journal belongs to, or null when it has none yet. */
  public synchronized JournalIdentity identity() {
    return identity;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        if (lock.isValid()) {
          lock.release();
        }
      } catch (IOException e) {
        // Closing the channel (out.close) releases the lock anyway.
      }
    }
  }
}
