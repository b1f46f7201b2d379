package dev.azdo.pipeline.writer;

import java.util.List;

/** What a worker brings back: one outcome per row, or the failure of the whole call. */
record BatchDone(
    List<PendingRow> batch,
    List<WriteOutcome> outcomes,
    List<Boolean> found,
    SinkException failure) {}
