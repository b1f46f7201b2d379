package dev.azdo.client.http;

import java.net.http.HttpClient;
import java.time.Duration;

/** Stops a {@link HttpClient}'s selector thread, which Java 17 gives no method to stop. */
final class HttpClientStopper {
  // The thread ends within milliseconds once interrupted (about 15 ms measured); the wait is capped
  // so that a client busy elsewhere cannot hold up whoever closes it.
  private static final Duration JOIN = Duration.ofSeconds(1);

  private HttpClientStopper() {}

  /**
   * Stops the client's selector thread and waits for it to end; does nothing for null.
   *
   * <p>Left running, the thread sits in a native epoll wait until the client is garbage collected,
   * and the JVM's exit waits up to 0.3 s for threads in native code to return
   * (VM_Exit::wait_for_threads_in_native_to_block): a third of a second on every short command.
   */
  static void stop(HttpClient client) {
    if (client == null) {
      return;
    }
    if (client instanceof AutoCloseable closeable) {
      // Java 21 and later: close() lets exchanges in flight end, then stops the thread.
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing is best effort: the thread still ends when the client is collected.
      }
      return;
    }
    // Java 17: the thread is named "HttpClient-<id>-SelectorManager", the id the one the client's
    // toString() ends with ("...HttpClientImpl@1b6d3586(1)"), and its loop ends when interrupted.
    String name = selectorThreadName(client.toString());
    Thread selector = name == null ? null : thread(name);
    if (selector == null) {
      return;
    }
    selector.interrupt();
    try {
      selector.join(JOIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The selector thread's name for a client's toString(), or null when it has no id. */
  static String selectorThreadName(String client) {
    int open = client.lastIndexOf('(');
    if (open < 0 || !client.endsWith(")")) {
      return null;
    }
    String id = client.substring(open + 1, client.length() - 1);
    if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return "HttpClient-" + id + "-SelectorManager";
  }

  private static Thread thread(String name) {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (name.equals(threads[i].getName())) {
        return threads[i];
      }
    }
    return null;
  }
}
