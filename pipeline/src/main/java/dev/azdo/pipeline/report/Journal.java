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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An append-only record of which row key became which work item, read back on restart so a rerun
 * skips rows already written. Before a row is sent its key is journaled as {@code sent}; after
 * success as {@code written} with the id. A key left {@code sent} means the response was lost, so
 * the writer must look the item up by key before creating it again. One JSON object per line; a
 * torn last line from a crash is ignored. Safe for use from several threads.
 */
public final class Journal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Path file;
  private final FileChannel channel;
  private final Writer out;
  private final Map<String, Integer> written = new HashMap<>();
  // Every written id as text: work item ids, and the GUIDs of projects and teams.
  private final Map<String, String> writtenRefs = new HashMap<>();
  private final Set<String> pending = new HashSet<>();
  private String target;
  private boolean empty = true;

  private Journal(Path file) throws IOException {
    this.file = file;
    long keep = -1;
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
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
            keep = lineStart;
            break;
          }
          throw new IOException("line " + (i + 1) + " is damaged: " + e.getOriginalMessage(), e);
        }
        if (last) {
          // A complete entry without its newline: keep it, but end it before appending.
          keep = -2;
        }
        if (entry.has("target") && !entry.has("key")) {
          target = entry.get("target").asText();
          continue;
        }
        empty = false;
        String key = entry.path("key").asText();
        if (entry.has("id")) {
          if (entry.get("id").isNumber()) {
            written.put(key, entry.get("id").asInt());
          }
          writtenRefs.put(key, entry.get("id").asText());
          pending.remove(key);
        } else if ("rejected".equals(entry.path("state").asText())) {
          pending.remove(key);
        } else {
          pending.add(key);
        }
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    if (keep >= 0) {
      channel.truncate(keep);
    }
    this.out = Channels.newWriter(channel, StandardCharsets.UTF_8);
    if (keep == -2) {
      out.write('\n');
      out.flush();
    }
  }

  /**
   * Opens a journal for writes to one target (organization and project, see {@link #targetOf}): a
   * new journal records it; one that recorded another target is refused, because resuming from it
   * would skip rows that were never written there.
   *
   * @throws JournalMismatchException when the journal belongs to another target
   */
  public static Journal open(Path file, String target) {
    Journal journal = open(file);
    if (target == null) {
      return journal;
    }
    if (journal.target != null && !journal.target.equals(target)) {
      String recorded = journal.target;
      journal.close();
      throw new JournalMismatchException(
          "journal "
              + file
              + " records writes to "
              + recorded
              + ", not "
              + target
              + "; name another journal file, or delete this one to write every row again");
    }
    if (journal.target == null && journal.empty) {
      journal.recordTarget(target);
    }
    return journal;
  }

  /**
   * The target a journal's ids belong to: the organization URL and project, case-insensitive. An
   * emulator on this machine counts as one target whatever its port, as the embedded one gets a new
   * port each run while keeping its data.
   */
  public static String targetOf(java.net.URI orgUrl, String project) {
    String host =
        orgUrl.getHost() == null ? "" : orgUrl.getHost().toLowerCase(java.util.Locale.ROOT);
    boolean local = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    String path = orgUrl.getPath() == null ? "" : orgUrl.getPath().replaceAll("/+$", "");
    return (orgUrl.getScheme()
                + "://"
                + host
                + (local || orgUrl.getPort() < 0 ? "" : ":" + orgUrl.getPort())
                + path)
            .toLowerCase(java.util.Locale.ROOT)
        + (project == null ? "" : "|" + project.toLowerCase(java.util.Locale.ROOT));
  }

  /** Opens a journal, reading what an earlier run recorded; creates the file when missing. */
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

  /** Returns the id written for a key by this or an earlier run, or null. */
  public synchronized Integer writtenId(String key) {
    return written.get(key);
  }

  /** Returns the id (number or GUID, as text) written for a key, or null. */
  public synchronized String writtenRef(String key) {
    return writtenRefs.get(key);
  }

  /** Returns true when a key was sent but no result recorded: the item may exist already. */
  public synchronized boolean isPending(String key) {
    return pending.contains(key);
  }

  /** Returns the number of keys written. */
  public synchronized int writtenCount() {
    return written.size();
  }

  /** Records that a row is about to be sent, before the request leaves. */
  public synchronized void sent(String key, long row) {
    append(key, row, null, "sent");
    pending.add(key);
  }

  /** Records the work item a row became. */
  public synchronized void written(String key, long row, int id) {
    append(key, row, id, "written");
    written.put(key, id);
    writtenRefs.put(key, Integer.toString(id));
    pending.remove(key);
  }

  /** Records that the service answered a sent row with a refusal, so nothing was written. */
  public synchronized void rejected(String key, long row) {
    append(key, row, null, "rejected");
    pending.remove(key);
  }

  /** Records the id (such as a project or team GUID) a row became. */
  public synchronized void written(String key, long row, String id) {
    append(key, row, id, "written");
    writtenRefs.put(key, id);
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

  private synchronized void recordTarget(String target) {
    StringWriter line = new StringWriter(64);
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("target", target);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeLine(line.toString());
    this.target = target;
  }

  private void append(String key, long row, Object id, String state) {
    StringWriter line = new StringWriter(64);
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("key", key);
      json.writeNumberField("row", row);
      if (id instanceof Integer number) {
        json.writeNumberField("id", number);
      } else if (id != null) {
        json.writeStringField("id", id.toString());
      }
      json.writeStringField("state", state);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writeLine(line.toString());
  }

  private void writeLine(String line) {
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

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close journal " + file + ": " + e.getMessage(), e);
    }
  }
}
