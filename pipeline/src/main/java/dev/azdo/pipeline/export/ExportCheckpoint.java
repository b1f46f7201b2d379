package dev.azdo.pipeline.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Where an export stands, written beside its part files every quarter second: the query and the
 * moment it read (so a resumed run reads the same items in the same order), the chunks done, and
 * how many bytes of each part file belong to them.
 *
 * @param query the WIQL the export runs
 * @param format the output format
 * @param asOf the moment the query read, ISO 8601
 * @param chunks chunks of 200 items written
 * @param items items written
 * @param bytes part file name to its length at the checkpoint
 * @param historyToken the reporting API's token after the last history batch written, or null
 * @param historyDone true once every history batch is written
 * @param revisions history revisions written
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ExportCheckpoint(
    String query,
    String format,
    String asOf,
    int chunks,
    long items,
    Map<String, Long> bytes,
    String historyToken,
    boolean historyDone,
    long revisions) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The checkpoint file of an output file: {@code NAME.part.json}. */
  static Path fileOf(Path out) {
    Path part = PartFile.partOf(out);
    return part.resolveSibling(part.getFileName() + ".json");
  }

  /** Reads a checkpoint, or null when there is none or it cannot be read. */
  static ExportCheckpoint read(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), ExportCheckpoint.class);
    } catch (IOException e) {
      return null; // a torn checkpoint: start over
    }
  }

  /** Writes the checkpoint atomically (temp file, then move). */
  void write(Path file) throws IOException {
    writeAtomically(file, json());
  }

  // Written member by member rather than by Jackson's record serializer: building that serializer
  // (reflection over the components) took ~20 ms of the export's own thread at its first
  // checkpoint. read() takes the same members back.
  byte[] json() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("query", query);
      g.writeStringField("format", format);
      g.writeStringField("asOf", asOf);
      g.writeNumberField("chunks", chunks);
      g.writeNumberField("items", items);
      g.writeFieldName("bytes");
      if (bytes == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
          g.writeFieldName(e.getKey());
          if (e.getValue() == null) {
            g.writeNull();
          } else {
            g.writeNumber(e.getValue());
          }
        }
        g.writeEndObject();
      }
      g.writeStringField("historyToken", historyToken);
      g.writeBooleanField("historyDone", historyDone);
      g.writeNumberField("revisions", revisions);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Replaces a file's content in one move, so a reader sees the old or the new bytes. */
  static void writeAtomically(Path file, byte[] content) throws IOException {
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.write(tmp, content);
    try {
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
