package dev.azdo.pipeline.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state file of incremental exports ({@code --state-file}): the moment the last successful run
 * read, so the next one exports only items changed after it, and the reporting API's token after
 * the last history batch.
 *
 * @param orgUrl the organization the state belongs to
 * @param project the project
 * @param watermark ISO 8601 moment of the last successful run's query
 * @param historyToken the reporting API's continuation token, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportState(String orgUrl, String project, String watermark, String historyToken) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a state file, or null when it does not exist yet. */
  public static ExportState read(Path file) {
    if (file == null || !Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), ExportState.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--state-file: " + file + " is not an export state file (" + e.getMessage() + ")");
    }
  }

  /** Writes the state file atomically. */
  public void write(Path file) {
    try {
      ExportCheckpoint.writeAtomically(
          file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the state file " + file, e);
    }
  }
}
