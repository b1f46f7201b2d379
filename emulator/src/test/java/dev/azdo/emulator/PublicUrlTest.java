package dev.azdo.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.signin.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --host-name and --public-url: the certificate names the hosts (a client checking the name
 * dev.azure.com accepts it), the PEM is written beside the data, and links use the public URL.
 */
class PublicUrlTest {
  @TempDir Path data;

  @Test
  void theCertificateNamesEveryHostAndLinksUseThePublicUrl() throws Exception {
    EmulatorConfig config =
        EmulatorMain.parse(
            new String[] {
              "--port",
              "0",
              "--https",
              "--data",
              data.toString(),
              "--host-name",
              "dev.azure.com",
              "--host-name",
              "vssps.dev.azure.com",
              "--public-url",
              "https://dev.azure.com/"
            });
    try (Emulator e = Emulator.create(config).start()) {
      assertThat(e.url()).isEqualTo("https://127.0.0.1:" + e.port() + "/demo");
      assertThat(e.publicUrl()).isEqualTo("https://dev.azure.com/demo");
      Path pem = e.certificatePem();
      assertThat(pem).isEqualTo(data.resolve("tls/emulator.pem"));
      assertThat(sans(pem))
          .contains("localhost", "127.0.0.1", "dev.azure.com", "vssps.dev.azure.com");
      assertThat(e.describeAccess())
          .anyMatch(l -> l.contains("https://dev.azure.com/demo"))
          .anyMatch(l -> l.contains(pem.toString()));

      // A client that checks the name dev.azure.com, connected to the emulator's port.
      String answer = get(e, "dev.azure.com", "/demo/_apis/projects/Demo?api-version=7.1");
      assertThat(answer).startsWith("HTTP/1.1 200");
      JsonNode project = Json.parse(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(project.path("url").asText()).startsWith("https://dev.azure.com/demo/_apis/");
      assertThat(project.path("_links").path("self").path("href").asText())
          .startsWith("https://dev.azure.com/demo/");
      String connection = get(e, "vssps.dev.azure.com", "/demo/_apis/connectionData");
      assertThat(connection).contains("\"accessPoint\":\"https://dev.azure.com/demo/\"");
      assertThatThrownBy(() -> get(e, "elsewhere.example.com", "/demo/_apis/connectionData"))
          .isInstanceOf(SSLHandshakeException.class);
    }
    // Other names make a new certificate; the same names keep it.
    EmulatorConfig other =
        EmulatorMain.parse(
            new String[] {
              "--https", "--data", data.toString(), "--host-name", "almsearch.dev.azure.com"
            });
    try (Emulator e = Emulator.create(other).start()) {
      assertThat(sans(e.certificatePem()))
          .contains("almsearch.dev.azure.com")
          .doesNotContain("dev.azure.com");
      byte[] first = Files.readAllBytes(e.keyStore());
      assertThat(
              Files.readAllBytes(
                  SelfSignedCertificate.create(data, List.of("almsearch.dev.azure.com"))))
          .isEqualTo(first);
    }
  }

  @Test
  void overHttpLinksUseThePublicUrlAndTheListeningUrlStaysLocal() {
    try (Emulator e =
        Emulator.create(EmulatorConfig.builder().publicUrl("http://azdo.test:8080").build())
            .start()) {
      Http http = new Http(e);
      JsonNode item =
          http.send(
                  "POST",
                  "Demo/_apis/wit/workitems/$Task?api-version=7.1",
                  List.of(
                      java.util.Map.of(
                          "op", "add", "path", "/fields/System.Title", "value", "linked")),
                  "application/json-patch+json")
              .json();
      assertThat(item.path("url").asText())
          .startsWith("http://azdo.test:8080/demo/_apis/wit/workItems/");
      assertThat(e.url()).startsWith("http://127.0.0.1:");
      assertThat(e.certificatePem()).isNull();
    }
  }

  @Test
  void badNamesAndUrlsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--public-url", "dev.azure.com"}))
        .hasMessageStartingWith("--public-url must be an http or https URL");
    assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--public-url", "ftp://x.example"}))
        .hasMessageStartingWith("--public-url");
    assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--host-name", "bad name"}))
        .hasMessageStartingWith("--host-name must be a DNS name");
  }

  private static List<String> sans(Path pem) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(pem)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<String> out = new ArrayList<>();
    for (List<?> san : cert.getSubjectAlternativeNames()) {
      out.add(String.valueOf(san.get(1)));
    }
    return out;
  }

  // One HTTP/1.1 request over TLS to 127.0.0.1:port, checking the certificate against host.
  private static String get(Emulator e, String host, String path) throws IOException {
    var factory = SelfSignedCertificate.trusting(e.keyStore()).getSocketFactory();
    try (Socket plain = new Socket("127.0.0.1", e.port());
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, e.port(), true)) {
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.startHandshake();
      String auth =
          Base64.getEncoder()
              .encodeToString((":" + e.config().pat()).getBytes(StandardCharsets.UTF_8));
      OutputStream out = tls.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAuthorization: Basic "
                  + auth
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      tls.getInputStream().transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    }
  }
}
