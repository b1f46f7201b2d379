package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.MappedRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The digest of what a row sends, journaled with its id so a rerun can tell an edited row from one
 * already written: SHA-256 over the work item type, the patch's JSON and the parent key (not the
 * parent's id, which a rerun may learn differently), or over an endpoint row's input values.
 */
public final class RowDigest {
  private RowDigest() {}

  /** Returns the digest of a mapped work item row. */
  public static String of(MappedRow row) {
    return hash(
        row.workItemType() + "\n" + row.patch().toJson() + "\n" + String.valueOf(row.parentKey()));
  }

  /** Returns the digest of an endpoint row's input values, in their order. */
  public static String of(Map<String, String> values) {
    StringBuilder text = new StringBuilder();
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return hash(text.toString());
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      // 128 bits tell edits apart as surely as 256 and keep journal lines short.
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
