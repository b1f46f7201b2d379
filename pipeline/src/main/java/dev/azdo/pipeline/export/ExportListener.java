package dev.azdo.pipeline.export;

/** Hears how an export goes, for progress bars; called on the exporting thread. */
public interface ExportListener {
  /** The query ran: this many items will be written, starting after those already written. */
  default void planned(int total, long alreadyWritten) {}

  /** Items written so far, this run and resumed ones together. */
  default void written(long count) {}

  /** Does nothing. */
  ExportListener NONE = new ExportListener() {};
}
