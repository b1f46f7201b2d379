package dev.azdo.emulator.realism;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  private static final String CONNECTION_DATA = "_apis/connectionData";

  Emulator emulator;
  Http http;
  Control control;

  @BeforeEach
  void start() {
    emulator =
        Emulator.create(
                EmulatorConfig.builder()
                    .throttle(10, 60)
                    .throttleCosts(1, 1)
                    .throttleDelay(200, 2)
                    .build())
            .start();
    http = new Http(emulator);
    control = new Control(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void headersAppearOnceUsageLeavesTheOrdinaryShareBeforeAnyDelay() {
    control.put("throttle", Json.object().put("tstu", 100));
    List<Http.Res> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(http.get(CONNECTION_DATA));
    }
    // Four requests use 4 of 100 TSTUs, under the 5% of ordinary activity: no headers yet.
    for (Http.Res r : answers.subList(0, 4)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-RateLimit-Limit")).isNull();
    }
    // From the fifth every answer tells the budget, long before any delay.
    for (Http.Res r : answers.subList(4, 6)) {
      assertThat(r.header("X-RateLimit-Resource")).isEqualTo("WorkItemTrackingResource");
      assertThat(r.header("X-RateLimit-Limit")).isEqualTo("100");
      assertThat(Long.parseLong(r.header("X-RateLimit-Reset")))
          .isGreaterThan(System.currentTimeMillis() / 1000);
      assertThat(r.header("X-RateLimit-Delay")).isNull();
      assertThat(r.header("Retry-After")).isNull();
    }
    assertThat(answers.get(4).header("X-RateLimit-Remaining")).isEqualTo("95");
    assertThat(answers.get(5).header("X-RateLimit-Remaining")).isEqualTo("94");
  }

  @Test
  void requestsPastTheBudgetAreDelayedThenBlockedAndClearAfterRetryAfter() {
    List<Http.Res> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answers.add(http.get(CONNECTION_DATA));
    }
    // Under the budget: served at once, with the headers that announce it.
    Http.Res low = answers.get(7);
    assertThat(low.status()).isEqualTo(200);
    assertThat(low.header("X-RateLimit-Limit")).isEqualTo("10");
    assertThat(low.header("X-RateLimit-Remaining")).isEqualTo("2");
    assertThat(low.header("X-RateLimit-Delay")).isNull();
    // Past the budget the requests are held but still answered 200, with Retry-After.
    Http.Res delayed = answers.get(19);
    assertThat(delayed.status()).isEqualTo(200);
    assertThat(Double.parseDouble(delayed.header("X-RateLimit-Delay"))).isGreaterThan(0.1);
    assertThat(delayed.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(delayed.header("Retry-After"))).isPositive();
    // At twice the budget the service blocks.
    Http.Res blocked = http.get(CONNECTION_DATA);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.json().path("message").asText())
        .startsWith("TF400733: The request has been canceled: Request was blocked");
    assertThat(blocked.json().path("typeKey").asText()).isEqualTo("RequestBlockedException");
    long retryAfter = Long.parseLong(blocked.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(http.get(CONNECTION_DATA).status()).isEqualTo(429);

    control.advance(retryAfter);

    Http.Res after = http.get(CONNECTION_DATA);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.header("X-RateLimit-Delay")).isNull();
  }

  @Test
  void delayedRequestIsHeldOnTheServerForTheAnnouncedDelay() {
    for (int i = 0; i < 19; i++) {
      http.get(CONNECTION_DATA);
    }
    long start = System.nanoTime();
    Http.Res r = http.get(CONNECTION_DATA);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    double announced = Double.parseDouble(r.header("X-RateLimit-Delay"));
    assertThat(announced).isGreaterThanOrEqualTo(0.15);
    assertThat(tookMs).isGreaterThanOrEqualTo((long) (announced * 1000));
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode titlePatch(String title) {
    var patch = Json.array();
    patch.addObject().put("op", "add").put("path", "/fields/System.Title").put("value", title);
    return patch;
  }

  @Test
  void batchOfWorkItemsCostsWhatTheSingleOperationsCost() {
    control.put("throttle", Json.object().put("tstu", 1000));
    for (int i = 0; i < 5; i++) {
      Http.Res r =
          http.send(
              "POST",
              "Demo/_apis/wit/workitems/$Task?api-version=7.1",
              titlePatch("single " + i),
              "application/json-patch+json");
      assertThat(r.status()).isEqualTo(200);
    }
    double singles = control.get("throttle").json().at("/identities/0/used").asDouble();
    var batch = Json.array();
    for (int i = 0; i < 5; i++) {
      var op = batch.addObject();
      op.put("method", "PATCH").put("uri", "/Demo/_apis/wit/workitems/$Task?api-version=7.1");
      op.putObject("headers").put("Content-Type", "application/json-patch+json");
      op.set("body", titlePatch("batched " + i));
    }
    Http.Res r = http.post("_apis/wit/$batch?api-version=7.1", batch);
    assertThat(r.status()).isEqualTo(200);
    double total = control.get("throttle").json().at("/identities/0/used").asDouble();
    // Five creates at 1 TSTU per request and 1 per work item operation, batched or not.
    assertThat(singles).isEqualTo(10.0);
    assertThat(total - singles).isEqualTo(singles);
  }

  @Test
  void throttleMeterChargesReportedWork() {
    control.put("throttle", Json.object().put("tstu", 1000));
    Identity alice = emulator.context().directory().owner();
    emulator.context().require(ThrottleMeter.class).charge(alice, 7.5);
    JsonNode state = control.get("throttle").json();
    assertThat(state.at("/identities/0/uniqueName").asText()).isEqualTo("alice@example.com");
    assertThat(state.at("/identities/0/used").asDouble()).isEqualTo(7.5);
  }

  @Test
  void budgetIsPerIdentitySoOtherUsersAreNotDelayed() {
    control.put("throttle", Json.object().put("tstu", 2).put("blockFactor", 1.0));
    http.get(CONNECTION_DATA);
    http.get(CONNECTION_DATA);
    assertThat(http.get(CONNECTION_DATA).status()).isEqualTo(429);
    Http anonymous = new Http(emulator.url(), "wrong-pat");
    // Unknown credentials are refused before any budget is consulted.
    assertThat(anonymous.get(CONNECTION_DATA).status()).isEqualTo(401);
  }

  @Test
  void usageSlidesOutOfTheWindow() {
    for (int i = 0; i < 8; i++) {
      http.get(CONNECTION_DATA);
    }
    assertThat(control.get("throttle").json().at("/identities/0/used").asDouble()).isEqualTo(8);
    control.advance(61);
    assertThat(control.get("throttle").json().at("/identities/0/used").asDouble()).isZero();
    Http.Res fresh = http.get(CONNECTION_DATA);
    assertThat(fresh.header("X-RateLimit-Remaining")).isEqualTo("9");
    assertThat(fresh.header("X-RateLimit-Delay")).isNull();
    // The peak remembers the fullest window, after usage has left it.
    assertThat(control.get("throttle").json().at("/identities/0/peakUsed").asDouble()).isEqualTo(8);
  }

  @Test
  void eachIdentityHasItsOwnBudgetAndState() {
    control.put("throttle", Json.object().put("tstu", 100));
    Identity bob = emulator.context().directory().users().get(1);
    // Bob has used his budget twice over: he would be blocked.
    emulator.context().require(ThrottleMeter.class).charge(bob, 250);
    Http.Res alice = http.get(CONNECTION_DATA);
    assertThat(alice.status()).isEqualTo(200);
    assertThat(alice.header("X-RateLimit-Limit")).isNull();
    JsonNode state = control.get("throttle").json();
    JsonNode bobState = null;
    JsonNode aliceState = null;
    for (JsonNode n : state.path("identities")) {
      if (n.path("uniqueName").asText().equals("bob@example.com")) {
        bobState = n;
      } else if (n.path("uniqueName").asText().equals("alice@example.com")) {
        aliceState = n;
      }
    }
    assertThat(bobState).isNotNull();
    assertThat(aliceState).isNotNull();
    assertThat(bobState.path("used").asDouble()).isEqualTo(250);
    assertThat(bobState.path("remaining").asDouble()).isZero();
    assertThat(aliceState.path("used").asDouble()).isEqualTo(1);
    assertThat(aliceState.path("remaining").asDouble()).isEqualTo(99);
    assertThat(aliceState.path("servedRequests").asLong()).isEqualTo(1);
    assertThat(aliceState.path("blockedRequests").asLong()).isZero();
  }
}
