package dev.azdo.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FoundationTest {
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
  void connectionDataNamesTheAuthenticatedUser() {
    Http.Res r = http.get("_apis/connectionData?api-version=7.1-preview.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Alice Admin");
    assertThat(r.json().at("/instanceId").asText()).isNotEmpty();
  }

  @Test
  void apiVersionInAcceptHeaderIsHonoured() {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(http.orgUrl() + "_apis/connectionData"))
            .header("Authorization", "Basic OmVtdWxhdG9yLXBhdA==")
            .header("Accept", "application/json;api-version=7.2")
            .build();
    Http.Res r = http.send(req);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("typeKey").asText()).isEqualTo("VssInvalidPreviewVersionException");
  }

  @Test
  void malformedAndOutOfRangeVersionsAreRefusedWithTheServiceMessages() {
    Http.Res bad = http.get("_apis/connectionData?api-version=abc");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).contains("Invalid api version string: \"abc\"");
    Http.Res high = http.get("_apis/connectionData?api-version=9.0-preview");
    assertThat(high.status()).isEqualTo(400);
    assertThat(high.json().path("typeKey").asText()).isEqualTo("VssVersionOutOfRangeException");
    assertThat(high.json().has("$id")).isTrue();
    assertThat(high.json().has("innerException")).isTrue();
  }

  @Test
  void badPatGets401AndNoSuppressionGetsTheSignInPage() {
    Http wrong = new Http(emulator.url(), "not-the-pat");
    Http.Res r = wrong.get("_apis/connectionData");
    assertThat(r.status()).isEqualTo(401);
    // As the service: no JSON body, the reason in X-TFS-ServiceError.
    assertThat(r.body()).isEmpty();
    assertThat(r.header("X-TFS-ServiceError")).startsWith("TF400813%3A");
    assertThat(r.header("WWW-Authenticate")).contains("Basic realm=");
    HttpRequest browser =
        HttpRequest.newBuilder(URI.create(http.orgUrl() + "_apis/connectionData")).build();
    Http.Res page = http.send(browser);
    assertThat(page.status()).isEqualTo(203);
    assertThat(page.header("Content-Type")).startsWith("text/html");
  }

  @Test
  void optionsListsResourceLocationsOfAnArea() {
    Http.Res r = http.send("OPTIONS", "_apis/Location", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(r.json().path("value").get(0).has("routeTemplate")).isTrue();
  }

  @Test
  void unknownOrganizationIs404() {
    Http other = new Http(emulator.rootUrl() + "/nosuchorg", "emulator-pat");
    assertThat(other.get("_apis/projects").status()).isEqualTo(404);
  }
}
