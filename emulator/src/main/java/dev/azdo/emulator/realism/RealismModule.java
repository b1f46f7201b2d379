package dev.azdo.emulator.realism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import dev.azdo.emulator.wit.WitTables;
import java.time.Clock;
import java.time.Duration;

/**
 * Makes the emulator behave like the real service under load and failure: latency, the TSTU
 * throttle ({@link ThrottleMeter}), seeded faults, the request log, and the control API under
 * /_emulator/ ({@link ControlApi}) that tests use to reset, inspect and steer it.
 */
public final class RealismModule implements EmulatorModule {
  private Throttle throttle;
  private FaultPlan faults;
  private RequestLog log;
  private RealismInterceptor interceptor;
  private Table<WorkItem> workItems;

  @Override
  public void register(EmulatorContext ctx) {
    EmulatorConfig c = ctx.config();
    Clock clock = ctx.clock();
    throttle = new Throttle(clock, Throttle.Settings.of(c));
    faults =
        new FaultPlan(new FaultPlan.Settings(c.faultRate(), c.faultSeed(), c.lostResponseShare()));
    log = new RequestLog();
    interceptor =
        new RealismInterceptor(clock, throttle, faults, log, c.latencyMs(), c.latencyJitterMs());
    workItems = ctx.store().table(WitTables.WORK_ITEMS);
    ctx.handler().interceptor(interceptor);
    ctx.provide(ThrottleMeter.class, throttle);

    ControlApi control = new ControlApi(c.adminToken());
    ctx.provide(ControlApi.class, control);
    ctx.handler().root("_emulator", control);
    control.section(
        "reset",
        req -> {
          requireMethod(req, "POST");
          ctx.require(ResetAction.class).reset();
          return counts(ctx);
        });
    control.section(
        "counts",
        req -> {
          requireMethod(req, "GET");
          return counts(ctx);
        });
    control.section("requests", this::requests);
    control.section("throttle", this::throttle);
    control.section("faults", this::faults);
    control.section("latency", this::latency);
    control.section("clock", req -> clock(req, clock));
  }

  @Override
  public void seed(EmulatorContext ctx) {
    // A fresh (or reset) organization starts with no usage, no log and the fault sequence at 0.
    throttle.clear();
    log.clear();
    faults.restart();
  }

  private ObjectNode counts(EmulatorContext ctx) {
    ObjectNode n = Json.object();
    n.put("workItems", workItems.where(w -> !w.deleted()).size());
    int projects;
    try {
      projects = ctx.require(ProjectDirectory.class).all().size();
    } catch (IllegalStateException noCoreModule) {
      projects = 0;
    }
    n.put("projects", projects);
    n.set("requests", log.counts());
    return n;
  }

  private Object requests(ApiRequest req) {
    if (req.method().equals("DELETE")) {
      log.clear();
      return null;
    }
    requireMethod(req, "GET");
    return Json.list(
        java.util.stream.StreamSupport.stream(
                log.recent(req.queryInt("top", 1000)).spliterator(), false)
            .toList());
  }

  private Object throttle(ApiRequest req) {
    switch (req.method()) {
      case "GET":
        return throttle.state();
      case "DELETE":
        throttle.clear();
        return null;
      case "PUT":
      case "PATCH":
      case "POST":
        JsonNode b = body(req);
        Throttle.Settings s = throttle.settings();
        Throttle.Settings n =
            new Throttle.Settings(
                b.path("tstu").asInt(s.tstu()),
                b.path("windowSeconds").asInt(s.windowSeconds()),
                b.path("requestCost").asDouble(s.requestCost()),
                b.path("workItemCost").asDouble(s.workItemCost()),
                b.path("maxDelayMs").asInt(s.maxDelayMs()),
                b.path("blockFactor").asDouble(s.blockFactor()));
        if (n.tstu() < 0
            || n.windowSeconds() <= 0
            || n.requestCost() < 0
            || n.workItemCost() < 0
            || n.maxDelayMs() < 0
            || n.blockFactor() < 1) {
          throw ApiException.badRequest(
              "InvalidArgumentValueException",
              "tstu >= 0, windowSeconds > 0, costs >= 0, maxDelayMs >= 0 and blockFactor >= 1"
                  + " are required.");
        }
        throttle.settings(n);
        return throttle.state();
      default:
        throw notAllowed(req);
    }
  }

  private Object faults(ApiRequest req) {
    if (req.method().equals("GET")) {
      return faultState();
    }
    if (!req.method().equals("PUT") && !req.method().equals("POST")) {
      throw notAllowed(req);
    }
    JsonNode b = body(req);
    FaultPlan.Settings s = faults.settings();
    FaultPlan.Settings n =
        new FaultPlan.Settings(
            b.path("rate").asDouble(s.rate()),
            b.path("seed").asLong(s.seed()),
            b.path("lostResponseShare").asDouble(s.lostResponseShare()));
    if (n.rate() < 0 || n.rate() > 1 || n.lostResponseShare() < 0 || n.lostResponseShare() > 1) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "rate and lostResponseShare must be between 0 and 1.");
    }
    faults.settings(n);
    return faultState();
  }

  private ObjectNode faultState() {
    ObjectNode n = faults.settings().json();
    n.put("requestsSeen", faults.requestsSeen());
    return n;
  }

  private Object latency(ApiRequest req) {
    if (req.method().equals("PUT") || req.method().equals("POST")) {
      JsonNode b = body(req);
      int ms = b.path("latencyMs").asInt(interceptor.latencyMs());
      int jitter = b.path("jitterMs").asInt(interceptor.jitterMs());
      if (ms < 0 || jitter < 0) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException", "latencyMs and jitterMs must not be negative.");
      }
      interceptor.latency(ms, jitter);
    } else if (!req.method().equals("GET")) {
      throw notAllowed(req);
    }
    return Json.object()
        .put("latencyMs", interceptor.latencyMs())
        .put("jitterMs", interceptor.jitterMs());
  }

  private Object clock(ApiRequest req, Clock clock) {
    if (!(clock instanceof EmulatorClock ec)) {
      throw ApiException.badRequest("InvalidOperationException", "This emulator's clock is fixed.");
    }
    if (req.method().equals("POST") || req.method().equals("PUT")) {
      JsonNode b = body(req);
      double seconds = b.path("advanceSeconds").asDouble(0);
      if (seconds < 0) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException", "advanceSeconds must not be negative.");
      }
      ec.advance(Duration.ofMillis(Math.round(seconds * 1000)));
    } else if (!req.method().equals("GET")) {
      throw notAllowed(req);
    }
    return Json.object()
        .put("now", Json.date(ec.instant()))
        .put("offsetSeconds", ec.offset().toMillis() / 1000.0);
  }

  private static JsonNode body(ApiRequest req) {
    JsonNode b = req.json();
    if (!b.isObject()) {
      throw ApiException.badRequest("InvalidArgumentValueException", "A JSON object is required.");
    }
    return b;
  }

  private static void requireMethod(ApiRequest req, String method) {
    if (!req.method().equals(method)) {
      throw notAllowed(req);
    }
  }

  private static ApiException notAllowed(ApiRequest req) {
    return new ApiException(
        405,
        "HttpMethodNotAllowedException",
        "The requested resource does not support http method '" + req.method() + "'.");
  }
}
