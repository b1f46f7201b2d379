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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RatePacerTest {
  private static final String OK = "{\"count\":0,\"value\":[]}";
  private final TestServer server = new TestServer();
  private final FakeTime time = new FakeTime();
  private final long epoch = time.now().getEpochSecond();

  @AfterEach
  void stop() {
    server.close();
  }

  private AzdoClient client(String... keyValues) {
    return AzdoClient.builder(Settings.forServer(server, keyValues))
        .clock(time.clock())
        .sleeper(time)
        .build();
  }

  // What the service answers after `used` of 100 TSTUs, in a window of ten seconds.
  private Reply budget(int used) {
    return budget(used, 0);
  }

  // The same, answered this many seconds into the test.
  private Reply budget(int used, int atSecond) {
    return Reply.json(200, OK)
        .header("X-RateLimit-Resource", "WorkItemTrackingResource")
        .header("X-RateLimit-Limit", "100")
        .header("X-RateLimit-Remaining", Integer.toString(100 - used))
        .header("X-RateLimit-Reset", Long.toString(epoch + atSecond + 10));
  }

  private Duration slept() {
    return time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Test
  void spendsWhatTheWindowHoldsThenWaitsForItToRefill() {
    AzdoClient client = client();
    // Each call costs 10 TSTUs: nine fit under 97% of the budget, the tenth waits until the
    // first has left the ten-second window.
    for (int i = 1; i <= 10; i++) {
      server.enqueue(budget(10 * i));
    }
    for (int i = 0; i < 10; i++) {
      client.listProcesses();
    }
    assertThat(slept()).isEqualTo(Duration.ofSeconds(10));
    RatePacer.Pace pace = client.pacer().pace();
    assertThat(pace.paced()).isTrue();
    assertThat(pace.limitTstu()).isEqualTo(100);
    assertThat(pace.windowSeconds()).isEqualTo(10);
    assertThat(pace.tstuPerSecond()).isEqualTo(9.7);
  }

  @Test
  void aCallLateForItsSlotLetsTheNextGoEarlierByAtMostOneSlot() {
    AzdoClient client = client();
    // Nine calls of 10 TSTUs fill 90 of the 97 aimed at; the tenth waits until they leave the
    // ten-second window, and from then on calls are spaced 10 * 10 s / 97 = 1030 ms apart.
    for (int i = 1; i <= 9; i++) {
      server.enqueue(budget(10 * i));
    }
    server.enqueue(budget(10, 10));
    for (int i = 0; i < 10; i++) {
      client.listProcesses();
    }
    assertThat(slept()).isEqualTo(Duration.ofSeconds(10));
    // The caller comes 470 ms after the next slot: that call goes at once, and the one after it
    // only 560 ms later (the rest of its slot), not a whole slot.
    time.advance(Duration.ofMillis(1500));
    server.enqueue(budget(20, 12));
    server.enqueue(budget(30, 13));
    client.listProcesses();
    client.listProcesses();
    assertThat(time.sleeps().subList(10, time.sleeps().size()))
        .containsExactly(Duration.ofMillis(560));
    // After a long pause only one slot is made up: two calls go together, the third waits a
    // whole slot (waited in steps of at most a second).
    time.advance(Duration.ofSeconds(5));
    server.enqueue(budget(40, 18));
    server.enqueue(budget(50, 18));
    server.enqueue(budget(60, 19));
    client.listProcesses();
    client.listProcesses();
    client.listProcesses();
    assertThat(time.sleeps().subList(11, time.sleeps().size()))
        .containsExactly(Duration.ofSeconds(1), Duration.ofMillis(30));
  }

  @Test
  void rateShareKeepsTheRunUnderItsPartOfTheBudget() {
    AzdoClient client = client(ConnectionConfig.RATE_SHARE, "0.5");
    for (int i = 1; i <= 5; i++) {
      server.enqueue(budget(10 * i));
    }
    for (int i = 0; i < 5; i++) {
      client.listProcesses();
    }
    // Half of the budget, less the headroom, is 48.5 TSTUs: the fifth call of 10 waits.
    assertThat(slept()).isEqualTo(Duration.ofSeconds(10));
    assertThat(client.pacer().pace().tstuPerSecond()).isEqualTo(4.85);
  }

  @Test
  void batchSizeIsSmallUntilTheBudgetIsKnownThenAFractionOfIt() {
    AzdoClient client = client();
    RatePacer pacer = client.pacer();
    assertThat(pacer.operationsPerCall(200)).isEqualTo(40);
    assertThat(pacer.callsAtOnce(4)).isEqualTo(1);
    server.enqueue(budget(4));
    client.listProcesses();
    // 4 TSTUs per operation: an eighth of 97 TSTUs holds 3 operations. A read says little of
    // what a write costs, so writes still go alone until one has been measured.
    assertThat(pacer.operationsPerCall(200)).isEqualTo(3);
    assertThat(pacer.callsAtOnce(4)).isEqualTo(1);
    server.enqueue(budget(8));
    client.send("POST", server.url("/acme/_apis/wit/wiql"), "{}", "application/json", false, "w");
    // All 8 TSTUs used go on the one write (the cautious side while the read is in the
    // window): an eighth of the budget holds 1 operation, and the 81 left hold 10 calls.
    assertThat(pacer.operationsPerCall(200)).isEqualTo(1);
    assertThat(pacer.callsAtOnce(4)).isEqualTo(4);
  }

  @Test
  void callsAreSizedSoAWholeNumberOfThemFillsABigBudget() {
    AzdoClient client = client();
    RatePacer pacer = client.pacer();
    // One write measured 1 TSTU of a 2,000 budget: 1 TSTU an operation, 1,940 aimed at. Calls of
    // 200 would fit 9 times (1,800); calls of 194 fit 10 times, the whole aim.
    server.enqueue(
        Reply.json(200, OK)
            .header("X-RateLimit-Limit", "2000")
            .header("X-RateLimit-Remaining", "1999")
            .header("X-RateLimit-Reset", Long.toString(epoch + 20)));
    write(client);
    assertThat(pacer.operationsPerCall(200)).isEqualTo(194);
    // A small budget is still spent in calls of an eighth of it.
    assertThat(pacer.operationsPerCall(20)).isEqualTo(20);
  }

  @Test
  void anOptionsRequestIsAReadAndMeasuresNoWrite() {
    AzdoClient client = client();
    RatePacer pacer = client.pacer();
    // Version negotiation answered without headers, then a read answered after 8 TSTUs: both
    // calls are in that reading, so each read cost 4 and no write has been measured yet.
    server.enqueueJson(200, OK);
    client.send("OPTIONS", server.url("/acme/_apis/wit"), null, null, true, "read versions");
    server.enqueue(budget(8));
    client.listProcesses();
    assertThat(server.takeRequest().method()).isEqualTo("OPTIONS");
    // Had the OPTIONS counted as a write, all 8 TSTUs would have gone on it (1 operation per
    // call) and four calls would go at once.
    assertThat(pacer.operationsPerCall(200)).isEqualTo(3);
    assertThat(pacer.callsAtOnce(4)).isEqualTo(1);
    // A HEAD and an OPTIONS answered with headers are readings over reads alone too.
    server.enqueue(budget(12));
    client.send("HEAD", server.url("/acme/_apis/projects"), null, null, true, "probe");
    server.enqueue(budget(16));
    client.send("OPTIONS", server.url("/acme/_apis"), null, null, true, "read versions");
    assertThat(pacer.operationsPerCall(200)).isEqualTo(3);
    assertThat(pacer.callsAtOnce(4)).isEqualTo(1);
  }

  @Test
  void aReadingCountsOnlyTheCallsTheWindowSurelyStillHolds() {
    AzdoClient client = client();
    RatePacer pacer = client.pacer();
    String wiql = server.url("/acme/_apis/wit/wiql");
    server.enqueue(budget(4));
    client.send("POST", wiql, "{}", "application/json", false, "w");
    // 9.5 s later the ten-second window may or may not still hold the first write (Reset comes
    // in whole seconds): the 8 TSTUs used go on the second alone, 1 operation per call.
    time.advance(Duration.ofMillis(9500));
    server.enqueue(budget(8, 10));
    client.send("POST", wiql, "{}", "application/json", false, "w");
    assertThat(pacer.operationsPerCall(200)).isEqualTo(1);
  }

  // One write; the server answers each request with the next of the answers, waiting for it.
  private void write(AzdoClient client) {
    client.send("POST", server.url("/acme/_apis/wit/wiql"), "{}", "application/json", false, "w");
  }

  // Sends one write per reading at once, then answers them one after another with these
  // readings `afterMs` later, each answer taken in by the client before the next is given.
  private void writesInFlightTogether(
      AzdoClient client, BlockingQueue<Reply> answers, long afterMs, Reply... readings)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(readings.length);
    try {
      CompletionService<Object> done = new ExecutorCompletionService<>(pool);
      for (int i = 0; i < readings.length; i++) {
        done.submit(() -> write(client), null);
      }
      for (int i = 0; i < readings.length; i++) {
        server.takeRequest();
      }
      time.advance(Duration.ofMillis(afterMs));
      for (Reply r : readings) {
        answers.add(r);
        done.take().get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private BlockingQueue<Reply> answerFromQueue() {
    BlockingQueue<Reply> answers = new LinkedBlockingQueue<>();
    server.dispatch(
        r -> {
          try {
            Reply a = answers.poll(5, TimeUnit.SECONDS);
            return a != null ? a : Reply.json(500, "{\"message\":\"no answer given\"}");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.json(500, "{\"message\":\"interrupted\"}");
          }
        });
    return answers;
  }

  @Test
  void callsInFlightTogetherCountInTheReadingsHigherThanTheirOwn() throws Exception {
    AzdoClient client = client();
    RatePacer pacer = client.pacer();
    BlockingQueue<Reply> answers = answerFromQueue();
    answers.add(budget(10));
    write(client);
    server.takeRequest();
    // Three writes of 10 TSTUs each go together. Nothing of the run can have left the window yet,
    // so usage only grows: the lower readings were charged before the last one, which holds all
    // four writes, 10 each.
    // Counting only the calls answered before it was sent, it read 40 over two writes, 20 each:
    // the four then filled 80 of the 97 aimed at and the next call waited out the window.
    writesInFlightTogether(client, answers, 500, budget(20, 1), budget(30, 1), budget(40, 1));
    answers.add(budget(50, 1));
    write(client);
    assertThat(time.sleeps()).isEmpty();
    // 10 TSTUs a write: an eighth of the budget holds 1, and the 45 left hold 4 such calls.
    assertThat(pacer.operationsPerCall(200)).isEqualTo(1);
    assertThat(pacer.callsAtOnce(8)).isEqualTo(4);
  }

  @Test
  void aLowerReadingProvesNothingWhenChargesLeavingTheWindowCouldExplainIt() throws Exception {
    AzdoClient client = client();
    RatePacer pacer = client.pacer();
    BlockingQueue<Reply> answers = answerFromQueue();
    answers.add(budget(10));
    write(client);
    server.takeRequest();
    // 9.5 s on, the first write may be leaving the ten-second window. The two readings differ by
    // 2, less than the first write's cost: the lower may be a call charged after the first left,
    // so the last reading counts only its own write (14).
    time.advance(Duration.ofMillis(9500));
    writesInFlightTogether(client, answers, 100, budget(12, 10), budget(14, 10));
    // Three writes at 14 in the window: 42, and the 53 left hold 3 calls of one write (with 7
    // a write, as the other reading would have made it, 8 calls).
    assertThat(pacer.operationsPerCall(200)).isEqualTo(1);
    assertThat(pacer.callsAtOnce(8)).isEqualTo(3);
  }

  @Test
  void onlyMethodsThatChangeSomethingAreWrites() {
    assertThat(java.util.List.of("POST", "PUT", "PATCH", "DELETE")).allMatch(RatePacer::isWrite);
    assertThat(java.util.List.of("GET", "HEAD", "OPTIONS")).noneMatch(RatePacer::isWrite);
  }

  @Test
  void withoutRateLimitHeadersTheServiceIsNotLimitingAndBatchesAreFull() {
    AzdoClient client = client();
    // Cheap calls answered without headers prove nothing: the probe stays small.
    for (int i = 0; i < 39; i++) {
      server.enqueueJson(200, OK);
      client.listProcesses();
    }
    assertThat(client.pacer().operationsPerCall(200)).isEqualTo(40);
    assertThat(client.pacer().callsAtOnce(4)).isEqualTo(1);
    server.enqueueJson(200, OK);
    client.listProcesses();
    assertThat(client.pacer().operationsPerCall(200)).isEqualTo(200);
    assertThat(client.pacer().callsAtOnce(4)).isEqualTo(4);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void aSmallRateShareProbesWithSmallerCalls() {
    // The probe spends at most 0.4 of the share of the documented 200 TSTUs before the service
    // has told its budget: 40 operations from a share of 0.5 up, 20 at 0.25, 4 at 0.05.
    assertThat(client(ConnectionConfig.RATE_SHARE, "0.5").pacer().operationsPerCall(200))
        .isEqualTo(40);
    AzdoClient quarter = client(ConnectionConfig.RATE_SHARE, "0.25");
    assertThat(quarter.pacer().operationsPerCall(200)).isEqualTo(20);
    assertThat(client(ConnectionConfig.RATE_SHARE, "0.05").pacer().operationsPerCall(200))
        .isEqualTo(4);
    // Smaller probes still prove the same 40 unmetered operations before calls are full.
    for (int i = 0; i < 39; i++) {
      server.enqueueJson(200, OK);
      quarter.listProcesses();
    }
    assertThat(quarter.pacer().operationsPerCall(200)).isEqualTo(20);
    server.enqueueJson(200, OK);
    quarter.listProcesses();
    assertThat(quarter.pacer().operationsPerCall(200)).isEqualTo(200);
  }

  @Test
  void a429SlowsTheRestOfTheRunDown() {
    AzdoClient client = client(ConnectionConfig.RETRY_MAX, "0");
    server.enqueue(budget(5));
    client.listProcesses();
    int before = client.pacer().operationsPerCall(200);
    server.enqueue(
        Reply.json(429, "{\"message\":\"TF400733: blocked\"}")
            .header("Retry-After", "3")
            .header("X-RateLimit-Limit", "100")
            .header("X-RateLimit-Remaining", "0"));
    assertThatThrownBy(client::listProcesses).isInstanceOf(AzdoException.class);
    server.enqueue(budget(10, 3));
    client.listProcesses();
    assertThat(slept()).isEqualTo(Duration.ofSeconds(3));
    assertThat(client.pacer().pace().blocked()).isEqualTo(1);
    assertThat(client.pacer().pace().tstuPerSecond()).isEqualTo(0.97 * 0.7 * 100 / 10);
    assertThat(client.pacer().operationsPerCall(200)).isLessThan(before);
  }

  @Test
  void rateLimitDelayHoldsTheNextRequestByTheSameAmount() {
    AzdoClient client = client();
    server.enqueue(Reply.json(200, OK).header("X-RateLimit-Delay", "0.75"));
    server.enqueueJson(200, OK);
    client.listProcesses();
    client.listProcesses();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(750));
  }

  @Test
  void retryAfterOnASuccessIsWaitedOutUnlessItHasPassed() {
    AzdoClient client = client();
    server.enqueue(Reply.json(200, OK).header("Retry-After", "2"));
    server.enqueue(Reply.json(200, OK).header("Retry-After", "2"));
    server.enqueueJson(200, OK);
    client.listProcesses();
    time.advance(Duration.ofSeconds(5));
    client.listProcesses();
    client.listProcesses();
    assertThat(slept()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rateShareOutsideZeroToOneIsRefusedByName() {
    assertThat(
            ConnectionConfig.parse(
                    java.util.Map.of(
                        ConnectionConfig.ORG_URL,
                        server.url("/demo"),
                        ConnectionConfig.PAT,
                        Settings.PAT,
                        ConnectionConfig.RATE_SHARE,
                        "1.5"),
                    java.util.Map.of())
                .errors())
        .anySatisfy(p -> assertThat(p).contains("rate-share").contains("at most 1"));
  }
}
