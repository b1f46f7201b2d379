package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.testing.FakeTime;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThrottleInterceptorTest {
  private static final String OK = "{\"count\":0,\"value\":[]}";
  private final TestServer server = new TestServer();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    server.close();
  }

  private AzdoClient client() {
    return AzdoClient.builder(Settings.forServer(server))
        .clock(time.clock())
        .sleeper(time)
        .maxPace(Duration.ofSeconds(2))
        .build();
  }

  @Test
  void pacingSlowsDownAsRateLimitRemainingNearsZero() {
    AzdoClient client = client();
    server.enqueue(
        Reply.json(200, OK)
            .header("X-RateLimit-Limit", "200")
            .header("X-RateLimit-Remaining", "150"));
    server.enqueue(
        Reply.json(200, OK)
            .header("X-RateLimit-Limit", "200")
            .header("X-RateLimit-Remaining", "20"));
    server.enqueue(
        Reply.json(200, OK)
            .header("X-RateLimit-Limit", "200")
            .header("X-RateLimit-Remaining", "0"));
    server.enqueueJson(200, OK);
    client.listProcesses();
    client.listProcesses();
    client.listProcesses();
    client.listProcesses();
    // Plenty left: no pause; 10% left: half the max pace; nothing left: the full max pace.
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void rateLimitDelayHeaderSlowsTheNextRequestByTheSameAmount() {
    AzdoClient client = client();
    server.enqueue(Reply.json(200, OK).header("X-RateLimit-Delay", "0.75"));
    server.enqueueJson(200, OK);
    client.listProcesses();
    client.listProcesses();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(750));
  }

  @Test
  void pacingIsSkippedOnceTheWaitHasAlreadyPassed() {
    AzdoClient client = client();
    server.enqueue(Reply.json(200, OK).header("Retry-After", "2"));
    server.enqueueJson(200, OK);
    client.listProcesses();
    time.advance(Duration.ofSeconds(5));
    client.listProcesses();
    assertThat(time.sleeps()).isEmpty();
  }
}
