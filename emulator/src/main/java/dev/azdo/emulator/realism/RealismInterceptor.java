package dev.azdo.emulator.realism;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.EmulatorHandler;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps every REST call with the service's rough edges: latency, the TSTU throttle, seeded faults
 * (errors, resets, and writes whose answer is lost), and records it in the request log.
 */
final class RealismInterceptor implements EmulatorHandler.Interceptor {
  private static final Pattern ACCEPT_VERSION =
      Pattern.compile("api-version\\s*=\\s*([^;,\\s]+)", Pattern.CASE_INSENSITIVE);

  private final Clock clock;
  private final Throttle throttle;
  private final FaultPlan faults;
  private final RequestLog log;
  private volatile int latencyMs;
  private volatile int jitterMs;

  RealismInterceptor(
      Clock clock, Throttle throttle, FaultPlan faults, RequestLog log, int latencyMs, int jitter) {
    this.clock = clock;
    this.throttle = throttle;
    this.faults = faults;
    this.log = log;
    this.latencyMs = latencyMs;
    this.jitterMs = jitter;
  }

  void latency(int ms, int jitter) {
    this.latencyMs = ms;
    this.jitterMs = jitter;
  }

  int latencyMs() {
    return latencyMs;
  }

  int jitterMs() {
    return jitterMs;
  }

  @Override
  public ApiResponse intercept(EmulatorHandler.Call call, Supplier<ApiResponse> next) {
    boolean control =
        !call.segments().isEmpty() && call.segments().get(0).equalsIgnoreCase("_emulator");
    if (control) {
      return next.get();
    }
    hold(latencyMs + (jitterMs > 0 ? ThreadLocalRandom.current().nextInt(jitterMs + 1) : 0));
    if (!call.organization()) {
      // Sign-in endpoints: latency only; they are not the REST API that throttles and fails.
      return next.get();
    }
    long seq = log.nextSeq();
    FaultPlan.Fault fault = faults.next();
    Identity who = call.caller();
    switch (fault) {
      case INTERNAL_ERROR -> {
        ApiResponse r =
            error(
                500,
                "InternalServerErrorException",
                "TF400898: An Internal Error Occurred. Activity Id: " + UUID.randomUUID() + ".");
        record(seq, call, r.status(), who, fault, 0, 0);
        return r;
      }
      case UNAVAILABLE -> {
        ApiResponse r =
            error(
                    503,
                    "DatabaseConnectionException",
                    "TF246017: Team Foundation Server could not connect to the database. Verify"
                        + " that the server that is hosting the database is operational, and that"
                        + " network problems are not blocking communication with the server.")
                .header("Retry-After", "1");
        record(seq, call, r.status(), who, fault, 0, 0);
        return r;
      }
      case RESET -> {
        record(seq, call, 0, who, fault, 0, 0);
        throw new EmulatorHandler.DropConnection();
      }
      default -> {
        // NONE and LOST_RESPONSE are served; a lost response is dropped after the commit.
      }
    }
    boolean throttled = who != null && throttle.enabled();
    long delayMs = 0;
    if (throttled) {
      Throttle.Verdict v = throttle.assess(who);
      if (v.blocked()) {
        ApiResponse r =
            error(
                429,
                "RequestBlockedException",
                "TF400733: The request has been canceled: Request was blocked due to exceeding"
                    + " usage of resource '"
                    + Throttle.RESOURCE
                    + "' in namespace 'User'.");
        throttle.headers(who, 1).forEach(r::header);
        r.headers().remove("X-RateLimit-Delay");
        r.header("Retry-After", Long.toString(Math.max(1, v.retryAfterSeconds())));
        record(seq, call, 429, who, FaultPlan.Fault.NONE, 0, 0);
        return r;
      }
      delayMs = v.delayMs();
      hold(delayMs);
    }
    throttle.beginRequest();
    ApiResponse r;
    int reported;
    try {
      r = next.get();
    } finally {
      reported = throttle.endRequest();
    }
    double cost = 0;
    if (throttled) {
      int[] estimate = estimate(call);
      int requests = estimate[0];
      int ops = estimate[1];
      if (reported >= 0) {
        ops = reported;
        requests = Math.max(1, reported);
      }
      cost = throttle.chargeRequest(who, requests, ops);
      throttle.headers(who, delayMs).forEach(r::header);
    }
    record(seq, call, r.status(), who, fault, cost, delayMs);
    if (fault == FaultPlan.Fault.LOST_RESPONSE) {
      // The hard case: the write is committed, but the client never hears about it.
      throw new EmulatorHandler.DropConnection();
    }
    return r;
  }

  // Sub-requests and work item operations of a call, from its path and body: a $batch of N
  // creates counts as N requests of one operation each.
  private static int[] estimate(EmulatorHandler.Call call) {
    String path = call.path().toLowerCase(Locale.ROOT);
    boolean write = !call.method().equals("GET") && !call.method().equals("HEAD");
    if (path.endsWith("/_apis/wit/$batch") || path.endsWith("/_apis/wit/%24batch")) {
      int n = 1;
      try {
        JsonNode body = Json.parse(new String(call.body(), StandardCharsets.UTF_8));
        n = body.isArray() ? body.size() : 1;
      } catch (RuntimeException e) {
        n = 1;
      }
      return new int[] {Math.max(1, n), n};
    }
    if (write && path.contains("/_apis/wit/workitems") && !path.contains("/comments")) {
      return new int[] {1, 1};
    }
    return new int[] {1, 0};
  }

  private void record(
      long seq,
      EmulatorHandler.Call call,
      int status,
      Identity who,
      FaultPlan.Fault fault,
      double tstu,
      long delayMs) {
    String path = call.path();
    String wiql = null;
    if (call.method().equals("POST") && path.toLowerCase(Locale.ROOT).contains("/_apis/wit/wiql")) {
      try {
        wiql =
            Json.parse(new String(call.body(), StandardCharsets.UTF_8)).path("query").asText(null);
      } catch (RuntimeException e) {
        wiql = null;
      }
    }
    // What the call carried, throttled or not: a $batch of N counts N operations.
    int operations = estimate(call)[1];
    log.add(
        new RequestLog.Entry(
            seq,
            Json.date(clock.instant()),
            call.method(),
            path,
            status,
            apiVersion(call),
            who == null ? null : who.uniqueName(),
            wiql,
            fault.label,
            tstu,
            delayMs,
            operations));
  }

  private static String apiVersion(EmulatorHandler.Call call) {
    String v = call.query("api-version");
    if (v != null) {
      return v;
    }
    String accept = call.header("Accept");
    if (accept != null) {
      Matcher m = ACCEPT_VERSION.matcher(accept);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static ApiResponse error(int status, String typeKey, String message) {
    return ApiResponse.json(status, new ApiException(status, typeKey, message).envelope());
  }

  // Holds the request on the server, as the service holds delayed requests.
  private static void hold(long ms) {
    if (ms <= 0) {
      return;
    }
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
