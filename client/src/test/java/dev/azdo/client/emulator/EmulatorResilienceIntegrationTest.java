package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.http.Sleeper;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.realism.EmulatorClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Drives the client through the emulator's throttling and seeded faults without real waiting. */
class EmulatorResilienceIntegrationTest {

  @Test
  void readsSurviveThrottlingAndFaultsByPacingAndRetrying() {
    EmulatorConfig config =
        EmulatorConfig.builder()
            .throttle(40, 300)
            // Keep the emulator's own hold short; the client's waits go to the adjustable clock.
            .throttleDelay(20, 2)
            .faultRate(0.15)
            .faultSeed(7)
            .lostResponseShare(0)
            .build();
    try (Emulator emulator = Emulator.create(config).start()) {
      EmulatorClock clock = (EmulatorClock) emulator.context().clock();
      List<Duration> waits = new CopyOnWriteArrayList<>();
      List<Integer> statuses = new CopyOnWriteArrayList<>();
      Sleeper advanceEmulatorTime =
          d -> {
            waits.add(d);
            clock.advance(d);
          };
      AzdoClient client =
          AzdoClient.builder(
                  ConnectionConfig.parse(
                          Map.of(
                              "org-url", emulator.url(), "pat", "emulator-pat", "retry-max", "8"),
                          Map.of())
                      .orThrow())
              .clock(clock)
              .sleeper(advanceEmulatorTime)
              .addNetworkInterceptor(
                  chain -> {
                    try {
                      var r = chain.proceed(chain.request());
                      statuses.add(r.status());
                      return r;
                    } catch (java.io.IOException e) {
                      statuses.add(0);
                      throw e;
                    }
                  })
              .build();
      for (int i = 0; i < 150; i++) {
        assertThat(client.listProcesses()).isNotEmpty();
      }
      // Retries after faults and pacing or Retry-After under throttling both went through the
      // sleeper, never through real time.
      assertThat(waits).isNotEmpty();
      assertThat(statuses).hasSizeGreaterThan(150).anyMatch(s -> s != 200);
    }
  }
}
