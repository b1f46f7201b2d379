package dev.azdo.bench;

import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.mapping.AgileProcess;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.DryRunSink;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Dry-run throughput: generated rows through the whole import path (source, mapping, runner, JSON
 * serialization of every request), with the network cut out (requests go to a discarding stream)
 * and the Agile process's fields known offline. Runs the same job several times in one JVM and
 * prints rows/s per round (wall time; the first rounds include JIT warm-up).
 *
 * <p>Usage: {@code java -cp azdo.jar:bench-classes dev.azdo.bench.DryRunThroughput ROWS ROUNDS}
 */
public final class DryRunThroughput {
  private DryRunThroughput() {}

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    System.out.printf(
        "dry run of %,d generated rows, %d fields + key, %d rounds, %d CPUs, %s%n",
        rows,
        10,
        rounds,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    double best = 0;
    for (int r = 1; r <= rounds; r++) {
      ImportJob job =
          ImportJob.builder(SourceOptions.builder("dummy:" + rows).seed(r).build())
              .project("Demo")
              .type("Bug")
              .map("Title=System.Title")
              .map("Description=Repro Steps")
              .map("State=State")
              .map("Priority=Priority")
              .map("Severity=Severity")
              .map("Tags=Tags")
              .map("AssignedTo=Assigned To")
              .map("CreatedDate=Created Date")
              .map("StoryPoints=Story Points")
              .set("System.AreaPath=Demo")
              .key("Key")
              .bypassRules(true)
              .dryRun(true)
              .rejects(tmp.resolve("azdo-bench-dry.rejects.csv"))
              .build();
      long cpuStart = cpuNanos();
      long start = System.nanoTime();
      RunSummary summary =
          Importer.run(
              job,
              AgileProcess.catalog(),
              new DryRunSink(OutputStream.nullOutputStream()),
              null,
              null);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (cpuNanos() - cpuStart) / 1e9;
      if (summary.writtenCount() != rows) {
        throw new IllegalStateException("round " + r + ": " + summary);
      }
      double perSecond = rows / seconds;
      best = Math.max(best, perSecond);
      System.out.printf(
          "round %d: %.2f s wall, %,.0f rows/s; %.2f CPU s (all threads, GC and JIT included),"
              + " %,.0f rows per CPU second; load average %.1f%n",
          r,
          seconds,
          perSecond,
          cpu,
          rows / cpu,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    System.out.printf("best: %,.0f rows/s%n", best);
  }
}
