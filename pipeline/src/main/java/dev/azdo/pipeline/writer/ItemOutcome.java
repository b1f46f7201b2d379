package dev.azdo.pipeline.writer;

import dev.azdo.pipeline.report.FieldNotKept;
import java.util.List;

/**
 * What became of one item of a call, as a connector tells the import task; the task turns it into
 * the journal's record and the row's outcome.
 */
public sealed interface ItemOutcome {

  /**
   * The row was written, or {@code found} written by an earlier try whose answer was lost; {@code
   * notKept} lists the fields sent that the answer did not hold as sent.
   */
  record Written(String id, boolean found, List<FieldNotKept> notKept) implements ItemOutcome {
    /** A write whose answer held every field, or that sent none. */
    public Written(String id, boolean found) {
      this(id, found, List.of());
    }
  }

  /**
   * The row cannot be written: {@code column} is the source column at fault (or null); {@code
   * answered} when the service said so, so nothing was written and a rerun sends it without a
   * lookup.
   */
  record Refused(String column, String reason, boolean answered) implements ItemOutcome {}

  /**
   * The row failed for now (throttled, a server error, no answer) and is tried again as the retry
   * settings say; when the tries run out it is rejected with the reason, or with {@code
   * stopsWhenExhausted} the run stops (an outage outlasting the retries fails every later row).
   */
  record Again(String column, String reason, boolean stopsWhenExhausted) implements ItemOutcome {}

  /** Nothing more can be written (bad credentials, for one): the run stops. */
  record Stop(String reason) implements ItemOutcome {}
}
