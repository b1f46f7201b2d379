package dev.azdo.bench;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.reporting.BulkLoad;
import java.time.Instant;

/**
 * An emulator with N work items of ten fields written straight into its store (creating them
 * over HTTP would take longer than the benchmark), for the read benchmarks. Usage: SeededEmulator
 * COUNT LATENCY_MS [ACTIVE]; ACTIVE items (default one in three) are Active, evenly apart. Prints
 * the organization URL, then serves until stdin closes.
 */
public final class SeededEmulator {
  private SeededEmulator() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    int latency = Integer.parseInt(args[1]);
    int active = args.length > 2 ? Integer.parseInt(args[2]) : -1;
    try (Emulator e = Emulator.create(EmulatorConfig.builder().latencyMs(latency).build()).start()) {
      BulkLoad.seed(e, "Demo", count, Instant.parse("2024-01-01T00:00:00Z"), 0, active);
      System.out.println(e.url());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serves until the benchmark closes our stdin
      }
    }
  }
}
