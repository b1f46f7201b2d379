package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import (`azdo run JOB.yaml`) through a throttling proxy in front of the emulator: a demanded
 * wait over --retry-max-wait stops the run at once with the wait and the cap, the rows not
 * attempted counted; one within the cap is waited out.
 */
class DemandedWaitImportTest {
  private static final Pattern NOT_ATTEMPTED = Pattern.compile("not attempted (\\d+)");
  private static final Pattern WRITTEN = Pattern.compile("written (\\d+)");
  @TempDir Path dir;
  Emulator emulator;
  ThrottlingProxy proxy;

  @BeforeEach
  void start() throws IOException {
    emulator = Emulator.startDefault();
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
    Files.writeString(
        dir.resolve("rows.csv"),
        "Key,Title\n"
            + IntStream.rangeClosed(1, 300)
                .mapToObj(i -> "K" + i + ",Row " + i)
                .collect(Collectors.joining("\n"))
            + "\n");
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    emulator.close();
  }

  /** Runs the import as a job file whose connection goes through the proxy. */
  private CliProcess.Result importThrough(IntFunction<String> retryAfter, String connection)
      throws Exception {
    URI url = URI.create(emulator.url());
    proxy = new ThrottlingProxy(url, retryAfter);
    Files.writeString(
        dir.resolve("job.yaml"),
        String.join(
            "\n",
            "connection:",
            "  org-url: " + proxy.url(url.getPath()),
            "  pat-file: " + dir.resolve("pat.txt"),
            connection,
            "source:",
            "  path: rows.csv",
            "project: Demo",
            "type: Task",
            "key: Key",
            "mapping: [Title=System.Title]",
            "options:",
            "  batch-size: 100",
            "  concurrency: 1",
            ""));
    return CliProcess.run(
        Map.of("AZDO_CONFIG_DIR", dir.resolve("config").toString()),
        "run",
        dir.resolve("job.yaml").toString(),
        "--progress",
        "plain");
  }

  @Test
  void anAbsurdRetryAfterStopsTheRunAtOnceNamingTheWaitAndTheCap() throws Exception {
    // The first batch goes through; every later one is answered 429 with Retry-After: 1e12.
    CliProcess.Result r = importThrough(n -> n == 1 ? null : "1e12", "");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.startsWith("azdo: the run stopped")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("asked to wait 31,688 years before the next request")
                    .contains("(Retry-After: 1e12)")
                    .contains("longer than retry-max-wait (5 min)"));
    String done = r.out().lines().filter(l -> l.startsWith("Done: ")).findFirst().orElseThrow();
    // The first batch's rows are written (its size is the pacer's probe while no rate budget is
    // known); every other row is reported not attempted.
    Matcher written = WRITTEN.matcher(done);
    assertThat(written.find()).as(done).isTrue();
    assertThat(done).contains("rejected 0");
    Matcher m = NOT_ATTEMPTED.matcher(done);
    assertThat(m.find()).as(done).isTrue();
    assertThat(Integer.parseInt(written.group(1))).isPositive();
    assertThat(Integer.parseInt(written.group(1)) + Integer.parseInt(m.group(1))).isEqualTo(300);
    // Neither the client's retries nor the import's own ever tried the refused batch again.
    assertThat(proxy.throttledCalls()).isEqualTo(1);
    assertThat(proxy.batchCalls()).isEqualTo(2);
  }

  @Test
  void aRetryAfterWithinTheCapIsWaitedOutAndEveryRowIsWritten() throws Exception {
    CliProcess.Result r = importThrough(n -> n == 2 ? "1" : null, "  retry-max-wait: 2s");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Done: read 300, written 300, rejected 0");
    assertThat(proxy.throttledCalls()).isEqualTo(1);
    // The refused batch was sent once more, after the wait; no other was repeated.
    assertThat(proxy.batchCalls()).isEqualTo(proxy.forwardedBatchCalls() + 1);
    assertThat(proxy.forwardedBatchRows()).isEqualTo(300);
  }
}
