package dev.azdo.emulator;

import dev.azdo.emulator.classification.ClassificationModule;
import dev.azdo.emulator.core.CoreModule;
import dev.azdo.emulator.http.EmulatorHandler;
import dev.azdo.emulator.ims.ImsModule;
import dev.azdo.emulator.location.LocationModule;
import dev.azdo.emulator.process.ProcessModule;
import dev.azdo.emulator.realism.EmulatorClock;
import dev.azdo.emulator.realism.RealismModule;
import dev.azdo.emulator.realism.ResetAction;
import dev.azdo.emulator.reporting.ReportingModule;
import dev.azdo.emulator.search.SearchModule;
import dev.azdo.emulator.signin.SelfSignedCertificate;
import dev.azdo.emulator.signin.SignInModule;
import dev.azdo.emulator.wiql.WiqlModule;
import dev.azdo.emulator.wit.WitModule;
import dev.azdo.emulator.work.WorkModule;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local Azure DevOps Services emulator: one organization at http://127.0.0.1:PORT/ORG with the
 * service's URLs, JSON, errors and authentication. Start it in-process from tests, or through `azdo
 * emulator`.
 */
public final class Emulator implements AutoCloseable {
  private final EmulatorContext ctx;
  private final List<EmulatorModule> modules;
  private Server server;
  private int port;
  private java.nio.file.Path keyStore;

  private Emulator(EmulatorConfig config, Clock clock) {
    this.ctx = new EmulatorContext(config, new EmulatorClock(clock));
    this.ctx.handler(new EmulatorHandler(ctx));
    this.modules =
        List.of(
            new RealismModule(),
            new LocationModule(),
            new CoreModule(),
            new ProcessModule(),
            new ClassificationModule(),
            new WitModule(),
            new WiqlModule(),
            new ReportingModule(),
            new WorkModule(),
            new ImsModule(),
            new SearchModule(),
            new SignInModule());
    ctx.provide(ResetAction.class, this::reset);
  }

  /** Creates an emulator with the given settings; call {@link #start()} to serve. */
  public static Emulator create(EmulatorConfig config) {
    return new Emulator(config, Clock.systemUTC());
  }

  /** Starts an emulator with default settings on a free port. */
  public static Emulator startDefault() {
    return create(EmulatorConfig.builder().build()).start();
  }

  /** Registers every area, loads or seeds the state, and starts listening on 127.0.0.1. */
  public Emulator start() {
    for (EmulatorModule m : modules) {
      m.register(ctx);
    }
    ctx.store().open(ctx.config().dataDir(), ctx.config().fsync());
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("emulator");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // Microsoft's clients send a multi-level classification node path as one encoded segment
    // (Release%201%2FSprint%204, or %5C when the caller wrote a backslash), which Jetty refuses
    // by default.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "azdo",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    ServerConnector connector;
    if (ctx.config().https()) {
      // A self-signed certificate for 127.0.0.1, localhost and every --host-name, for clients
      // (MSAL4J, Microsoft's MCP server) that insist on https; tests trust it through keyStore()
      // or the PEM beside it.
      keyStore = SelfSignedCertificate.create(ctx.config().dataDir(), ctx.config().hostNames());
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(keyStore.toString());
      tls.setKeyStorePassword(SelfSignedCertificate.PASSWORD);
      tls.setKeyStoreType("PKCS12");
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients send no SNI for an IP address; the certificate covers 127.0.0.1 anyway.
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost("127.0.0.1");
    connector.setPort(ctx.config().port());
    server.addConnector(connector);
    server.setHandler(ctx.handler());
    // No graceful wait on stop: clients' idle keep-alive connections held every stop for the whole
    // timeout, and each acknowledged write is already in the store's journal, so stopping during a
    // request is the crash the store is built to survive.
    server.setStopTimeout(0);
    try {
      server.start();
    } catch (Exception e) {
      ctx.store().close();
      throw new IllegalStateException(
          "cannot listen on 127.0.0.1:" + ctx.config().port() + ": " + e.getMessage(), e);
    }
    port = connector.getLocalPort();
    // Links start with the public URL when one is set, so a client that reached the emulator
    // as https://dev.azure.com follows links back the same way.
    String linkRoot = ctx.config().publicUrl() != null ? ctx.config().publicUrl() : rootUrl();
    String orgUrl = linkRoot + "/" + String.join("/", ctx.collectionPath()) + "/";
    ctx.orgUrl(orgUrl);
    ctx.handler().baseUrl(orgUrl);
    ctx.store().holder("process " + ProcessHandle.current().pid() + " at " + url());
    if (ctx.store().isEmpty()) {
      for (EmulatorModule m : modules) {
        m.seed(ctx);
      }
    }
    return this;
  }

  /** Clears all state and seeds it again, as on a fresh start (the control API's reset). */
  public void reset() {
    ctx.store().clear();
    for (EmulatorModule m : modules) {
      m.seed(ctx);
    }
  }

  /**
   * The organization URL without a trailing slash: http://127.0.0.1:PORT/ORG, or the collection URL
   * http://127.0.0.1:PORT/tfs/DefaultCollection with {@code --server}.
   */
  public String url() {
    return rootUrl() + "/" + String.join("/", ctx.collectionPath());
  }

  /** The organization URL links start with: --public-url's, else {@link #url()}. */
  public String publicUrl() {
    String u = ctx.orgUrl();
    return u.substring(0, u.length() - 1);
  }

  /** Lines naming the public URL and the certificate's PEM file, when either is set. */
  public List<String> describeAccess() {
    List<String> out = new java.util.ArrayList<>();
    if (ctx.config().publicUrl() != null) {
      out.add("Links use " + publicUrl() + " (--public-url)");
    }
    if (keyStore != null) {
      out.add(
          "Certificate (PEM, names localhost, 127.0.0.1"
              + ctx.config().hostNames().stream().map(h -> ", " + h).reduce("", String::concat)
              + "): "
              + certificatePem()
              + " (for Node: NODE_EXTRA_CA_CERTS)");
    }
    return out;
  }

  /** The https certificate as PEM (for NODE_EXTRA_CA_CERTS and the like), or null over http. */
  public java.nio.file.Path certificatePem() {
    return keyStore == null ? null : SelfSignedCertificate.pemOf(keyStore);
  }

  /** The server's root URL (no organization): http://127.0.0.1:PORT. */
  public String rootUrl() {
    return (ctx.config().https() ? "https" : "http") + "://127.0.0.1:" + port;
  }

  /**
   * The PKCS12 key store holding the self-signed certificate when serving https (password {@link
   * SelfSignedCertificate#PASSWORD}), else null; clients load it as their trust store.
   */
  public java.nio.file.Path keyStore() {
    return keyStore;
  }

  /** Returns the port it listens on. */
  public int port() {
    return port;
  }

  /** Returns the config. */
  public EmulatorConfig config() {
    return ctx.config();
  }

  /** The shared context, for tests that look at the state directly. */
  public EmulatorContext context() {
    return ctx;
  }

  /** Stops serving and writes the state (when persisted) to disk. */
  @Override
  public void close() {
    try {
      if (server != null) {
        server.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the emulator", e);
    } finally {
      ctx.store().close();
    }
  }
}
