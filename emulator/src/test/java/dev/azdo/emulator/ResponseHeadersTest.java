package dev.azdo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service's response headers that clients read: Content-Type's api-version, X-TFS-Session. */
class ResponseHeadersTest {
  private static final String PAT_AUTH = "Basic OmVtdWxhdG9yLXBhdA==";
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void contentTypeNamesTheRequestedApiVersion() {
    assertThat(http.get("_apis/projects?api-version=7.0").header("Content-Type"))
        .isEqualTo("application/json; charset=utf-8; api-version=7.0");
    assertThat(http.get("_apis/projects?api-version=7.1").header("Content-Type"))
        .isEqualTo("application/json; charset=utf-8; api-version=7.1");
    assertThat(http.get("_apis/connectionData?api-version=7.1-preview.1").header("Content-Type"))
        .isEqualTo("application/json; charset=utf-8; api-version=7.1-preview.1");
    assertThat(http.get("_apis/projects?api-version=7.2-preview").header("Content-Type"))
        .isEqualTo("application/json; charset=utf-8; api-version=7.2-preview");
  }

  @Test
  void contentTypeNamesTheVersionFromTheAcceptHeaderOrTheReleasedOne() {
    HttpRequest accept =
        HttpRequest.newBuilder(URI.create(http.orgUrl() + "_apis/projects"))
            .header("Authorization", PAT_AUTH)
            .header("Accept", "application/json;api-version=6.0")
            .build();
    Http.Res r = http.send(accept);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type"))
        .isEqualTo("application/json; charset=utf-8; api-version=6.0");
    // A GET without a version is served at the newest released one, and says so.
    assertThat(http.get("_apis/projects").header("Content-Type"))
        .matches("application/json; charset=utf-8; api-version=\\d+\\.\\d+");
  }

  @Test
  void sessionIdIsTheClientsWhenItSendsOne() {
    String session = UUID.randomUUID().toString();
    for (int i = 0; i < 2; i++) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(http.orgUrl() + "_apis/projects?api-version=7.1"))
              .header("Authorization", PAT_AUTH)
              .header("X-TFS-Session", session)
              .build();
      Http.Res r = http.send(req);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-TFS-Session")).isEqualTo(session);
    }
    // The web extension SDK appends the command it runs; the session is the GUID before it.
    HttpRequest withCommand =
        HttpRequest.newBuilder(URI.create(http.orgUrl() + "_apis/projects?api-version=7.1"))
            .header("Authorization", PAT_AUTH)
            .header("X-TFS-Session", session + ",Boards.Query")
            .build();
    assertThat(http.send(withCommand).header("X-TFS-Session")).isEqualTo(session);
  }

  @Test
  void sessionIdIsNewWhenNoneOrNoGuidIsSent() {
    String first = http.get("_apis/projects?api-version=7.1").header("X-TFS-Session");
    String second = http.get("_apis/projects?api-version=7.1").header("X-TFS-Session");
    assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    HttpRequest junk =
        HttpRequest.newBuilder(URI.create(http.orgUrl() + "_apis/projects?api-version=7.1"))
            .header("Authorization", PAT_AUTH)
            .header("X-TFS-Session", "not-a-guid")
            .build();
    String answered = http.send(junk).header("X-TFS-Session");
    assertThat(answered).isNotEqualTo("not-a-guid");
    assertThat(UUID.fromString(answered)).isNotNull();
  }
}
