package dev.azdo.pipeline.writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that writes nothing to Azure DevOps: it gives each create a made-up id and, when given an
 * output stream, writes each request as one JSON line ({@code row}, {@code method}, {@code
 * type}/{@code id}, {@code patch}) so a mapping can be checked end to end. Thread-safe.
 */
public final class DryRunSink implements WorkItemSink {
  private static final JsonFactory JSON = new JsonFactory();

  private final AtomicInteger nextId = new AtomicInteger(1);
  private final JsonGenerator out;
  private final AtomicInteger written = new AtomicInteger();

  /** Creates a dry-run sink writing requests to {@code out}, or nowhere when it is null. */
  public DryRunSink(OutputStream out) {
    try {
      this.out =
          out == null
              ? null
              : JSON.createGenerator(out)
                  .setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<WriteOutcome> write(List<WorkItemWrite> writes, WriteFlags flags) {
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    for (WorkItemWrite write : writes) {
      int id = write.kind() == WorkItemWrite.Kind.CREATE ? nextId.getAndIncrement() : write.id();
      outcomes.add(WriteOutcome.ok(id));
      written.incrementAndGet();
    }
    if (out != null) {
      synchronized (out) {
        try {
          for (WorkItemWrite write : writes) {
            out.writeStartObject();
            out.writeNumberField("row", write.rowNumber());
            out.writeStringField(
                "method", write.kind() == WorkItemWrite.Kind.DELETE ? "DELETE" : "PATCH");
            if (write.workItemType() != null) {
              out.writeStringField("type", write.workItemType());
            }
            if (write.id() != null) {
              out.writeNumberField("id", write.id());
            }
            if (write.patch() != null && write.kind() != WorkItemWrite.Kind.DELETE) {
              out.writeFieldName("patch");
              write.patch().writeJson(out);
            }
            out.writeEndObject();
          }
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return outcomes;
  }

  @Override
  public Map<String, Integer> findByKeys(String keyField, Collection<String> keys) {
    return Map.of();
  }

  @Override
  public String workItemUrl(int id) {
    return "dry-run:/_apis/wit/workItems/" + id;
  }

  @Override
  public boolean isDryRun() {
    return true;
  }

  /** Returns the number of writes received. */
  public int writeCount() {
    return written.get();
  }
}
