package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 acceptance: 1,000,000 generated rows through a dry run (mapping and JSON serialization of
 * every request, the requests discarded) in a JVM limited to 256 MB of heap. About 10 s.
 */
class DryRunMemoryAcceptanceTest {
  private static final int ROWS = 1_000_000;

  @TempDir Path dir;

  @Test
  void aMillionGeneratedRowsThroughADryRunFitIn256MbOfHeap() throws Exception {
    Path log = dir.resolve("dry-run.log");
    Process child =
        Acceptance.startChild(
            log,
            List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
            "dry-run",
            Integer.toString(ROWS));
    boolean finished = child.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      child.destroyForcibly();
    }
    assertThat(finished).as("finished within 120 s").isTrue();
    String out = Files.readString(log);
    assertThat(child.exitValue()).as(out).isZero();
    assertThat(out)
        .contains(
            "read 1000000, written 1000000, rejected 0, skipped 0 (unchanged 0, created with"
                + " changed content 0, not attempted 0)");
  }
}
