package dev.azdo.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of `azdo import` and `azdo run` that shape the run's output, not the job. */
final class RunOptions {
  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      descriptionKey = "output",
      description =
          "auto (a bar on a terminal, plain lines otherwise), bar, plain or none"
              + " (default: ${DEFAULT-VALUE}).")
  String progress;

  @Option(
      names = "--requests-out",
      paramLabel = "FILE",
      descriptionKey = "output",
      description = "With --dry-run: write each request it would send to FILE, one JSON line each.")
  Path requestsOut;

  Progress.Mode progressMode() {
    try {
      return Progress.Mode.valueOf(progress.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--progress: '" + progress + "' is not one of auto, bar, plain, none");
    }
  }
}
