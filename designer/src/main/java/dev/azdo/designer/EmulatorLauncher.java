package dev.azdo.designer;

import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the built-in emulator for the page's "use the built-in emulator" button; the CLI passes
 * one (the designer does not depend on the emulator module).
 */
@FunctionalInterface
public interface EmulatorLauncher {

  /**
   * Starts an emulator keeping its state in {@code dataDir} (so a job file can name that folder
   * instead of this start's port) and returns it; it is closed when the designer stops.
   */
  Started start(Path dataDir);

  /**
   * A started emulator.
   *
   * @param connection the connection settings that reach it (org-url, pat, project)
   * @param stop stops it
   */
  record Started(Map<String, String> connection, AutoCloseable stop) {}
}
