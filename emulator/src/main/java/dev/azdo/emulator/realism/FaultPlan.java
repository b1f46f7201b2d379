package dev.azdo.emulator.realism;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, reproducibly from a seed, which API requests fail: the n-th request's fate depends only
 * on the seed and n, so the same seed gives the same faults for the same request sequence.
 */
final class FaultPlan {
  /** What happens to one request. */
  enum Fault {
    NONE("none"),
    INTERNAL_ERROR("internalError"),
    UNAVAILABLE("serviceUnavailable"),
    RESET("connectionReset"),
    LOST_RESPONSE("lostResponse");

    final String label;

    Fault(String label) {
      this.label = label;
    }
  }

  /** The fault settings: share of failing requests, seed, share of those that lose the answer. */
  record Settings(double rate, long seed, double lostResponseShare) {
    ObjectNode json() {
      return Json.object()
          .put("rate", rate)
          .put("seed", seed)
          .put("lostResponseShare", lostResponseShare);
    }
  }

  private final AtomicLong sequence = new AtomicLong();
  private volatile Settings settings;

  FaultPlan(Settings settings) {
    this.settings = settings;
  }

  Settings settings() {
    return settings;
  }

  /** Replaces the settings and starts the sequence again. */
  synchronized void settings(Settings s) {
    this.settings = s;
    sequence.set(0);
  }

  /** Starts the request sequence again (the control API's reset). */
  void restart() {
    sequence.set(0);
  }

  long requestsSeen() {
    return sequence.get();
  }

  /** The fate of the next request. */
  Fault next() {
    Settings s = settings;
    long n = sequence.getAndIncrement();
    if (s.rate() <= 0) {
      return Fault.NONE;
    }
    // A generator per request index, so concurrency does not shift later requests' fates.
    SplittableRandom r = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + n);
    if (r.nextDouble() >= s.rate()) {
      return Fault.NONE;
    }
    if (r.nextDouble() < s.lostResponseShare()) {
      return Fault.LOST_RESPONSE;
    }
    return switch (r.nextInt(3)) {
      case 0 -> Fault.INTERNAL_ERROR;
      case 1 -> Fault.UNAVAILABLE;
      default -> Fault.RESET;
    };
  }
}
