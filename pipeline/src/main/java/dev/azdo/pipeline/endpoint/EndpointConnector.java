package dev.azdo.pipeline.endpoint;

import dev.azdo.client.AzdoException;
import dev.azdo.pipeline.mapping.Rejection;
import dev.azdo.pipeline.report.Journal;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.writer.ImportConnector;
import dev.azdo.pipeline.writer.ItemOutcome;
import dev.azdo.pipeline.writer.RowDigest;
import dev.azdo.pipeline.writer.TaskItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The connector of the endpoints that do not write work items field by field (comments, links,
 * attachments, projects, teams, areas, iterations): plans the input columns of a row, looks up rows
 * an earlier try may have written (comment text, relation, name or path) and has the endpoint's
 * writer send them, one request per row or, for links, one {@code $batch}.
 */
final class EndpointConnector implements ImportConnector<EndpointRow> {
  private final String endpoint;
  private final EndpointPlan plan;
  private final EndpointWriter writer;
  private final int batchSize;
  private final int concurrency;

  EndpointConnector(
      String endpoint, EndpointPlan plan, EndpointWriter writer, int batchSize, int concurrency) {
    this.endpoint = endpoint;
    this.plan = plan;
    this.writer = writer;
    this.batchSize = Math.max(1, writer.batchSize(batchSize));
    this.concurrency = concurrency;
  }

  @Override
  public Planned<EndpointRow> plan(SourceRow source) {
    Object mapped = plan.map(source);
    if (mapped instanceof Rejection r) {
      // Told with the rejection so the row is named by its key as the journal names it.
      String key = plan.keyColumn() != null ? source.get(plan.keyColumn()) : null;
      return Planned.refused(r, key == null || key.isBlank() ? null : key.strip());
    }
    EndpointRow row = (EndpointRow) mapped;
    String journalKey = endpoint + ":" + (row.key() != null ? row.key() : "row " + row.rowNumber());
    return Planned.of(new TaskItem<>(source, row, row.rowNumber(), row.key(), journalKey, null));
  }

  @Override
  public String digest(EndpointRow row) {
    return RowDigest.of(row.values());
  }

  @Override
  public String keyColumn() {
    return plan.keyColumn();
  }

  @Override
  public String refusesChange(TaskItem<EndpointRow> item, Journal.Done done) {
    // An update endpoint applies the edited row again.
    return endpoint.startsWith("update-")
        ? null
        : "already written as "
            + done.id()
            + " by an earlier run; its content changed \u2014 "
            + endpoint
            + " does not change what it wrote";
  }

  @Override
  public boolean skipsEveryDone() {
    return endpoint.startsWith("delete-");
  }

  @Override
  public boolean canLookUp() {
    return true;
  }

  @Override
  public boolean looksUpWithoutResume(boolean journaled) {
    return journaled;
  }

  @Override
  public int maxBatchSize() {
    return batchSize;
  }

  @Override
  public int maxConcurrency() {
    return concurrency;
  }

  /** Runs on a worker thread: looks up rows an earlier try lost, then writes the rest. */
  @Override
  public List<ItemOutcome> send(List<TaskItem<EndpointRow>> items) {
    ItemOutcome[] out = new ItemOutcome[items.size()];
    List<Integer> toWrite = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).lookUp()) {
        toWrite.add(i);
        continue;
      }
      try {
        String id = writer.findDone(items.get(i).row());
        if (id != null) {
          out[i] = new ItemOutcome.Written(id, true);
        } else {
          toWrite.add(i);
        }
      } catch (RuntimeException e) {
        out[i] = outcome(e, items.get(i).row());
      }
    }
    if (!toWrite.isEmpty()) {
      List<Object> results;
      try {
        results = writer.writeAll(toWrite.stream().map(i -> items.get(i).row()).toList());
      } catch (RuntimeException e) {
        results = Collections.nCopies(toWrite.size(), e);
      }
      for (int j = 0; j < toWrite.size(); j++) {
        Object r = j < results.size() ? results.get(j) : null;
        out[toWrite.get(j)] =
            r instanceof String id
                ? new ItemOutcome.Written(id, false)
                : outcome(
                    r instanceof RuntimeException e
                        ? e
                        : new IllegalStateException("the writer gave no outcome for this row"),
                    items.get(toWrite.get(j)).row());
      }
    }
    return List.of(out);
  }

  /** What a row's failure means: refused alone, tried again, or the run stops. */
  private ItemOutcome outcome(RuntimeException failure, EndpointRow row) {
    if (failure instanceof RowRejected r) {
      return new ItemOutcome.Refused(
          r.input() == null ? null : plan.sourceColumn(r.input()), r.getMessage(), true);
    }
    AzdoException e = azdo(failure);
    if (e != null
        && (e.kind() == AzdoException.Kind.INVALID || e.kind() == AzdoException.Kind.NOT_FOUND)) {
      // The service refused this row alone; the others go on. The column named is the one the
      // refusal points at, so a person knows which value to change.
      String input = RefusedInput.of(endpoint, row, e.getMessage());
      return new ItemOutcome.Refused(
          input == null ? null : plan.sourceColumn(input),
          "the service refused it: " + e.getMessage(),
          true);
    }
    if (e != null
        && (e.kind() == AzdoException.Kind.THROTTLED
            || e.kind() == AzdoException.Kind.SERVER
            || e.kind() == AzdoException.Kind.UNREACHABLE)) {
      // Throttled, failed or unanswered: tried again with the client's retry settings; what
      // outlasts them stops the run.
      return new ItemOutcome.Again(null, String.valueOf(failure.getMessage()), true);
    }
    // Bad credentials and the like stop the run.
    return new ItemOutcome.Stop(String.valueOf(failure.getMessage()));
  }

  private static AzdoException azdo(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AzdoException e) {
        return e;
      }
    }
    return null;
  }
}
