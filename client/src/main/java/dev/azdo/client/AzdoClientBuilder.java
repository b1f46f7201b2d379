package dev.azdo.client;

import dev.azdo.client.auth.Credentials;
import dev.azdo.client.http.Interceptor;
import dev.azdo.client.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Configures an {@link AzdoClient}. */
public final class AzdoClientBuilder {
  final ConnectionSettings settings;
  Credentials credentials;
  Clock clock = Clock.systemUTC();
  Sleeper sleeper = Sleeper.SYSTEM;
  DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  Duration operationPollInterval = Duration.ofSeconds(1);
  Interceptor transport;
  javax.net.ssl.SSLContext sslContext;
  final List<Interceptor> applicationInterceptors = new ArrayList<>();
  final List<Interceptor> networkInterceptors = new ArrayList<>();

  AzdoClientBuilder(ConnectionSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Uses these credentials instead of the ones the settings describe. */
  public AzdoClientBuilder credentials(Credentials credentials) {
    this.credentials = credentials;
    return this;
  }

  /** Uses this clock for Retry-After dates, pacing and timing (default: system UTC). */
  public AzdoClientBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Uses this sleeper for backoff, pacing and polling (default: Thread.sleep). */
  public AzdoClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return this;
  }

  /** Uses this source of [0,1) numbers for retry jitter. */
  public AzdoClientBuilder random(DoubleSupplier random) {
    this.random = random;
    return this;
  }

  /** Sets how often long-running operations are polled (default 1 s). */
  public AzdoClientBuilder operationPollInterval(Duration interval) {
    this.operationPollInterval = interval;
    return this;
  }

  /** Adds an interceptor that sees each call once, before retries. */
  public AzdoClientBuilder addInterceptor(Interceptor interceptor) {
    applicationInterceptors.add(interceptor);
    return this;
  }

  /** Adds an interceptor that sees each network attempt, just before the transport. */
  public AzdoClientBuilder addNetworkInterceptor(Interceptor interceptor) {
    networkInterceptors.add(interceptor);
    return this;
  }

  /** Trusts the certificates of this TLS context instead of the JVM's (a private CA). */
  public AzdoClientBuilder sslContext(javax.net.ssl.SSLContext sslContext) {
    this.sslContext = sslContext;
    return this;
  }

  /** Replaces the java.net.http transport (the last interceptor). */
  public AzdoClientBuilder transport(Interceptor transport) {
    this.transport = transport;
    return this;
  }

  /** Builds the client. */
  public AzdoClient build() {
    return new AzdoClient(this);
  }
}
