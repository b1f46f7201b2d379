package dev.azdo.emulator;

import dev.azdo.emulator.http.EmulatorHandler;
import dev.azdo.emulator.http.Router;
import dev.azdo.emulator.model.Directory;
import dev.azdo.emulator.store.Store;
import java.time.Clock;
import java.util.UUID;

/** What every area module shares: settings, routes, state, users and the clock. */
public final class EmulatorContext {
  private final EmulatorConfig config;
  private final Router router = new Router();
  private final Store store = new Store();
  private final Directory directory = new Directory();
  private final Clock clock;
  private final String instanceId;
  private final java.util.Map<Class<?>, Object> services =
      new java.util.concurrent.ConcurrentHashMap<>();
  private EmulatorHandler handler;
  private volatile String orgUrl;

  EmulatorContext(EmulatorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.instanceId =
        UUID.nameUUIDFromBytes(
                ("org:" + config.org()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
  }

  /** Returns the config. */
  public EmulatorConfig config() {
    return config;
  }

  /** Returns the router. */
  public Router router() {
    return router;
  }

  /** Returns the store. */
  public Store store() {
    return store;
  }

  /** Returns the directory. */
  public Directory directory() {
    return directory;
  }

  /** Returns the clock. */
  public Clock clock() {
    return clock;
  }

  /** Offers a service (a project lookup, the process catalog, ...) to other modules. */
  public <T> void provide(Class<T> type, T service) {
    services.put(type, service);
  }

  /** Finds a service another module provides; call it while serving, not while registering. */
  public <T> T require(Class<T> type) {
    Object s = services.get(type);
    if (s == null) {
      throw new IllegalStateException("no module provides " + type.getSimpleName());
    }
    return type.cast(s);
  }

  /** The request handler, to add authenticators and paths outside the organization. */
  public EmulatorHandler handler() {
    return handler;
  }

  void handler(EmulatorHandler h) {
    this.handler = h;
  }

  /** The organization URL with a trailing slash, e.g. http://127.0.0.1:PORT/demo/. */
  public String orgUrl() {
    return orgUrl;
  }

  void orgUrl(String url) {
    this.orgUrl = url;
  }

  /** The product this emulator plays: Services or an Azure DevOps Server release. */
  public ServerRelease release() {
    return config.server();
  }

  /** The path segments of the organization or collection: [org] or [tfs, DefaultCollection]. */
  public java.util.List<String> collectionPath() {
    return config.server().collectionPath(config.org());
  }

  /**
   * How many leading segments of a request path name the organization or collection, or -1 when the
   * path is outside it.
   */
  public int collectionDepth(java.util.List<String> segments) {
    java.util.List<String> prefix = collectionPath();
    if (segments.size() < prefix.size()) {
      return -1;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (!prefix.get(i).equalsIgnoreCase(segments.get(i))) {
        return -1;
      }
    }
    return prefix.size();
  }

  /** The organization's (collection's) id, stable for an org name. */
  public String instanceId() {
    return instanceId;
  }
}
