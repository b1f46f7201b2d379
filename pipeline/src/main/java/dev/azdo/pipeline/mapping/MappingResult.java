package dev.azdo.pipeline.mapping;

/** What mapping one row gives: a work item to write or a rejection. */
public sealed interface MappingResult permits MappedRow, Rejection {

  /** Returns the 1-based source row number. */
  long rowNumber();
}
