package dev.azdo.emulator.realism;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's global consumption limit, per identity: TSTUs used in a sliding window; past the
 * budget requests are held (delayed), past the block threshold they are refused with 429
 * (TF400733). Usage lives in memory: like the service's, it is not part of the organization's data.
 */
final class Throttle implements ThrottleMeter {
  /** The resource named in X-RateLimit-Resource and in the TF400733 message. */
  static final String RESOURCE = "WorkItemTrackingResource";

  // The service sends X-RateLimit-* headers (all but -Delay) "before requests start getting
  // delayed" (Rate and usage limits, API client experience) without naming the point. Its page
  // says normal user activity spikes to 10 TSTUs or fewer of the 200 per window: usage past that
  // share, 5%, is no longer ordinary, and from there on every answer carries the headers, early
  // enough for a client that keeps to half its budget to learn it first.
  static final double HEADER_SHARE = 0.05;

  private final Clock clock;
  private final Map<String, Usage> usage = new ConcurrentHashMap<>();
  private final ThreadLocal<int[]> reportedOps = new ThreadLocal<>();
  private volatile Settings settings;

  /** The throttle's settings; tstu 0 switches it off. */
  record Settings(
      int tstu,
      int windowSeconds,
      double requestCost,
      double workItemCost,
      int maxDelayMs,
      double blockFactor) {
    static Settings of(EmulatorConfig c) {
      return new Settings(
          c.throttleTstu(),
          c.throttleWindowSeconds(),
          c.throttleRequestCost(),
          c.throttleWorkItemCost(),
          c.throttleMaxDelayMs(),
          c.throttleBlockFactor());
    }

    ObjectNode json() {
      return Json.object()
          .put("tstu", tstu)
          .put("windowSeconds", windowSeconds)
          .put("requestCost", requestCost)
          .put("workItemCost", workItemCost)
          .put("maxDelayMs", maxDelayMs)
          .put("blockFactor", blockFactor);
    }
  }

  /** What the throttle decided for one request before it is served. */
  record Verdict(boolean blocked, long delayMs, double used, long retryAfterSeconds) {}

  Throttle(Clock clock, Settings settings) {
    this.clock = clock;
    this.settings = settings;
  }

  Settings settings() {
    return settings;
  }

  void settings(Settings s) {
    this.settings = s;
  }

  boolean enabled() {
    return settings.tstu() > 0;
  }

  /** Forgets all usage (the control API's reset). */
  void clear() {
    usage.clear();
  }

  /** Decides whether a request of this identity is served at once, held, or blocked. */
  Verdict assess(Identity who) {
    Settings s = settings;
    Usage u = usage(who);
    long now = clock.millis();
    synchronized (u) {
      double used = u.used(now, s);
      if (used >= s.tstu() * s.blockFactor()) {
        u.blocked++;
        return new Verdict(true, 0, used, u.secondsUntilBelow(s.tstu(), now, s));
      }
      if (used >= s.tstu()) {
        // The hold grows with the overage, from a few milliseconds up to the maximum near blocking.
        double over = (used - s.tstu()) / Math.max(1e-9, s.tstu() * (s.blockFactor() - 1));
        long delay = Math.max(1, Math.round(Math.min(1, over) * s.maxDelayMs()));
        if (s.blockFactor() <= 1) {
          delay = s.maxDelayMs();
        }
        u.delayed++;
        return new Verdict(false, delay, used, u.secondsUntilBelow(s.tstu(), now, s));
      }
      return new Verdict(false, 0, used, 0);
    }
  }

  /** Starts counting the work item operations the current thread's request reports. */
  void beginRequest() {
    reportedOps.set(null);
  }

  /** The work item operations reported while serving, or -1 when the handler reported none. */
  int endRequest() {
    int[] r = reportedOps.get();
    reportedOps.remove();
    return r == null ? -1 : r[0];
  }

  /** Charges a served request: its sub-requests and work item operations, in TSTUs. */
  double chargeRequest(Identity who, int requests, int workItemOps) {
    Settings s = settings;
    double cost = Math.max(1, requests) * s.requestCost() + workItemOps * s.workItemCost();
    charge(who, cost);
    if (who != null) {
      Usage u = usage(who);
      synchronized (u) {
        u.served++;
      }
    }
    return cost;
  }

  @Override
  public void charge(Identity who, double tstu) {
    if (who == null || !(tstu > 0)) {
      return;
    }
    Usage u = usage(who);
    synchronized (u) {
      u.add(clock.millis(), tstu, settings);
    }
  }

