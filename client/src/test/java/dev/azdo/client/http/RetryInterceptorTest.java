package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.testing.FakeTime;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
  private static final String OK = "{\"count\":0,\"value\":[]}";
  private final TestServer server = new TestServer();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    server.close();
  }

  private AzdoClient client(String... settings) {
    return AzdoClient.builder(Settings.forServer(server, settings))
        .clock(time.clock())
        .sleeper(time)
        .random(() -> 0.5)
        .build();
  }

  @Test
  void retryHonoursRetryAfterSeconds() {
    server.enqueue(Reply.json(429, "{\"message\":\"slow down\"}").header("Retry-After", "7"));
    server.enqueueJson(200, OK);
    assertThat(client().listProcesses()).isEmpty();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(server.drain()).hasSize(2);
  }

  @Test
  void retryHonoursRetryAfterHttpDate() {
    String at =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            time.now().plusSeconds(12).atOffset(ZoneOffset.UTC));
    server.enqueue(Reply.json(503, "{}").header("Retry-After", at));
    server.enqueueJson(200, OK);
    client().listProcesses();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void backoffDoublesWithJitterUpToRetryMax() {
    for (int i = 0; i < 4; i++) {
      server.enqueueJson(500, "{\"message\":\"VS000000: boom\"}");
    }
    assertThatThrownBy(() -> client("retry-max", "3", "retry-wait-ms", "1000").listProcesses())
        .isInstanceOf(AzdoException.class)
        .satisfies(e -> assertThat(((AzdoException) e).status()).isEqualTo(500));
    // Equal jitter with random 0.5: half fixed plus a quarter of the doubled wait.
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000));
    assertThat(server.drain()).hasSize(4);
  }

  @Test
  void fixedWaitWhenMultiplyWaitIsOff() {
    server.enqueueJson(502, "{}").enqueueJson(502, "{}").enqueueJson(200, OK);
    client("retry-multiply-wait", "false", "retry-wait-ms", "250").listProcesses();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void statusesOutsideTheListAreNotRetried() {
    server.enqueueJson(500, "{}").enqueueJson(200, OK);
    assertThatThrownBy(() -> client("retry-status", "429,503").listProcesses())
        .isInstanceOf(AzdoException.class);
    assertThat(time.sleeps()).isEmpty();
    assertThat(server.drain()).hasSize(1);
  }

  @Test
  void postIsNotRepeatedOn503UnlessMarkedIdempotent() {
    AzdoClient client = client();
    server.enqueueJson(503, "{}");
    assertThatThrownBy(
            () -> client.send("POST", server.url("/demo/_apis/x"), "{}", null, false, "post"))
        .isInstanceOf(AzdoException.class);
    assertThat(server.drain()).hasSize(1);

    server.enqueueJson(503, "{}").enqueueJson(200, OK);
    assertThat(client.send("POST", server.url("/demo/_apis/x"), "{}", null, true, "post").status())
        .isEqualTo(200);
    assertThat(server.drain()).hasSize(2);
  }

  @Test
  void postIsRepeatedOn429BecauseThrottledRequestsAreNotExecuted() {
    server.enqueue(Reply.json(429, "{}").header("Retry-After", "1"));
    server.enqueueJson(200, OK);
    assertThat(
            client().send("POST", server.url("/demo/_apis/x"), "{}", null, false, "post").status())
        .isEqualTo(200);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aHostThatNeverAnsweredIsReportedUnreachableAtOnce() {
    TestServer dead = new TestServer();
    String url = dead.url("/demo");
    dead.close();
    AzdoClient client = clientOf(url);
    assertThatThrownBy(client::listProcesses)
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("cannot connect to 127.0.0.1")
        .satisfies(
            e -> assertThat(((AzdoException) e).kind()).isEqualTo(AzdoException.Kind.UNREACHABLE));
    // A mistyped port or host: no backoff before saying so.
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void connectionFailuresAfterTheServiceAnsweredAreRetriedThenReportedAsUnreachable() {
    TestServer once = new TestServer();
    once.enqueue(Reply.json(200, OK));
    AzdoClient client = clientOf(once.url("/demo"));
    assertThat(client.listProcesses()).isEmpty();
    once.close();
    assertThatThrownBy(client::listProcesses)
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("cannot connect to 127.0.0.1")
        .satisfies(
            e -> assertThat(((AzdoException) e).kind()).isEqualTo(AzdoException.Kind.UNREACHABLE));
    assertThat(time.sleeps()).hasSize(2);
  }

  private AzdoClient clientOf(String url) {
    return AzdoClient.builder(
            ConnectionConfig.parse(
                    Map.of(
                        "org-url",
                        url,
                        "pat",
                        Settings.PAT,
                        "retry-max",
                        "2",
                        "api-version-negotiation",
                        "off"),
                    Map.of())
                .orThrow())
        .clock(time.clock())
        .sleeper(time)
        .random(() -> 0.5)
        .build();
  }

  @Test
  void retryAfterOnASuccessDelaysTheNextRequest() {
    server.enqueue(Reply.json(200, OK).header("Retry-After", "3"));
    server.enqueueJson(200, OK);
    AzdoClient client = client();
    client.listProcesses();
    assertThat(time.sleeps()).isEmpty();
    client.listProcesses();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void retryAfterParsesSecondsDatesAndRejectsGarbage() {
    assertThat(RetryAfter.parse("5", time.clock())).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryAfter.parse("0.5", time.clock())).isEqualTo(Duration.ofMillis(500));
    assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", time.clock()))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 31 Dec 2025 00:00:00 GMT", time.clock()))
        .isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", time.clock())).isNull();
    assertThat(RetryAfter.parse("-1", time.clock())).isNull();
  }

  // --retry-max-wait: demanded waits are capped, never retried.

  private static AzdoException.Kind kind(Throwable e) {
    return ((AzdoException) e).kind();
  }

  @Test
  void anAbsurdRetryAfterFailsAtOnceWithTheWaitInYearsAndIsNeverRetried() {
    server.enqueue(Reply.json(429, "{\"message\":\"slow down\"}").header("Retry-After", "1e12"));
    server.enqueueJson(200, OK);
    // Many retries allowed, every status retried: the too-long wait must still not be retried.
    AzdoClient client = client("retry-max", "10", "retry-mode", "any");
    assertThatThrownBy(client::listProcesses)
        .isInstanceOf(AzdoException.class)
        .satisfies(e -> assertThat(kind(e)).isEqualTo(AzdoException.Kind.WAIT_TOO_LONG))
        .hasMessage(
            "127.0.0.1 asked to wait 31,688 years before the next request (Retry-After: 1e12),"
                + " longer than retry-max-wait (5 min)");
    assertThat(time.sleeps()).isEmpty();
    assertThat(server.drain()).hasSize(1);
  }

  @Test
  void aWaitJustUnderTheCapIsWaitedOutAndTheCallSucceeds() {
    server.enqueue(Reply.json(429, "{}").header("Retry-After", "29"));
    server.enqueueJson(200, OK);
    assertThat(client("retry-max-wait", "30s").listProcesses()).isEmpty();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(29));
    assertThat(server.drain()).hasSize(2);
  }

  @Test
  void aWaitJustOverTheCapFails() {
    server.enqueue(Reply.json(503, "{}").header("Retry-After", "31"));
    assertThatThrownBy(() -> client("retry-max-wait", "30s").listProcesses())
        .satisfies(e -> assertThat(kind(e)).isEqualTo(AzdoException.Kind.WAIT_TOO_LONG))
        .hasMessageContaining("asked to wait 31 s")
        .hasMessageContaining("retry-max-wait (30 s)");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aRealWaitUnderTheCapIsSleptOnTheRealClock() {
    server.enqueue(Reply.json(429, "{}").header("Retry-After", "0.3"));
    server.enqueueJson(200, OK);
    AzdoClient client =
        AzdoClient.builder(Settings.forServer(server, "retry-max-wait", "500ms")).build();
    long start = System.nanoTime();
    assertThat(client.listProcesses()).isEmpty();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(300_000_000L);
    assertThat(server.drain()).hasSize(2);
  }

  @Test
  void rateLimitResetOnA429IsTheWaitWhenRetryAfterIsMissing() {
    long in20s = time.now().getEpochSecond() + 20;
    server.enqueue(Reply.json(429, "{}").header("X-RateLimit-Reset", Long.toString(in20s)));
    server.enqueueJson(200, OK);
    client().listProcesses();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(20));

    long inADay = time.now().getEpochSecond() + 86_400;
    server.enqueue(Reply.json(429, "{}").header("X-RateLimit-Reset", Long.toString(inADay)));
    assertThatThrownBy(() -> client().listProcesses())
        .satisfies(e -> assertThat(kind(e)).isEqualTo(AzdoException.Kind.WAIT_TOO_LONG))
        .hasMessageContaining("asked to wait 1 day")
        .hasMessageContaining("(X-RateLimit-Reset: " + inADay + ")");
  }

  @Test
  void aTooLongWaitOnASuccessKeepsTheAnswerAndFailsTheNextRequestsUntilItPasses() {
    server.enqueue(Reply.json(200, OK).header("Retry-After", "3600"));
    server.enqueueJson(200, OK);
    AzdoClient client = client("retry-max-wait", "10m");
    assertThat(client.listProcesses()).isEmpty();
    assertThatThrownBy(client::listProcesses)
        .satisfies(e -> assertThat(kind(e)).isEqualTo(AzdoException.Kind.WAIT_TOO_LONG))
        .hasMessageContaining("asked to wait 1 h");
    assertThat(server.drain()).hasSize(1);
    time.advance(Duration.ofHours(1));
    assertThat(client.listProcesses()).isEmpty();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void waitsReadInHumanUnits() {
    assertThat(RetryAfter.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    assertThat(RetryAfter.human(Duration.ofSeconds(45))).isEqualTo("45 s");
    assertThat(RetryAfter.human(Duration.ofSeconds(250))).isEqualTo("4 min 10 s");
    assertThat(RetryAfter.human(Duration.ofMinutes(210))).isEqualTo("3.5 h");
    assertThat(RetryAfter.human(Duration.ofDays(12))).isEqualTo("12 days");
    assertThat(RetryAfter.human(RetryAfter.parse("1e12", time.clock()))).isEqualTo("31,688 years");
    assertThat(RetryAfter.parse("1e300", time.clock())).isPositive();
  }

  @Test
  void retryMaxWaitTakesDurationsAndRefusesOtherText() {
    Map<String, String> base = Map.of("org-url", "http://127.0.0.1:1/demo", "pat", "x");
    for (String[] c :
        new String[][] {
          {"30s", "PT30S"},
          {"5m", "PT5M"},
          {"1h", "PT1H"},
          {"500ms", "PT0.5S"},
          {"90", "PT1M30S"},
          {"PT2M", "PT2M"}
        }) {
      Map<String, String> m = new java.util.HashMap<>(base);
      m.put("retry-max-wait", c[0]);
      assertThat(ConnectionConfig.parse(m, Map.of()).orThrow().demandedWaitCap())
          .as(c[0])
          .isEqualTo(Duration.parse(c[1]));
    }
    assertThat(ConnectionConfig.parse(base, Map.of()).orThrow().demandedWaitCap())
        .isEqualTo(Duration.ofMinutes(5));
    Map<String, String> bad = new java.util.HashMap<>(base);
    bad.put("retry-max-wait", "soon");
    assertThat(ConnectionConfig.parse(bad, Map.of()).errors())
        .containsExactly(
            "retry-max-wait: expected a duration such as 30s, 5m, 1h or 500ms, got 'soon'");
  }
}
