package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.mapping.MappedRow;
import dev.azdo.pipeline.source.SourceRow;

/** A row on its way to the service, and what the import task knows about it so far. */
final class PendingRow {
  final SourceRow row;
  final MappedRow mapped;
  final String journalKey;
  String digest;
  Integer parentId;
  Integer knownId;
  int attempts;
  boolean lookUpFirst;
  boolean fromEarlierRun;

  PendingRow(SourceRow row, MappedRow mapped, String journalKey) {
    this.row = row;
    this.mapped = mapped;
    this.journalKey = journalKey;
  }
}
