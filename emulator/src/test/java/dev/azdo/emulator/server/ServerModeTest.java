package dev.azdo.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.EmulatorMain;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.ServerRelease;
import dev.azdo.emulator.signin.SignInModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `--server RELEASE`: a collection URL, the release's api-versions, on-premises connectionData. */
class ServerModeTest {
  static Emulator services;

  @BeforeAll
  static void start() {
    services = Emulator.startDefault();
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  static Emulator server(String release) {
    return Emulator.create(EmulatorMain.parse(new String[] {"--server", release})).start();
  }

  @ParameterizedTest
  @CsvSource({"2019, 5.0, 5.1", "2020, 6.0, 6.1", "2022, 7.0, 7.1", "2022.1, 7.1, 7.2"})
  void eachReleaseServesACollectionCappedAtItsApiVersion(
      String release, String latest, String tooNew) {
    try (Emulator e = server(release)) {
      assertThat(e.url()).isEqualTo(e.rootUrl() + "/tfs/DefaultCollection");
      Http http = new Http(e);
      Http.Res projects = http.get("_apis/projects?api-version=" + latest);
      assertThat(projects.status()).isEqualTo(200);
      assertThat(projects.json().at("/value/0/name").asText()).isEqualTo("Demo");
      Http.Res wiql =
          http.post(
              "Demo/_apis/wit/wiql?api-version=" + latest,
              Map.of("query", "SELECT [System.Id] FROM WorkItems"));
      assertThat(wiql.status()).isEqualTo(200);

      Http.Res refused = http.get("_apis/projects?api-version=" + tooNew);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().path("typeKey").asText())
          .isEqualTo("VssVersionOutOfRangeException");
      assertThat(refused.json().path("message").asText())
          .isEqualTo(
              "The requested REST API version of "
                  + tooNew
                  + " is out of range for this server. The latest REST API version this server"
                  + " supports is "
                  + latest
                  + ".");

      // The organization path of Services is not there.
      assertThat(new Http(e.rootUrl() + "/demo", "emulator-pat").get("_apis/projects").status())
          .isEqualTo(404);
    }
  }

  @Test
  void connectionDataIsOnPremisesAndServicesStaysHosted() {
    try (Emulator e = server("2020")) {
      JsonNode data = new Http(e).get("_apis/connectionData").json();
      assertThat(data.path("deploymentType").asText()).isEqualTo("onPremises");
      assertThat(data.path("webApplicationRelativeDirectory").asText()).isEqualTo("/tfs/");
      assertThat(data.at("/authenticatedUser/providerDisplayName").asText())
          .isEqualTo("Alice Admin");
      assertThat(data.at("/locationServiceData/accessMappings/0/accessPoint").asText())
          .startsWith(e.rootUrl() + "/tfs/DefaultCollection");
      for (JsonNode area : new Http(e).get("_apis/resourceAreas").json().path("value")) {
        assertThat(area.path("locationUrl").asText())
            .as(area.path("name").asText())
            .isEqualTo(e.url() + "/");
      }
    }
    JsonNode hosted = new Http(services).get("_apis/connectionData").json();
    assertThat(hosted.path("deploymentType").asText()).isEqualTo("hosted");
    assertThat(hosted.has("webApplicationRelativeDirectory")).isFalse();
  }

  @Test
  void optionsListsTheReleasesVersionsAndOnlyItsLocations() {
    try (Emulator e = server("2019")) {
      List<JsonNode> wit = locations(new Http(e), "_apis/wit");
      assertThat(wit).isNotEmpty();
      for (JsonNode loc : wit) {
        assertThat(loc.path("maxVersion").asText()).as(loc.toString()).isEqualTo("5.0");
        assertThat(loc.path("releasedVersion").asText()).isIn("5.0", "0.0");
      }
      // The comments API (5.1) and the delete-many API (7.0) came after 2019.
      assertThat(wit).noneMatch(l -> l.path("resourceName").asText().equals("comments"));
      assertThat(wit).noneMatch(l -> l.path("resourceName").asText().equals("workItemsDelete"));
      Http.Res comment =
          new Http(e)
              .post(
                  "Demo/_apis/wit/workItems/1/comments?api-version=5.0-preview.2",
                  Map.of("text", "hi"));
      assertThat(comment.status()).isEqualTo(404);
    }
    try (Emulator e = server("2020")) {
      JsonNode comments =
          locations(new Http(e), "_apis/wit").stream()
              .filter(l -> l.path("resourceName").asText().equals("comments"))
              .findFirst()
              .orElseThrow();
      assertThat(comments.path("maxVersion").asText()).isEqualTo("6.0");
      assertThat(comments.path("releasedVersion").asText()).isEqualTo("0.0");
    }
    List<JsonNode> hosted = locations(new Http(services), "_apis/wit");
    assertThat(hosted).anyMatch(l -> l.path("maxVersion").asText().equals("7.2"));
  }

