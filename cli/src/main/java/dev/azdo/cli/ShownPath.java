package dev.azdo.cli;

import java.nio.file.Path;

/** Paths as a person reads them: relative to the working directory when inside it. */
final class ShownPath {
  private ShownPath() {}

  /** {@code examples/bugs.journal} rather than /home/me/azdo/examples/bugs.journal. */
  static String of(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    return abs.startsWith(cwd) && !abs.equals(cwd)
        ? cwd.relativize(abs).toString()
        : abs.toString();
  }
}
