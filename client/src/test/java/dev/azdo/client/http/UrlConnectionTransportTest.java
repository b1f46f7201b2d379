package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.testing.TestServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the blocking transport sends and hands back, against a real local HTTP server. */
class UrlConnectionTransportTest {
  private final TestServer server = new TestServer();
  private final TransportInterceptor transport =
      new TransportInterceptor(Duration.ofSeconds(5), Duration.ofSeconds(5));

  @AfterEach
  void stop() {
    transport.close();
    server.close();
  }

  private Response send(Request r) throws IOException {
    return new HttpPipeline(List.of(transport)).execute(r);
  }

  @Test
  void aPostCarriesItsBodyAndHeadersAsGiven() throws Exception {
    server.enqueueJson(200, "{\"ok\":true}");
    Response r =
        send(
            Request.builder("POST", URI.create(server.url("/p?api-version=7.1")))
                .header("Content-Type", "application/json-patch+json")
                .header("X-Extra", "a")
                .body("[{\"op\":\"add\"}]".getBytes(StandardCharsets.UTF_8))
                .build());

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"ok\":true}");
    assertThat(r.header("content-type")).startsWith("application/json");
    TestServer.Recorded got = server.takeRequest();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.target()).isEqualTo("/p?api-version=7.1");
    assertThat(got.body()).isEqualTo("[{\"op\":\"add\"}]");
    assertThat(got.header("Content-Type")).isEqualTo("application/json-patch+json");
    assertThat(got.header("X-Extra")).isEqualTo("a");
  }

  @Test
  void aLargeAnswerOfAnnouncedLengthComesBackWhole() throws Exception {
    String big = "{\"v\":\"" + "x".repeat(300_000) + "\u00e9\"}";
    server.enqueueJson(200, big);
    Response r = send(Request.builder("GET", URI.create(server.url("/big"))).build());
    assertThat(r.bodyText()).isEqualTo(big);
    assertThat(r.body()).hasSize(big.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void anAnswerIsReadToItsLengthOrRefusedWhenItEndsShort() throws IOException {
    byte[] bytes = "0123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(UrlConnectionTransport.body(new java.io.ByteArrayInputStream(bytes), 10))
        .isEqualTo(bytes);
    assertThat(UrlConnectionTransport.body(new java.io.ByteArrayInputStream(bytes), -1))
        .isEqualTo(bytes);
    assertThatThrownBy(
            () -> UrlConnectionTransport.body(new java.io.ByteArrayInputStream(bytes), 12))
        .isInstanceOf(IOException.class)
        .hasMessage("the answer ended after 10 of its 12 bytes");
  }

  @Test
  void aPostWithoutBodySendsLengthZeroAsJson() throws Exception {
    server.enqueueJson(200, "{}");
    send(Request.builder("POST", URI.create(server.url("/empty"))).build());

    TestServer.Recorded got = server.takeRequest();
    assertThat(got.header("Content-Length")).isEqualTo("0");
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.body()).isEmpty();
  }

  @Test
  void anErrorStatusComesBackWithItsBody() throws Exception {
    server.enqueueJson(400, "{\"message\":\"VS402337: too many\"}");
    Response r = send(Request.builder("GET", URI.create(server.url("/bad"))).build());

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("VS402337");
  }

  @Test
  void aPostRefusedWith401ComesBackWithItsBody() throws Exception {
    // The JDK drops a streamed request's 401 answer, so the transport asks again to read it.
    for (int i = 0; i < 2; i++) {
      server.enqueue(
          TestServer.Reply.json(401, "{\"message\":\"TF400813: not authorized\"}")
              .header("WWW-Authenticate", "Basic realm=\"https://dev.azure.com/\""));
    }
    Response r =
        send(
            Request.builder("POST", URI.create(server.url("/wiql")))
                .header("Content-Type", "application/json")
                .body("{}".getBytes(StandardCharsets.UTF_8))
                .build());

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyText()).contains("TF400813");
    assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(server.takeRequest().body()).isEqualTo("{}");
    assertThat(server.takeRequest().body()).isEqualTo("{}");
  }

  @Test
  void aGetRefusedWith401ComesBackWithItsBodyAndNoCredentialsOfTheApplications() throws Exception {
    java.net.Authenticator.setDefault(
        new java.net.Authenticator() {
          @Override
          protected java.net.PasswordAuthentication getPasswordAuthentication() {
            return new java.net.PasswordAuthentication("app", "secret".toCharArray());
          }
        });
    try {
      server.enqueue(
          TestServer.Reply.json(401, "{\"message\":\"TF400813: not authorized\"}")
              .header("WWW-Authenticate", "Basic realm=\"x\""));
      Response r = send(Request.builder("GET", URI.create(server.url("/projects"))).build());

      assertThat(r.status()).isEqualTo(401);
      assertThat(r.bodyText()).contains("TF400813");
      assertThat(server.takeRequest().header("Authorization")).isNull();
    } finally {
      java.net.Authenticator.setDefault(null);
    }
  }

  @Test
  void aRedirectIsHandedBackNotFollowed() throws Exception {
    server.enqueue(
        new TestServer.Reply(302, java.util.Map.of(), "")
            .header("Location", "http://elsewhere.example/x"));
    Response r = send(Request.builder("GET", URI.create(server.url("/moved"))).build());

    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("location")).isEqualTo("http://elsewhere.example/x");
    assertThat(server.takeRequest().target()).isEqualTo("/moved");
  }

  @Test
  void deleteAndOptionsGoThroughToo() throws Exception {
    server.enqueueJson(204, "");
    server.enqueueJson(200, "{\"value\":[]}");
    assertThat(send(Request.builder("DELETE", URI.create(server.url("/d"))).build()).status())
        .isEqualTo(204);
    assertThat(send(Request.builder("OPTIONS", URI.create(server.url("/o"))).build()).bodyText())
        .isEqualTo("{\"value\":[]}");
    assertThat(server.takeRequest().method()).isEqualTo("DELETE");
    assertThat(server.takeRequest().method()).isEqualTo("OPTIONS");
  }

  @Test
  void aRefusedConnectionIsAConnectException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/x");
    assertThatThrownBy(() -> send(Request.builder("GET", closed).build()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void anAnswerSlowerThanTheRequestTimeoutIsAnHttpTimeout() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.dispatch(
        req -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return TestServer.Reply.json(200, "{}");
        });
    TransportInterceptor quick =
        new TransportInterceptor(Duration.ofSeconds(5), Duration.ofMillis(300));
    try (quick) {
      assertThatThrownBy(
              () ->
                  new HttpPipeline(List.of(quick))
                      .execute(Request.builder("GET", URI.create(server.url("/slow"))).build()))
          .isInstanceOf(java.net.http.HttpTimeoutException.class)
          .hasMessageContaining("/slow");
    } finally {
      release.countDown();
    }
  }
}
