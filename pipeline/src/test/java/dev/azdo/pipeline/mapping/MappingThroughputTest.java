package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.azdo.pipeline.source.DummyDataSource;
import dev.azdo.pipeline.source.SourceRow;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingThroughputTest {

  /** Counts bytes instead of keeping them, as a dry run does. */
  private static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  @Test
  void mapsAndSerializesOverOneHundredThousandRowsPerCpuSecondEvenOnABusyMachine()
      throws IOException {
    List<SourceRow> rows = new ArrayList<>();
    try (DummyDataSource source = DummyDataSource.of(50_000, 42)) {
      SourceRow row;
      while ((row = source.next()) != null) {
        rows.add(row);
      }
    }
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Bug")
                .map("Title=System.Title")
                .map("Description=Repro Steps")
                .map("State=State")
                .map("Priority=Priority")
                .map("Severity=Severity")
                .map("Tags=Tags")
                .map("AssignedTo=Assigned To")
                .map("CreatedDate=Created Date")
                .map("StoryPoints=Story Points")
                .set("System.AreaPath=Demo\\Web")
                .key("Key")
                .bypassRules(true)
                .build(),
            DummyDataSource.SCHEMA,
            AgileProcess.catalog());
    CountingStream sink = new CountingStream();
    JsonGenerator json = new JsonFactory().createGenerator(sink);
    // Warm up the JIT so the measurement reflects steady state, as in a long import.
    long mapped = run(plan, rows, json, 4);
    // CPU time of this thread, not wall time: the machine is shared, and a busy neighbour would
    // otherwise make the measurement say more about the neighbour than about the mapping.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    mapped = run(plan, rows, json, 8);
    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
    json.flush();
    double perSecond = mapped / seconds;
    System.out.printf(
        "mapped+serialized %d rows in %.3f CPU s: %.0f rows/s on one core%n",
        mapped, seconds, perSecond);
    assertThat(mapped).isEqualTo(400_000);
    assertThat(sink.bytes).isGreaterThan(mapped * 500);
    // The goal is 200k rows/s on 2 cores (about 290k/s per core measured on a quiet machine); the
    // floor is half of that so a neighbour's build thrashing the caches does not fail the test.
    assertThat(perSecond).isGreaterThan(100_000);
  }

  private static long run(ImportPlan plan, List<SourceRow> rows, JsonGenerator json, int rounds)
      throws IOException {
    long mapped = 0;
    for (int r = 0; r < rounds; r++) {
      for (SourceRow row : rows) {
        MappingResult result = plan.map(row);
        if (result instanceof MappedRow m) {
          m.patch().writeJson(json);
          mapped++;
        }
      }
    }
    return mapped;
  }
}
