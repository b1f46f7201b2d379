package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.testing.TestServer;
import dev.azdo.emulator.signin.SelfSignedCertificate;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One transport talks http:// without TLS and https:// with the TLS it was given. */
class TransportSchemesTest {
  private static Response send(TransportInterceptor transport, String url) throws IOException {
    return new HttpPipeline(List.of(transport))
        .execute(Request.builder("GET", URI.create(url)).build());
  }

  // PATCH goes through the other client (HttpURLConnection has no PATCH).
  private static Response patch(TransportInterceptor transport, String url) throws IOException {
    return new HttpPipeline(List.of(transport))
        .execute(
            Request.builder("PATCH", URI.create(url))
                .header("Content-Type", "application/json-patch+json")
                .body("[]".getBytes(StandardCharsets.UTF_8))
                .build());
  }

  @Test
  void httpAndHttpsServersAreBothAnsweredThroughOneTransport(@TempDir Path dir) throws Exception {
    Path keyStore = SelfSignedCertificate.create(dir);
    try (TestServer plain = new TestServer();
        TestServer secure = TestServer.https(keyStore, SelfSignedCertificate.PASSWORD)) {
      TransportInterceptor transport =
          new TransportInterceptor(
              Duration.ofSeconds(5),
              Duration.ofSeconds(5),
              SelfSignedCertificate.trusting(keyStore));
      try (transport) {
        plain.enqueueJson(200, "{\"plain\":true}");
        secure.enqueueJson(200, "{\"secure\":true}");
        plain.enqueueJson(200, "{\"again\":true}");

        assertThat(new String(send(transport, plain.url("/a")).body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"plain\":true}");
        assertThat(new String(send(transport, secure.url("/b")).body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"secure\":true}");
        assertThat(new String(send(transport, plain.url("/c")).body(), StandardCharsets.UTF_8))
            .isEqualTo("{\"again\":true}");
        plain.enqueueJson(200, "{\"patched\":1}");
        secure.enqueueJson(200, "{\"patched\":2}");
        assertThat(patch(transport, plain.url("/d")).bodyText()).isEqualTo("{\"patched\":1}");
        assertThat(patch(transport, secure.url("/e")).bodyText()).isEqualTo("{\"patched\":2}");
      }
      assertThat(plain.takeRequest().target()).isEqualTo("/a");
      assertThat(secure.takeRequest().target()).isEqualTo("/b");
      assertThat(plain.takeRequest().target()).isEqualTo("/c");
      TestServer.Recorded d = plain.takeRequest();
      assertThat(d.method()).isEqualTo("PATCH");
      assertThat(d.body()).isEqualTo("[]");
      assertThat(secure.takeRequest().method()).isEqualTo("PATCH");
    }
  }

  @Test
  void thePlainClientsContextCannotMakeATlsConnection() {
    PlainOnlyContext context = new PlainOnlyContext();
    assertThat(context.getProtocol()).isEqualTo("none");
    assertThatThrownBy(context::createSSLEngine)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("https:// uses another client");
    assertThatThrownBy(context::getSocketFactory).isInstanceOf(UnsupportedOperationException.class);
  }
}
