package dev.azdo.pipeline.endpoint;

import dev.azdo.pipeline.source.SourceRow;
import java.util.Map;

/**
 * One input row of an endpoint: its input values by input column name (absent when empty).
 *
 * @param rowNumber the source row number
 * @param values input column to value
 * @param key the row's {@code --key} value, or null
 * @param source the source row, for the rejects file
 */
public record EndpointRow(
    long rowNumber, Map<String, String> values, String key, SourceRow source) {

  /** Returns an input value, or null when empty. */
  public String get(String input) {
    return values.get(input);
  }
}