  @Override
  public void workItemOperations(int count) {
    int[] r = reportedOps.get();
    if (r == null) {
      reportedOps.set(new int[] {Math.max(0, count)});
    } else {
      r[0] += Math.max(0, count);
    }
  }

  /**
   * The X-RateLimit-* headers for an identity once its usage reaches {@link #HEADER_SHARE} of the
   * budget, else none; Remaining is 0 once requests are held or blocked, as the service documents.
   */
  Map<String, String> headers(Identity who, long delayMs) {
    Settings s = settings;
    Usage u = usage(who);
    long now = clock.millis();
    synchronized (u) {
      double used = u.used(now, s);
      double remaining = Math.max(0, s.tstu() - used);
      if (delayMs <= 0 && used < s.tstu() * HEADER_SHARE) {
        return Map.of();
      }
      Map<String, String> h = new java.util.LinkedHashMap<>();
      h.put("X-RateLimit-Resource", RESOURCE);
      h.put("X-RateLimit-Limit", Long.toString(s.tstu()));
      h.put("X-RateLimit-Remaining", delayMs > 0 ? "0" : number(remaining));
      h.put("X-RateLimit-Reset", Long.toString(u.resetEpochSeconds(now, s)));
      if (delayMs > 0) {
        // Seconds with up to three decimals, as the service sends it.
        h.put("X-RateLimit-Delay", String.format(java.util.Locale.ROOT, "%.3f", delayMs / 1000.0));
        h.put("Retry-After", Long.toString(Math.max(1, u.secondsUntilBelow(s.tstu(), now, s))));
      }
      return h;
    }
  }

  /** The usage of every identity seen, for the control API. */
  ObjectNode state() {
    Settings s = settings;
    ObjectNode n = s.json();
    n.put("enabled", s.tstu() > 0);
    ArrayNode ids = n.putArray("identities");
    long now = clock.millis();
    for (Usage u : usage.values()) {
      synchronized (u) {
        double used = u.used(now, s);
        ids.addObject()
            .put("id", u.identity.id())
            .put("displayName", u.identity.displayName())
            .put("uniqueName", u.identity.uniqueName())
            .put("used", used)
            .put("remaining", Math.max(0, s.tstu() - used))
            .put("peakUsed", u.peak)
            .put("servedRequests", u.served)
            .put("delayedRequests", u.delayed)
            .put("blockedRequests", u.blocked)
            .put("resetEpochSeconds", u.resetEpochSeconds(now, s));
      }
    }
    return n;
  }

  private Usage usage(Identity who) {
    return usage.computeIfAbsent(who.id(), k -> new Usage(who));
  }

  private static String number(double d) {
    return d == Math.rint(d)
        ? Long.toString((long) d)
        : String.format(java.util.Locale.ROOT, "%.2f", d);
  }

  /** One identity's charges inside the window; guarded by its own monitor. */
  private static final class Usage {
    private final Identity identity;
    private final ArrayDeque<double[]> charges = new ArrayDeque<>();
    private long delayed;
    private long blocked;
    private long served;
    // The most this identity used in any window: usage only grows when a charge lands, so the
    // largest sum seen right after a charge is the largest over every window.
    private double peak;

    Usage(Identity identity) {
      this.identity = identity;
    }

    void add(long at, double tstu, Settings s) {
      charges.addLast(new double[] {at, tstu});
      peak = Math.max(peak, used(at, s));
    }

    double used(long now, Settings s) {
      long from = now - s.windowSeconds() * 1000L;
      while (!charges.isEmpty() && charges.peekFirst()[0] <= from) {
        charges.removeFirst();
      }
      double sum = 0;
      for (double[] c : charges) {
        sum += c[1];
      }
      return sum;
    }

    // When the oldest charges leave the window far enough for usage to fall below the limit.
    long secondsUntilBelow(double limit, long now, Settings s) {
      double sum = used(now, s);
      for (double[] c : charges) {
        if (sum < limit) {
          break;
        }
        sum -= c[1];
        if (sum < limit) {
          long leaves = (long) c[0] + s.windowSeconds() * 1000L;
          return Math.max(1, (leaves - now + 999) / 1000);
        }
      }
      return sum < limit ? 0 : s.windowSeconds();
    }

    long resetEpochSeconds(long now, Settings s) {
      long last =
          charges.isEmpty() ? now : (long) charges.peekLast()[0] + s.windowSeconds() * 1000L;
      return (last + 999) / 1000;
    }
  }
}
