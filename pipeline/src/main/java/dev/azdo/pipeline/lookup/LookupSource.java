package dev.azdo.pipeline.lookup;

import dev.azdo.client.AzdoException;
import dev.azdo.pipeline.mapping.Lookup;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A source whose lookup columns hold what the lookups found: it reads rows ahead in chunks,
 * resolves each chunk's distinct new values at once, and hands the rows on with the values
 * replaced, or marked rejected with the value that was not found. Memory holds one chunk.
 */
public final class LookupSource implements RowSource {
  /** Rows read ahead, so one query serves many rows' values. */
  static final int READ_AHEAD = 1_000;

  private final RowSource source;
  private final AzdoLookups lookups;
  private final List<Lookup> list;
  private final ArrayDeque<SourceRow> ready = new ArrayDeque<>();
  private final ArrayDeque<SourceRow> unresolved = new ArrayDeque<>();
  private boolean ended;
  private boolean failedOnService;
  private SourceException failure;

  /** Wraps a source with lookups already checked by the plan. */
  public LookupSource(RowSource source, AzdoLookups lookups, List<Lookup> list) {
    this.source = source;
    this.lookups = lookups;
    this.list = List.copyOf(list);
  }

  @Override
  public SourceSchema schema() {
    return source.schema();
  }

  @Override
  public SourceRow next() {
    if (failedOnService) {
      SourceRow row = unresolved.poll();
      return row != null ? row : source.next();
    }
    if (ready.isEmpty() && !ended && failure == null) {
      fill();
    }
    if (!ready.isEmpty()) {
      return ready.poll();
    }
    if (failure != null) {
      SourceException e = failure;
      failure = null;
      failedOnService = e.isServiceFailure();
      throw e;
    }
    return null;
  }

  private void fill() {
    List<SourceRow> rows = new ArrayList<>();
    try {
      SourceRow row;
      while (rows.size() < READ_AHEAD && (row = source.next()) != null) {
        rows.add(row);
      }
      ended = rows.size() < READ_AHEAD;
    } catch (SourceException e) {
      // The rows before the damage still go through; the failure comes after them.
      failure = e;
      ended = true;
    }
    for (Lookup lookup : list) {
      Set<String> values = new LinkedHashSet<>();
      for (SourceRow row : rows) {
        String v = row.isMalformed() ? null : row.get(lookup.column());
        if (v != null && !v.isBlank()) {
          values.add(v);
        }
      }
      try {
        lookups.resolve(lookup, values);
      } catch (AzdoException e) {
        // The service failed after the client's retries: the run stops, and these rows and the
        // rest come out unresolved only to be counted as not attempted.
        failure = SourceException.serviceFailed(lookup.origin() + ": " + e.getMessage(), e);
        unresolved.addAll(rows);
        return;
      }
    }
    for (SourceRow row : rows) {
      ready.add(applied(row));
    }
  }

  private SourceRow applied(SourceRow row) {
    SourceRow out = row;
    for (Lookup lookup : list) {
      if (out.isMalformed()) {
        return out;
      }
      String v = out.get(lookup.column());
      if (v == null || v.isBlank()) {
        continue;
      }
      AzdoLookups.Answer a = lookups.answer(lookup, v);
      out =
          a.value() == null
              ? out.rejected(lookup.column(), a.problem())
              : out.with(out.schema().indexOf(lookup.column()), a.value());
    }
    return out;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public void close() {
    source.close();
  }
}
