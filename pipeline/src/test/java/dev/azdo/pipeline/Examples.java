package dev.azdo.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies the shipped examples into a test folder, without what earlier runs left beside them. */
final class Examples {
  private Examples() {}

  /**
   * Copies examples/ into dir, leaving out journals, rejects files and the embedded emulator's
   * data, which a user's run of the README's first command leaves there.
   */
  static Path copyTo(Path dir) throws IOException {
    Path examples = Path.of("..", "examples").toRealPath();
    try (Stream<Path> files = Files.list(examples)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (Files.isRegularFile(f)
            && !name.endsWith(".journal")
            && !name.endsWith(".rejects.csv")) {
          Files.copy(f, dir.resolve(name));
        }
      }
    }
    return dir;
  }
}
