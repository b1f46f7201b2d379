package dev.azdo.client.http;

import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of the http:// client: one that cannot make a TLS connection and costs nothing.
 *
 * <p>java.net.http sets up the JVM's default context for a client given none, and even {@code
 * SSLContext.getInstance("TLS")} initializes JSSE's cipher suites, named groups and EC providers
 * when its class loads: about 45 ms of an import's first request against an http:// server (the
 * emulator), which never needs any of it. https:// goes to the other client.
 */
final class PlainOnlyContext extends SSLContext {
  private static final String NO_TLS =
      "the http:// client has no TLS; https:// uses another client";

  PlainOnlyContext() {
    super(new Refusing(), new Provider("azdo-plain-http", "1", "no TLS: http:// only") {}, "none");
  }

  private static final class Refusing extends SSLContextSpi {
    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw new UnsupportedOperationException(NO_TLS);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw new UnsupportedOperationException(NO_TLS);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw new UnsupportedOperationException(NO_TLS);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw new UnsupportedOperationException(NO_TLS);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw new UnsupportedOperationException(NO_TLS);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw new UnsupportedOperationException(NO_TLS);
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw new UnsupportedOperationException(NO_TLS);
    }
  }
}
