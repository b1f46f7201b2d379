package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.http.HttpPipeline;
import dev.azdo.client.http.RatePacer;
import dev.azdo.client.http.Request;
import dev.azdo.client.http.Response;
import dev.azdo.client.http.Sleeper;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.report.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void plainModePrintsAtMostOneLineEveryFiveSecondsWithTheCounts() {
    AtomicLong now = new AtomicLong(0);
    StringWriter text = new StringWriter();
    RunSummary s = new RunSummary();
    try (Progress p =
        new Progress(Progress.Mode.PLAIN, new PrintWriter(text), new TrafficStats(), now::get)) {
      for (int i = 0; i < 400; i++) {
        s.read();
        s.written();
      }
      now.set(2 * SECOND);
      p.update(s);
      assertThat(text.toString()).isEmpty();
      now.set(5 * SECOND);
      p.update(s);
      now.set(6 * SECOND);
      p.update(s);
      s.read();
      s.rejected();
      now.set(10 * SECOND);
      p.update(s);
      assertThat(text.toString().lines())
          .containsExactly(
              "azdo: progress: read 400, written 400, rejected 0, skipped 0, retries 0,"
                  + " throttled 0 in 5.0 s (80 rows/s)",
              "azdo: progress: read 401, written 400, rejected 1, skipped 0, retries 0,"
                  + " throttled 0 in 10.0 s (40 rows/s)");
      assertThat(p.line(s)).startsWith("read 401, written 400, rejected 1");
    }
  }

  @Test
  void aPacedRunSaysSoAndAtWhatRate() throws Exception {
    AtomicLong millis = new AtomicLong(1_000_000);
    java.time.Clock clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return java.time.Instant.ofEpochMilli(millis.get());
          }
        };
    RatePacer pacer = new RatePacer(1, clock, d -> millis.addAndGet(d.toMillis()));
    // A service with 100 TSTUs per 10 s that has already seen 90 of them used.
    HttpPipeline pipeline =
        new HttpPipeline(
            java.util.List.of(
                pacer,
                chain ->
                    new Response(
                        chain.request(),
                        200,
                        java.util.Map.of(
                            "X-RateLimit-Limit", java.util.List.of("100"),
                            "X-RateLimit-Remaining", java.util.List.of("10"),
                            "X-RateLimit-Reset", java.util.List.of("1010")),
                        new byte[0])));
    Request get = Request.builder("GET", java.net.URI.create("http://127.0.0.1/demo")).build();
    pipeline.execute(get);
    pipeline.execute(get);
    StringWriter text = new StringWriter();
    RunSummary s = new RunSummary();
    s.read();
    try (Progress p =
        new Progress(
            Progress.Mode.PLAIN, new PrintWriter(text), new TrafficStats().watch(pacer), () -> 0)) {
      assertThat(p.line(s))
          .contains("throttled 0, paced at 10 TSTU/s (budget 100 TSTU / 10 s) in ");
    }
    assertThat(
            new Progress(Progress.Mode.NONE, new PrintWriter(text), new TrafficStats(), () -> 0)
                .line(s))
        .doesNotContain("paced");
  }

  @Test
  void noneModePrintsNothing() {
    StringWriter text = new StringWriter();
    AtomicLong now = new AtomicLong(0);
    RunSummary s = new RunSummary();
    s.read();
    try (Progress p =
        new Progress(Progress.Mode.NONE, new PrintWriter(text), new TrafficStats(), now::get)) {
      now.set(60 * SECOND);
      p.update(s);
    }
    assertThat(text.toString()).isEmpty();
  }

  @Test
  void aWaitOverTenSecondsIsShownWhenItStartsAndInTheLinesWhileItLasts() throws Exception {
    AtomicLong now = new AtomicLong(0);
    StringWriter text = new StringWriter();
    TrafficStats stats = new TrafficStats(now::get);
    RunSummary s = new RunSummary();
    s.read();
    s.written();
    try (Progress p = new Progress(Progress.Mode.PLAIN, new PrintWriter(text), stats, now::get)) {
      // The client's sleeper, as the CLI wraps it; 5 s into each wait the import reports.
      Sleeper waits =
          stats.sleeper(
              d -> {
                now.addAndGet(5 * SECOND);
                p.update(s);
                now.addAndGet(d.toNanos() - 5 * SECOND);
              });
      waits.sleep(Duration.ofSeconds(10));
      waits.sleep(Duration.ofSeconds(250));
      assertThat(stats.currentWait()).isEmpty();
    }
    assertThat(text.toString().lines())
        .containsExactly(
            "azdo: progress: read 1, written 1, rejected 0, skipped 0, retries 0, throttled 0 in"
                + " 5.0 s (0 rows/s)",
            "azdo: progress: waiting 4 min 10 s before the next request",
            "azdo: progress: read 1, written 1, rejected 0, skipped 0, retries 0, throttled 0 in"
                + " 15.0 s (0 rows/s), waiting 4 min 5 s");
  }
}
