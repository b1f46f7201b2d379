package dev.azdo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An emulator started inside the `azdo` process for a job that names {@code emulator} as its
 * connection, so the examples run without an account or a server started by hand.
 */
final class EmbeddedEmulator {
  private static final Set<String> KEYS =
      Set.of("org", "project", "process", "data", "custom-field", "latency-ms", "fault-rate");

  private EmbeddedEmulator() {}

  /**
   * Reads {@code emulator: true} or {@code emulator: {data: DIR, process: Agile, ...}}; relative
   * paths resolve against {@code base}. Every problem is a usage error, found before any write.
   */
  static EmulatorConfig config(JsonNode spec, Path base) {
    EmulatorConfig.Builder b = EmulatorConfig.builder().port(0);
    if (spec.isBoolean() || spec.isTextual()) {
      return b.build();
    }
    if (!spec.isObject()) {
      throw new UsageException("job file: connection.emulator must be true or a map of options");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String v = e.getValue().asText();
      try {
        switch (e.getKey()) {
          case "org" -> b.org(v);
          case "project" -> b.project(v);
          case "process" -> b.process(v);
          case "data" -> b.dataDir(base.resolve(v));
          case "custom-field" -> {
            if (e.getValue().isArray()) {
              e.getValue().forEach(f -> b.customField(f.asText()));
            } else {
              b.customField(v);
            }
          }
          case "latency-ms" -> b.latencyMs(Integer.parseInt(v));
          case "fault-rate" -> b.faultRate(Double.parseDouble(v));
          default ->
              problems.add(
                  "job file: connection.emulator."
                      + e.getKey()
                      + " is not an option; known: "
                      + String.join(", ", KEYS.stream().sorted().toList()));
        }
      } catch (IllegalArgumentException ex) {
        problems.add("job file: connection.emulator." + e.getKey() + ": " + ex.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("\nazdo: ", problems));
    }
    return b.build();
  }

  /** The connection settings that reach an embedded emulator, with its project as default. */
  static Map<String, String> connection(Emulator emulator) {
    return Map.of(
        ConnectionConfig.ORG_URL,
        emulator.url(),
        ConnectionConfig.PAT,
        emulator.config().pat(),
        ConnectionConfig.PROJECT,
        emulator.config().project());
  }

  /** Starts an emulator and tells the user where it is. */
  static Emulator start(EmulatorConfig config, java.io.PrintWriter err) {
    Emulator emulator = Emulator.create(config).start();
    err.println(
        "azdo: embedded emulator at "
            + emulator.url()
            + (config.dataDir() == null ? " (in memory)" : " (data in " + config.dataDir() + ")"));
    err.flush();
    return emulator;
  }
}
