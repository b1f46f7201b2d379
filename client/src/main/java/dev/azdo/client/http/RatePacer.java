package dev.azdo.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one identity's use of the Azure DevOps rate budget (TSTUs in a sliding window) under a
 * share of it: learns the budget and the window from X-RateLimit-Limit, -Remaining and -Reset,
 * spends what the window holds, then sends only as fast as the window refills; honours Retry-After
 * and X-RateLimit-Delay, and takes a 429 as a reason to stay slower for the rest of the run.
 * Thread-safe; one per client, so per identity.
 */
public final class RatePacer implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RatePacer.class);
  // The documented global limit is 200 TSTUs in a sliding five-minute window; until the service
  // tells its own window through X-RateLimit-Reset, spends are remembered that long.
  private static final long DOCUMENTED_WINDOW_MS = 300_000;
  // Reset comes in whole seconds: no window is taken to be shorter than one.
  private static final long SHORTEST_WINDOW_MS = 1000;
  // A wait is taken in steps of at most this, so what is learned meanwhile (a shorter window, a
  // call answered) shortens it.
  private static final long LONGEST_SLEEP_MS = 1000;
  // Aim a little under the share: cost estimates and the service's clock are not exact. The window
  // learned from Reset is already a call's duration longer than the service's, so 3% is enough
  // (at 5% a 4,000-row run reached only 0.90 of the budget's rate, 0.93 at 3%, 0 held back).
  private static final double HEADROOM = 0.97;
  // Until the service has told its budget, the first call is small and goes alone, so a run that
  // keeps to part of its budget learns the budget before it has spent that part. Once this many
  // operations went through without a header the service is taken as not limiting the identity:
  // it sends the headers from a small share of the budget on (the emulator from 5%), so 40
  // unmetered operations mean a budget of at least 800, which four calls of 200 cannot overdraw.
  // One call of 40 proves that as well as two of 20 did, a round trip sooner.
  private static final int PROBE_OPERATIONS = 40;
  // The documented budget, 200 TSTUs: a probe spends at most this part of the run's share of it
  // (40 at a share of 0.5 or more, 20 at 0.25), so the headers come before the share is spent.
  private static final double DOCUMENTED_BUDGET = 200;
  private static final double PROBE_PART_OF_SHARE = 0.4;
  // A call costs at most an eighth of the budget: the window refills in small steps, and a call
  // that no longer fits wastes little of it.
  private static final double LARGEST_CALL_SHARE = 0.125;
  // A 429 means the estimate was wrong: keep a smaller budget for the rest of the run.
  private static final double BLOCKED_SLOWDOWN = 0.7;
  // A held (delayed) answer is a milder sign of the same.
  private static final double DELAYED_SLOWDOWN = 0.9;
  private static final double LEAST_CAUTION = 0.3;

  private final double share;
  private final Clock clock;
  private final Sleeper sleeper;
  // Guarded by this: the operations sent in the current window; in flight until answered.
  private final List<Spend> spends = new ArrayList<>();
  // Guarded by this: spends pruned in the last window, which may have left the service's window
  // later than the latest reading of a call still in it.
  private final List<Spend> left = new ArrayList<>();
  private double limit = -1;
  private long windowMs = DOCUMENTED_WINDOW_MS;
  // The window is surely at least this long (Reset is rounded to a second): a reading counts only
  // the calls sent within it, which the service's window surely still holds. -1 until Reset told.
  private long surelyInWindowMs = -1;
  private double tstuPerOperation = 1;
  private double caution = 1;
  private long notBefore = Long.MIN_VALUE;
  // Once the window has been filled, calls are spaced at the refill rate instead of going out in
  // a burst each time old spends leave it: steady usage keeps the cost estimate true.
  private boolean filled;
  private long nextCallAt = Long.MIN_VALUE;
  // Operations answered without any X-RateLimit header while the budget was unknown.
  private long unmeteredOperations;
  // When the latest hold ended: the run counts as paced for a window after it.
  private long lastHeldAt = Long.MIN_VALUE;
  private long blocked;
  // Whether a reading has covered writes yet: one taken over reads alone says too little of what
  // a write costs, so until then writes go as the probe, small and alone.
  private boolean writesMeasured;

  /** What the pacer knows and does, for progress displays. */
  public record Pace(
      boolean paced, double tstuPerSecond, double limitTstu, double windowSeconds, long blocked) {}

  private static final class Spend {
    final int operations;
    // A write: the service charges it for its work item operations, a read only for the call.
    final boolean write;
    final long sentAt;
    long answeredAt = Long.MAX_VALUE;
    // The usage its answer told (Limit less Remaining), NaN when it told none.
    double usage = Double.NaN;

    Spend(int operations, boolean write, long sentAt) {
      this.operations = operations;
      this.write = write;
      this.sentAt = sentAt;
    }
  }

  /**
   * Creates a pacer.
   *
   * @param share the part of the budget this client may use, 0 &lt; share &le; 1
   */
  public RatePacer(double share, Clock clock, Sleeper sleeper) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("rate share must be above 0 and at most 1, was " + share);
    }
    this.share = share;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean write = isWrite(request.method());
    Spend spend = admit(Math.max(1, request.operations()), write, request);
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      // The service may have done the work: the spend stays in the window.
      settle(spend, null);
      throw e;
    }
    settle(spend, response);
    return response;
  }

  /** Most work item operations one call may carry now, between 1 and max. */
  public synchronized int operationsPerCall(int max) {
    if (limit < 0) {
      // No budget told: probe small; once probes went through without headers, the service is
      // not limiting this identity.
      return unlimited() ? max : Math.min(max, probeOperations());
    }
    int most = writesMeasured ? max : Math.min(max, probeOperations());
    // Calls sized so that a whole number of them fill the budget: calls of max in a budget of 9.7
    // of them would leave 0.7 of a call unspent in every window (0.89 of the rate at 2,000 / 20 s).
    double budgetOps = budget() / tstuPerOperation;
    double calls = Math.max(1 / LARGEST_CALL_SHARE, Math.ceil(budgetOps / most));
    return (int) Math.max(1, Math.min(most, Math.floor(budgetOps / calls)));
  }

  /** How many calls of the allowed size may be in flight now, between 1 and max. */
  public synchronized int callsAtOnce(int max) {
    if (limit < 0) {
      return unlimited() ? max : 1;
    }
    if (!writesMeasured) {
      return 1;
    }
    long now = clock.millis();
    prune(now);
    double call = operationsPerCall(Integer.MAX_VALUE) * tstuPerOperation;
    double left = budget() - used();
    return (int) Math.max(1, Math.min(max, Math.floor(left / Math.max(1e-9, call))));
  }

  /** What the pacer knows now: whether it held requests back in the last window, and its pace. */
  public synchronized Pace pace() {
    long now = clock.millis();
    boolean paced = limit > 0 && lastHeldAt != Long.MIN_VALUE && now - lastHeldAt <= windowMs;
    double seconds = windowMs / 1000.0;
    return new Pace(paced, limit > 0 ? budget() / seconds : 0, limit, seconds, blocked);
  }

  private Spend admit(int operations, boolean write, Request request)
      throws InterruptedIOException {
    while (true) {
      long wait;
      synchronized (this) {
        long now = clock.millis();
        // A Retry-After is waited out whole; a wait for the budget in steps, re-checked.
        wait = notBefore == Long.MIN_VALUE ? 0 : Math.max(0, notBefore - now);
        if (wait == 0) {
          wait = Math.min(budgetWait(operations, now), LONGEST_SLEEP_MS);
          if (wait > 0) {
            lastHeldAt = Math.max(lastHeldAt, now + wait);
          }
        }
        if (wait == 0) {
          Spend s = new Spend(operations, write, now);
          spends.add(s);
          if (filled) {
            long slot = (long) (operations * tstuPerOperation * windowMs / budget());
            // A call later than its slot (a slow answer before it, a busy machine) lets the next
            // one go early by up to a slot, so lateness is not lost: the rate over the run stays
            // the window's, and the budget check above still holds each call to what it holds.
            long from = nextCallAt == Long.MIN_VALUE ? now : Math.max(nextCallAt, now - slot);
            nextCallAt = from + slot;
          }
          return s;
        }
      }
      LOG.debug("pacing {} for {} ms", request, wait);
      try {
        sleeper.sleep(Duration.ofMillis(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing " + request);
      }
    }
  }

  // Milliseconds until a call of these operations fits the budget, 0 when it fits now.
  private long budgetWait(int operations, long now) {
    if (limit < 0) {
      return 0;
    }
    prune(now);
    if (filled && now < nextCallAt) {
      return nextCallAt - now;
    }
    double cost = operations * tstuPerOperation;
    double over = used() + cost - budget();
    if (over <= 0 || spends.isEmpty()) {
      return 0;
    }
    filled = true;
    // The window refills as the oldest answered spends leave it.
    List<Spend> done = new ArrayList<>();
    for (Spend s : spends) {
      if (s.answeredAt != Long.MAX_VALUE) {
        done.add(s);
      }
    }
    done.sort(Comparator.comparingLong(s -> s.answeredAt));
    for (Spend s : done) {
      over -= s.operations * tstuPerOperation;
      if (over <= 0) {
        return Math.max(1, s.answeredAt + windowMs - now);
      }
    }
    // Calls in flight hold the rest: look again shortly after one is answered.
    return Math.max(10, windowMs / 50);
  }

  private synchronized void settle(Spend spend, Response response) {
    long now = clock.millis();
    if (response == null) {
      spend.answeredAt = now;
      return;
    }
    if (response.status() == 429) {
      // A blocked request is not charged, but the estimate that let it through was too high.
      spends.remove(spend);
      blocked++;
      caution = Math.max(LEAST_CAUTION, caution * BLOCKED_SLOWDOWN);
    } else {
      spend.answeredAt = now;
    }
    Duration delay = seconds(response.header("X-RateLimit-Delay"));
    if (delay != null) {
      caution = Math.max(LEAST_CAUTION, caution * DELAYED_SLOWDOWN);
    }
    learn(response, spend, now, delay != null);
    Duration retryAfter = RetryAfter.demanded(response, clock);
    Duration hold = retryAfter == null ? delay : retryAfter;
    if (delay != null && hold.compareTo(delay) < 0) {
      hold = delay;
    }
    if (hold != null && !hold.isZero()) {
      notBefore = Math.max(notBefore, now + hold.toMillis());
    }
  }

  // Budget from Limit, window from Reset, cost per operation from the usage Remaining reveals.
  private void learn(Response response, Spend spend, long now, boolean delayed) {
    Double lim = number(response.header("X-RateLimit-Limit"));
    if (lim == null || lim <= 0) {
      if (limit < 0 && response.status() < 300) {
        unmeteredOperations += spend.operations;
      }
      return;
    }
    if (limit < 0) {
      LOG.debug("rate budget {} TSTUs", lim);
    }
    limit = lim;
    Double reset = number(response.header("X-RateLimit-Reset"));
    if (reset != null) {
      // Reset is when usage would be back to 0: the last charge plus the window, rounded up to a
      // second. The charge came after this call was sent, so Reset less the sending time is never
      // shorter than the window (the answer's arrival can be, on a busy machine); the smallest
      // seen is the closest.
      long w = (long) (reset * 1000) - spend.sentAt;
      if (w > 0 && w < windowMs) {
        windowMs = Math.max(SHORTEST_WINDOW_MS, w);
      }
      // The usage returns to 0 a window after the last charge, which came before this answer.
      long least = (long) (reset * 1000) - SHORTEST_WINDOW_MS - now;
      surelyInWindowMs = Math.max(surelyInWindowMs, least);
    }
    Double remaining = number(response.header("X-RateLimit-Remaining"));
    if (remaining == null || remaining <= 0 || delayed) {
      return;
    }
    prune(now);
    long ops = 0;
    long writeOps = 0;
    long sure = surelyInWindowMs < 0 ? windowMs : Math.min(windowMs, surelyInWindowMs);
    double used = lim - remaining;
    // Only spends surely inside the reading count: this one, and those answered before it was
    // sent (so charged before the reading) and sent less than a window ago (so charged after the
    // window's start). Counting one the reading may not hold (an older one that has left the
    // window, a call answered meanwhile on a busy machine) would make operations look cheaper.
    for (Spend s : spends) {
      boolean inReading =
          s == spend
              || (s.answeredAt <= spend.sentAt && s.sentAt > now - sure)
              || chargedBefore(s, spend, used, now, sure);
      if (inReading) {
        ops += s.operations;
        writeOps += s.write ? s.operations : 0;
      }
    }
    // All the identity's usage counts against this client, the user's own clicks included.
    // Each reading is taken over the window as now known, so the latest one replaces the rest.
    // Reads cost less than a work item write (the emulator, like the service, charges a write
    // for the call and for the item): with reads still in the window, the usage is put on the
    // writes alone, so the cost of the writes being sized is never underestimated.
    long over = writeOps > 0 ? writeOps : ops;
    if (over > 0) {
      tstuPerOperation = Math.max(1e-3, used / over);
    }
    spend.usage = used;
    writesMeasured |= writeOps > 0;
  }

  // Whether a call answered with a lower usage than this reading was charged before it, even one
  // in flight with it: usage only grows but for charges leaving the window, so a usage lower by
  // more than all the charges of this run that could have left meanwhile was read earlier.
  // Without this, calls sent together read as costing several times what they do and the run
  // waits out a whole window. (Usage of the identity's from before the run may leave too: a
  // user's clicks, small against the calls this tells apart.)
  private boolean chargedBefore(Spend s, Spend reading, double used, long now, long sure) {
    if (!(s.usage < used) || s.sentAt <= now - windowMs) {
      return false;
    }
    long from = Math.min(s.sentAt, reading.sentAt);
    double couldLeave = 0;
    for (List<Spend> list : List.of(spends, left)) {
      for (Spend x : list) {
        // A charge leaves a window after it: not before the call was sent a surely-long window
        // ago, nor after it was answered a learned (long) window ago.
        boolean mayHaveLeft =
            x.sentAt + sure <= now
                && (x.answeredAt == Long.MAX_VALUE || x.answeredAt + windowMs >= from);
        if (mayHaveLeft) {
          couldLeave += x.operations * tstuPerOperation;
        }
      }
    }
    return used - s.usage > couldLeave;
  }

  // Only the methods that change something are writes: OPTIONS (api-version negotiation) and
  // HEAD cost the service no more than a GET, and counting one as a write would let a reading
  // over reads alone size the writes and unlock their concurrency.
  static boolean isWrite(String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> false;
    };
  }

  private boolean unlimited() {
    return unmeteredOperations >= PROBE_OPERATIONS;
  }

  private int probeOperations() {
    return (int)
        Math.max(
            1,
            Math.min(
                PROBE_OPERATIONS, Math.floor(DOCUMENTED_BUDGET * share * PROBE_PART_OF_SHARE)));
  }

  private double budget() {
    return HEADROOM * caution * share * limit;
  }

  private double used() {
    long ops = 0;
    for (Spend s : spends) {
      ops += s.operations;
    }
    return ops * tstuPerOperation;
  }

  private void prune(long now) {
    for (var it = spends.iterator(); it.hasNext(); ) {
      Spend s = it.next();
      if (s.answeredAt != Long.MAX_VALUE && s.answeredAt + windowMs <= now) {
        it.remove();
        left.add(s);
      }
    }
    left.removeIf(s -> s.answeredAt + windowMs < now - windowMs);
  }

  private static Duration seconds(String v) {
    Double d = number(v);
    return d == null || d <= 0 ? null : Duration.ofMillis((long) (d * 1000));
  }

  // A header's number as RetryAfter reads it, kept only when finite.
  private static Double number(String v) {
    Double d = RetryAfter.number(v);
    return d != null && Double.isFinite(d) ? d : null;
  }
}
