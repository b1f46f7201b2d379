package dev.azdo.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSummaryTest {
  @Test
  void countsAddUpAndDecideTheExitCode() {
    RunSummary summary = new RunSummary();
    for (int i = 0; i < 5; i++) {
      summary.read();
    }
    summary.written();
    summary.written();
    summary.skipped();
    assertThat(summary.isBalanced()).isFalse();
    summary.rejected();
    summary.written();
    assertThat(summary.isBalanced()).isTrue();
    assertThat(summary.exitCode()).isEqualTo(3);
    assertThat(summary)
        .hasToString(
            "read 5, written 3, rejected 1, skipped 1 (unchanged 1, created with changed content 0,"
                + " not attempted 0)");
  }

  @Test
  void aStoppedRunExitsWithOneAndSaysWhy() {
    RunSummary summary = new RunSummary();
    summary.read();
    summary.read();
    summary.written();
    summary.notAttempted(1);
    summary.stopped("401 Unauthorized: the PAT was rejected");
    summary.stopped("second reason is ignored");
    assertThat(summary.isBalanced()).isTrue();
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(summary.toString()).endsWith("; stopped: 401 Unauthorized: the PAT was rejected");
  }

  @Test
  void aRowCreatedEarlierWithChangedContentIsASkipThatExitsWithThree() {
    RunSummary summary = new RunSummary();
    summary.read();
    summary.read();
    summary.skipped();
    summary.skippedChanged();
    assertThat(summary.isBalanced()).isTrue();
    assertThat(summary.exitCode()).isEqualTo(3);
    assertThat(summary.skippedText())
        .isEqualTo("skipped 2 (unchanged 1, created with changed content 1, not attempted 0)");
  }

  @Test
  void cleanRunExitsWithZero() {
    RunSummary summary = new RunSummary();
    summary.read();
    summary.written();
    assertThat(summary.exitCode()).isZero();
  }
}
