package dev.azdo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.EmulatorMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An emulator started inside the `azdo` process for a job that names {@code emulator} as its
 * connection, so the examples run without an account or a server started by hand.
 */
final class EmbeddedEmulator {
  private EmbeddedEmulator() {}

  /**
   * Reads {@code emulator: true} or {@code emulator: {data: DIR, process: Agile, ...}}, whose keys
   * are the options of {@code azdo emulator} (parsed by the same code); relative paths resolve
   * against {@code base}. A bad option is a usage error, found before any write.
   */
  static EmulatorConfig config(JsonNode spec, Path base) {
    List<String> args = new ArrayList<>(List.of("--port", "0"));
    if (spec.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String flag = "--" + e.getKey();
        JsonNode v = e.getValue();
        if (v.isBoolean()) {
          // --fsync and --https are switches: true names them, false leaves them out.
          if (v.asBoolean()) {
            args.add(flag);
          }
        } else if (v.isArray()) {
          v.forEach(item -> args.addAll(List.of(flag, item.asText())));
        } else {
          args.addAll(
              List.of(
                  flag,
                  e.getKey().equals("data") ? base.resolve(v.asText()).toString() : v.asText()));
        }
      }
    } else if (!spec.isBoolean() && !spec.isTextual()) {
      throw new UsageException("job file: connection.emulator must be true or a map of options");
    }
    try {
      return EmulatorMain.parse(args.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new UsageException("job file: connection.emulator: " + e.getMessage());
    }
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
            + (config.dataDir() == null
                ? " (in memory)"
                : " (data in " + ShownPath.of(config.dataDir()) + ")"));
    err.flush();
    return emulator;
  }
}
