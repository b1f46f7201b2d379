package dev.azdo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.ConfigKey;
import dev.azdo.client.ConnectionConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job file's {@code connection:} section as connection settings, shared by {@code azdo run} and
 * the designer so a job runs the same from either.
 */
public final class JobConnection {
  private JobConnection() {}

  /**
   * The job file's connection settings as strings (the {@code emulator} entry is left to the
   * caller); relative files resolve against the job's folder, and a secret written into the file
   * itself is refused.
   *
   * @throws JobException naming every bad entry, never a secret's value
   */
  public static Map<String, String> settings(JsonNode connection, Path base) {
    Map<String, String> out = new LinkedHashMap<>();
    if (connection == null || connection.isMissingNode() || connection.isNull()) {
      return out;
    }
    if (!connection.isObject()) {
      throw new JobException(List.of("job file: connection must be a map of settings"));
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = connection.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("emulator")) {
        continue;
      }
      JsonNode v = e.getValue();
      String value;
      if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(i -> items.add(i.asText()));
        value = String.join(",", items);
      } else {
        value = v.asText();
      }
      ConfigKey key = ConnectionConfig.key(name).orElse(null);
      if (key != null && key.isSecret()) {
        if (value.startsWith("file:")) {
          value = "file:" + base.resolve(value.substring(5));
        } else if (!ConnectionConfig.isSecretReference(value)) {
          // A job file gets copied, shared and committed: it may only point at a secret.
          problems.add(
              "job file: connection."
                  + name
                  + " must reference the secret (env:NAME or file:PATH), not contain it");
          continue;
        }
      } else if (key != null && key.name().endsWith("-file")) {
        value = base.resolve(value).toString();
      }
      out.put(name, value);
    }
    if (!problems.isEmpty()) {
      throw new JobException(problems);
    }
    return out;
  }
}