  @Test
  void aBatchItemNewerThanTheReleaseIsRefusedOnItsOwn() {
    try (Emulator e = server("2020")) {
      String root = "/tfs/DefaultCollection/Demo/_apis/wit/workitems/$Task?api-version=";
      List<Map<String, Object>> ops = new ArrayList<>();
      for (String v : List.of("6.0", "7.1")) {
        ops.add(
            Map.of(
                "method",
                "PATCH",
                "uri",
                root + v,
                "headers",
                Map.of("Content-Type", "application/json-patch+json"),
                "body",
                List.of(Map.of("op", "add", "path", "/fields/System.Title", "value", "t" + v))));
      }
      JsonNode out = new Http(e).post("_apis/wit/$batch?api-version=6.0", ops).json();
      assertThat(out.at("/value/0/code").asInt()).isEqualTo(200);
      assertThat(out.at("/value/1/code").asInt()).isEqualTo(400);
      assertThat(out.at("/value/1/body").asText()).contains("supports is 6.0.");
    }
  }

  @Test
  void aServerServesNoSignInEndpointsAndChallengesWithoutASignInPage() throws Exception {
    List<String> signIn =
        List.of(
            "GET /oauth2/authorize?client_id="
                + SignInModule.DEFAULT_CLIENT_ID
                + "&response_type=Assertion&scope=vso.work&redirect_uri=http://localhost/callback",
            "POST /oauth2/token",
            "GET /common/v2.0/.well-known/openid-configuration",
            "GET /organizations/oauth2/v2.0/authorize?client_id=" + SignInModule.DEFAULT_CLIENT_ID,
            "POST /organizations/oauth2/v2.0/token",
            "POST /organizations/oauth2/v2.0/devicecode",
            "GET /common/discovery/instance");
    try (Emulator e = server("2022.1")) {
      for (String call : signIn) {
        assertThat(raw(e, call, null).statusCode()).as(call).isEqualTo(404);
      }
      // The control API has no OAuth section to register apps with either.
      assertThat(raw(e, "GET /_emulator/oauth/apps", "Bearer emulator-admin").statusCode())
          .isEqualTo(404);
      // No sign-in page for a browser: a Server challenges for Windows sign-in or a PAT.
      HttpResponse<String> anonymous = raw(e, "GET /tfs/DefaultCollection/_apis/projects", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
          .contains("NTLM")
          .contains("Basic realm=")
          .doesNotContain("_signin");
      assertThat(SignInModule.describe(e.rootUrl(), e.url(), "p", e.config().server()))
          .noneMatch(line -> line.contains("oauth2"));
    }
    // Services still serves them: the discovery document and the legacy authorize page answer.
    assertThat(raw(services, signIn.get(2), null).statusCode()).isEqualTo(200);
    assertThat(raw(services, signIn.get(0), null).statusCode()).isEqualTo(200);
    assertThat(raw(services, "GET /demo/_apis/projects", null).statusCode()).isEqualTo(203);
  }

  // A request from the server's root with no FedAuth opt-out, as a browser sends it.
  private static HttpResponse<String> raw(Emulator e, String call, String authorization)
      throws Exception {
    String[] mp = call.split(" ", 2);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(e.rootUrl() + mp[1]))
            .method(
                mp[0],
                mp[0].equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")
                    : HttpRequest.BodyPublishers.noBody())
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnknownReleaseIsOneClearLine() {
    assertThatThrownBy(() -> EmulatorMain.parse(new String[] {"--server", "2021"}))
        .hasMessage("--server must be one of 2019, 2020, 2022, 2022.1, got 2021");
    assertThat(EmulatorConfig.builder().build().server()).isEqualTo(ServerRelease.SERVICES);
    assertThat(services.url()).isEqualTo(services.rootUrl() + "/demo");
  }

  private static List<JsonNode> locations(Http http, String path) {
    List<JsonNode> out = new ArrayList<>();
    http.send("OPTIONS", path, null, null).json().path("value").forEach(out::add);
    return out;
  }
}
