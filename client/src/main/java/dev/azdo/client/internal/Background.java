package dev.azdo.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/** Reads that run beside the caller's own, each on a daemon thread, and their results. */
public final class Background {
  private Background() {}

  /**
   * An executor that runs each task on a new daemon thread of this name: the common pool has one
   * thread on two cores, and these tasks wait on I/O.
   */
  public static Executor thread(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.start();
    };
  }

  /** Waits for a result, rethrowing the task's own unchecked exception rather than a wrapper. */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
