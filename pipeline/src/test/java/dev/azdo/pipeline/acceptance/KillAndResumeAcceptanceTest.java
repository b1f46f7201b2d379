package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 acceptance: an import process killed (SIGKILL) in the middle of writing, then run again
 * with the same job, ends with every row written exactly once, while the emulator also fails one
 * request in ten (half of those after committing the write).
 */
class KillAndResumeAcceptanceTest {
  private static final int ROWS = 2_000;

  @TempDir Path dir;

  @Test
  void anImportKilledMidRunAndRunAgainWritesEveryRowExactlyOnce() throws Exception {
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder()
                    .faultRate(0.1)
                    .faultSeed(3)
                    .lostResponseShare(0.5)
                    // Slow enough that the kill lands mid-run: 100 batches of 20 at 10 ms each.
                    .latencyMs(10)
                    .build())
            .start()) {
      int before = Acceptance.workItemCount(emulator);
      String[] args = {"import", emulator.url(), Integer.toString(ROWS), dir.toString()};

      Process first = Acceptance.startChild(dir.resolve("first.log"), List.of(), args);
      int atKill;
      try {
        atKill = awaitWorkItems(emulator, before + 100, first);
      } finally {
        first.destroyForcibly();
      }
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed, not finished").isNotZero();
      assertThat(atKill - before).as("written before the kill").isBetween(100, ROWS - 1);
      assertThat(Files.readString(dir.resolve("import.journal"))).contains("\"state\":\"written\"");

      Process second = Acceptance.startChild(dir.resolve("second.log"), List.of(), args);
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String log = Files.readString(dir.resolve("second.log"));
      assertThat(second.exitValue()).as(log).isZero();
      assertThat(log).contains("read " + ROWS + ", written ").contains(", rejected 0, ");
      assertThat(log).doesNotContain("(unchanged 0,");

      AzdoClient client = Acceptance.client(emulator);
      assertThat(Acceptance.workItemCount(emulator) - before).isEqualTo(ROWS);
      Map<String, Integer> keys = Acceptance.keyCounts(client);
      assertThat(keys.keySet()).containsExactlyElementsOf(Acceptance.dummyKeys(ROWS));
      assertThat(keys.values()).containsOnly(1);
    }
  }

  /**
   * Polls the emulator until it holds {@code atLeast} work items; fails if the child ends first.
   */
  private static int awaitWorkItems(Emulator emulator, int atLeast, Process child) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      int count = Acceptance.workItemCount(emulator);
      if (count >= atLeast) {
        return count;
      }
      assertThat(child.isAlive()).as("the import ended before writing %d items", atLeast).isTrue();
      assertThat(System.nanoTime()).as("progress before the deadline").isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
