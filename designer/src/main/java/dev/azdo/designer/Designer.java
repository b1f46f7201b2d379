package dev.azdo.designer;

import dev.azdo.client.ProfileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code azdo designer}: a page on 127.0.0.1 to connect, pick a source and an endpoint, map
 * columns, preview the requests, run the import and save the job file. Every request must carry
 * this start's token and name this server in Host and Origin ({@link RequestGuard}); the assets
 * come from the jar.
 *
 * <pre>
 * try (Designer d = Designer.builder().port(0).workspace(dir).build().start()) {
 *   System.out.println("Designer at " + d.url());
 *   d.join();
 * }
 * </pre>
 */
public final class Designer implements AutoCloseable {
  private static final String ASSETS = "/dev/azdo/designer/web/";
  private static final Map<String, String> PAGES =
      Map.of(
          "/", "index.html",
          "/index.html", "index.html",
          "/app.js", "app.js",
          "/steps.js", "steps.js",
          "/app.css", "app.css");

  private final int requestedPort;
  private final RequestGuard guard = RequestGuard.withRandomToken();
  private final Workspace workspace;
  private final ConnectionApi connections;
  private final JobApi jobs;
  private final RunApi runs;
  private final SignInApi signIn;
  private Server server;
  private int port;

  private Designer(Builder b) {
    this.requestedPort = b.port;
    this.workspace = new Workspace(b.workspace, b.profiles, b.env, b.emulator, b.signInDefaults);
    this.connections = new ConnectionApi(workspace, () -> callbackUri());
    this.signIn = new SignInApi(workspace, connections, this::callbackUri);
    this.jobs = new JobApi(workspace);
    this.runs = new RunApi(workspace, jobs);
  }

