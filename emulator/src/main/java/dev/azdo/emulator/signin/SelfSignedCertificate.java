package dev.azdo.emulator.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The emulator's https certificate: a self-signed one for 127.0.0.1, localhost and any --host-name,
 * made with the JDK's keytool (no extra library), kept in the data directory so it survives
 * restarts, and written as PEM beside it for clients to trust.
 */
public final class SelfSignedCertificate {
  /** The password of the PKCS12 key store (a local test certificate: no secret worth keeping). */
  public static final String PASSWORD = "emulator";

  private SelfSignedCertificate() {}

  /** Returns the key store under dataDir/tls (made once), or a fresh one in a temp directory. */
  public static Path create(Path dataDir) {
    return create(dataDir, List.of());
  }

  /**
   * Returns the key store under dataDir/tls (or a temp directory) for localhost, 127.0.0.1 and the
   * given host names, made again when the names changed, with its certificate also written as PEM
   * beside it ({@link #pemOf}).
   */
  public static Path create(Path dataDir, List<String> hostNames) {
    try {
      Path dir =
          dataDir != null ? dataDir.resolve("tls") : Files.createTempDirectory("azdo-emulator-tls");
      Files.createDirectories(dir);
      Path store = dir.resolve("emulator.p12");
      StringBuilder san = new StringBuilder("dns:localhost,ip:127.0.0.1");
      for (String h : hostNames) {
        san.append(",dns:").append(h);
      }
      Path names = dir.resolve("emulator.san");
      if (Files.exists(store)
          && Files.exists(names)
          && Files.readString(names).equals(san.toString())) {
        writePem(store);
        return store;
      }
      Files.deleteIfExists(store);
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "emulator",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-validity",
                  "3650",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "SAN=" + san,
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  PASSWORD,
                  "-keypass",
                  PASSWORD)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("keytool.log").toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "keytool could not make the emulator's certificate; see " + dir.resolve("keytool.log"));
      }
      Files.writeString(names, san.toString());
      writePem(store);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the emulator's https certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The PEM file of a key store's certificate, beside it: emulator.pem. */
  public static Path pemOf(Path keyStore) {
    return keyStore.resolveSibling("emulator.pem");
  }

  private static void writePem(Path keyStore) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      Certificate cert = ks.getCertificate("emulator");
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(cert.getEncoded());
      Files.writeString(
          pemOf(keyStore),
          "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n",
          StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the emulator's certificate", e);
    }
  }

  /** An SSL context that trusts exactly the certificate in this key store (for test clients). */
  public static SSLContext trusting(Path keyStore) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the emulator's certificate", e);
    }
  }
}
