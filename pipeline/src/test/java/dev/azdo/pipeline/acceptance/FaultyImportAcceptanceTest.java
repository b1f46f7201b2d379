package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.report.RunSummary;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 acceptance: 10,000 rows into the emulator over HTTP while one request in ten fails, a
 * share of them after the write was committed (the answer is lost), ends with exactly 10,000 work
 * items, each key once.
 */
class FaultyImportAcceptanceTest {
  private static final int ROWS = 10_000;

  @TempDir Path dir;

  @Test
  void tenThousandRowsWithOneRequestInTenFailingEndAsTenThousandWorkItemsEachKeyOnce()
      throws Exception {
    try (Emulator emulator =
        Emulator.create(
                EmulatorConfig.builder().faultRate(0.1).faultSeed(5).lostResponseShare(0.5).build())
            .start()) {
      int before = Acceptance.workItemCount(emulator);
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job = ImportChild.job(ROWS, dir).batchSize(100).concurrency(4).build();

      RunSummary summary = Importer.run(job, client, null, null, null);
      // The hard faults really happened: $batch calls that created items but lost the answer.
      long lost = Acceptance.lostBatchAnswers(emulator);

      assertThat(summary.exitCode()).as("%s", summary).isZero();
      assertThat(summary.readCount()).isEqualTo(ROWS);
      assertThat(summary.writtenCount() + summary.skippedCount()).isEqualTo(ROWS);
      assertThat(summary.rejectedCount()).isZero();
      assertThat(summary.notAttemptedCount()).isZero();
      assertThat(summary.isBalanced()).isTrue();
      assertThat(Acceptance.workItemCount(emulator) - before).isEqualTo(ROWS);
      Map<String, Integer> keys = Acceptance.keyCounts(client);
      assertThat(keys.keySet()).containsExactlyElementsOf(Acceptance.dummyKeys(ROWS));
      assertThat(keys.values()).containsOnly(1);
      assertThat(lost).isPositive();
    }
  }
}