  /** Returns a builder: a free port unless set, the working directory as workspace. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening on 127.0.0.1 only. */
  public Designer start() {
    QueuedThreadPool threads = new QueuedThreadPool(32, 4);
    threads.setName("designer");
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(requestedPort);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            serve(request, response, callback);
            return true;
          }
        });
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot listen on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
    }
    port = connector.getLocalPort();
    guard.port(port);
    return this;
  }

  /** Returns the folder uploads, job files, journals and rejects go to. */
  public Path workspace() {
    return workspace.dir();
  }

  /** Returns the port the page is served on. */
  public int port() {
    return port;
  }

  /** Returns where the OAuth sign-in comes back to: http://127.0.0.1:PORT/callback. */
  public String callbackUri() {
    return "http://127.0.0.1:" + port + SignInApi.CALLBACK;
  }

  /** Returns the address to open, with this start's token: http://127.0.0.1:PORT/?token=... */
  public String url() {
    return "http://127.0.0.1:" + port + "/?token=" + guard.token();
  }

  /**
   * Prints {@code Designer at URL} and opens a browser when there is a desktop and it is wanted.
   */
  public void announce(PrintWriter out, boolean openBrowser) {
    out.println("Designer at " + url());
    out.println("Press Ctrl+C to stop.");
    out.flush();
    if (openBrowser) {
      Browser.open(url());
    }
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    runs.close();
    workspace.close();
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        // Stopping anyway; nothing is left to release.
      }
    }
  }

  private void serve(Request request, Response response, Callback callback) {
    Map<String, String> query = query(request.getHttpURI().getQuery());
    String cookieName = RequestGuard.COOKIE + "_" + port;
    String presented = query.get("token");
    if (presented == null) {
      presented = request.getHeaders().get(RequestGuard.HEADER);
    }
    if (presented == null) {
      for (HttpCookie c : Request.getCookies(request)) {
        if (c.getName().equals(cookieName)) {
          presented = c.getValue();
        }
      }
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    Exchange.Answer answer;
    if (request.getHttpURI().getPath().equals(SignInApi.CALLBACK)) {
      // The service's sign-in page sends the browser here without the token; the single-use state
      // is checked instead, and no cookie is set on this answer.
      String refusal = guard.siteRefusal(host, origin);
      answer =
          refusal != null
              ? Exchange.Answer.error(403, refusal)
              : signIn.callback(request.getMethod(), query);
      finish(response, answer, callback);
      return;
    }
    String refusal = guard.refusal(host, origin, presented);
    if (refusal != null) {
      answer = Exchange.Answer.error(403, refusal);
    } else {
      String path = request.getHttpURI().getPath();
      try {
        answer = route(request, path, query);
      } catch (Exchange.BadRequest e) {
        answer = Exchange.Answer.error(400, e.getMessage());
      } catch (RuntimeException | IOException e) {
        answer = Exchange.Answer.error(500, Messages.of(e));
      }
      if (query.containsKey("token")) {
        // The first load: later requests carry the token in a cookie only this page sends.
        response
            .getHeaders()
            .add(
                HttpHeader.SET_COOKIE,
                cookieName + "=" + guard.token() + "; Path=/; HttpOnly; SameSite=Strict");
      }
    }
    finish(response, answer, callback);
  }

  private static void finish(Response response, Exchange.Answer answer, Callback callback) {
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("X-Frame-Options", "DENY");
    // The sign-in redirect carries a code in its address: it must not leave in a Referer.
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response
        .getHeaders()
        .put(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }

  private Exchange.Answer route(Request request, String path, Map<String, String> query)
      throws IOException {
    String page = PAGES.get(path);
    if (page != null && request.getMethod().equals("GET")) {
      return asset(page);
    }
    if (!path.startsWith("/api/")) {
      return Exchange.Answer.error(404, "no such page: " + path);
    }
    byte[] body = Content.Source.asInputStream(request).readAllBytes();
    Exchange ex = new Exchange(request.getMethod(), path.substring(5), query, body);
    for (Api api : List.<Api>of(connections, signIn, jobs, runs)) {
      Exchange.Answer a = api.handle(ex);
      if (a != null) {
        return a;
      }
    }
    return Exchange.Answer.error(404, "no such API: " + ex.method() + " " + path);
  }

  private static Exchange.Answer asset(String name) throws IOException {
    try (InputStream in = Designer.class.getResourceAsStream(ASSETS + name)) {
      Objects.requireNonNull(in, name);
      String type =
          name.endsWith(".html")
              ? "text/html; charset=utf-8"
              : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
      return new Exchange.Answer(200, type, in.readAllBytes(), Map.of());
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  /** One part of the JSON API: answers the requests it knows, null for the others. */
  interface Api {
    Exchange.Answer handle(Exchange ex) throws IOException;
  }

  /** Collects the designer's settings. */
  public static final class Builder {
    private int port;
    private Path workspace = Path.of("").toAbsolutePath();
    private ProfileStore profiles;
    private Map<String, String> env = System.getenv();
    private EmulatorLauncher emulator;
    private Function<Map<String, String>, Map<String, String>> signInDefaults = merged -> Map.of();

    private Builder() {}

    /** Sets the port; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets the folder uploads, job files, journals and rejects go to (default: the cwd). */
    public Builder workspace(Path dir) {
      this.workspace = dir.toAbsolutePath();
      return this;
    }

    /** Sets the profile store secrets typed into the page go to (default: the user's). */
    public Builder profiles(ProfileStore profiles) {
      this.profiles = profiles;
      return this;
    }

    /** Sets the environment env:NAME references resolve in. */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** Sets how "use the built-in emulator" starts one; without it the button is hidden. */
    public Builder emulator(EmulatorLauncher launcher) {
      this.emulator = launcher;
      return this;
    }

    /**
     * Sets the sign-in settings a connection gets when it names none, as the CLI's flags get them
     * (the emulator's built-in OAuth app for a loopback organization URL); given the merged
     * settings, returns those to fill in.
     */
    public Builder signInDefaults(Function<Map<String, String>, Map<String, String>> defaults) {
      this.signInDefaults = Objects.requireNonNull(defaults);
      return this;
    }

    /** Returns the designer; call {@link Designer#start()}. */
    public Designer build() {
      if (profiles == null) {
        profiles = ProfileStore.atDefaultLocation(env);
      }
      return new Designer(this);
    }
  }
}
