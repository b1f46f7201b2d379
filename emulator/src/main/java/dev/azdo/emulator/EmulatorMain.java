package dev.azdo.emulator;

import dev.azdo.emulator.signin.SignInModule;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as its own process (for tests that kill it): `java -cp ...
 * dev.azdo.emulator.EmulatorMain --port 0 --data DIR`. Its first stdout line is exactly `Azure
 * DevOps emulator listening on http://127.0.0.1:PORT/ORG`; it runs until SIGTERM.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  /** Parses the flags, starts the emulator, prints the listening line and waits. */
  public static void main(String[] args) throws InterruptedException {
    EmulatorConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("azdo emulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    Emulator emulator;
    try {
      emulator = Emulator.create(config).start();
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      // A data folder another emulator holds, a port in use: one line, no stack trace.
      System.err.println("azdo emulator: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "emulator-shutdown"));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("Azure DevOps emulator listening on " + emulator.url());
    SignInModule.describe(emulator.rootUrl(), emulator.url(), config.pat(), config.server())
        .forEach(out::println);
    emulator.describeAccess().forEach(out::println);
    stopped.await();
  }

  /** Turns `azdo emulator` flags into a configuration; IllegalArgumentException when one is bad. */
  public static EmulatorConfig parse(String[] args) {
    EmulatorConfig.Builder b = EmulatorConfig.builder();
    int tstu = 0;
    int window = 300;
    double requestCost = 1;
    double workItemCost = 1;
    int maxDelay = 30_000;
    double blockFactor = 2;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--fsync")) {
        b.fsync(true);
        continue;
      }
      if (flag.equals("--https")) {
        b.https(true);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String v = args[++i];
      switch (flag) {
        case "--port" -> b.port(integer(flag, v));
        case "--org" -> b.org(v);
        case "--project" -> b.project(v);
        case "--process" -> b.process(v);
        case "--pat" -> b.pat(v);
        case "--data" -> b.dataDir(Path.of(v));
        case "--custom-field" -> b.customField(v);
        case "--latency-ms" -> b.latencyMs(integer(flag, v));
        case "--latency-jitter-ms" -> b.latencyJitterMs(integer(flag, v));
        case "--throttle-tstu" -> tstu = integer(flag, v);
        case "--throttle-window-s" -> window = integer(flag, v);
        case "--throttle-request-cost" -> requestCost = decimal(flag, v);
        case "--throttle-workitem-cost" -> workItemCost = decimal(flag, v);
        case "--throttle-max-delay-ms" -> maxDelay = integer(flag, v);
        case "--throttle-block-factor" -> blockFactor = decimal(flag, v);
        case "--fault-rate" -> b.faultRate(decimal(flag, v));
        case "--fault-seed" -> b.faultSeed(whole(flag, v));
        case "--lost-response-share" -> b.lostResponseShare(decimal(flag, v));
        case "--admin-token" -> b.adminToken(v);
        case "--server" -> b.server(v);
        case "--host-name" -> b.hostName(v);
        case "--public-url" -> b.publicUrl(v);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    b.throttle(tstu, window).throttleCosts(requestCost, workItemCost);
    b.throttleDelay(maxDelay, blockFactor);
    return b.build();
  }

  private static int integer(String flag, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got " + v);
    }
  }

  private static long whole(String flag, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got " + v);
    }
  }

  private static double decimal(String flag, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got " + v);
    }
  }
}
