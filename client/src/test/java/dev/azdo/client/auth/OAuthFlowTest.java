package dev.azdo.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AuthenticationException;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Secret;
import dev.azdo.client.http.Redactor;
import dev.azdo.client.testing.FakeTime;
import dev.azdo.client.testing.LogCapture;
import dev.azdo.client.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthFlowTest {
  private static final String CLIENT_SECRET = "oauth-client-secret-value-31337";
  private static final String CODE = "auth-code-from-redirect-777";
  private final TestServer tokenServer = new TestServer();
  private final TestServer api = new TestServer();
  private final FakeTime time = new FakeTime();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    tokenServer.close();
    api.close();
  }

  private ConnectionSettings settings() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("org-url", api.url("/demo"));
    m.put("auth", "oauth");
    m.put("oauth-client-id", "app-id-1");
    m.put("oauth-client-secret", CLIENT_SECRET);
    m.put("oauth-scopes", "vso.work_write,vso.project_manage");
    m.put("oauth-authorize-url", tokenServer.url("/oauth2/authorize"));
    m.put("oauth-token-url", tokenServer.url("/oauth2/token"));
    m.put("oauth-redirect-uri", "http://127.0.0.1:" + port + "/callback");
    m.put("oauth-token-file", dir.resolve("tokens/demo.json").toString());
    // A scripted server answers in order: no negotiation's OPTIONS first.
    m.put("api-version-negotiation", "off");
    return ConnectionConfig.parse(m, Map.of()).orThrow();
  }

  private static String tokenJson(String access, String refresh, long expiresIn) {
    return "{\"access_token\":\""
        + access
        + "\",\"token_type\":\"jwt-bearer\",\"expires_in\":\""
        + expiresIn
        + "\",\"refresh_token\":\""
        + refresh
        + "\",\"scope\":\"vso.work_write vso.project_manage\"}";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      m.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return m;
  }

  /** Plays the browser: follows the sign-in URL's redirect_uri with a code and the state. */
  private static void browserReturns(URI signInUrl, String code, String stateOverride) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : signInUrl.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    String state = stateOverride != null ? stateOverride : q.get("state");
    URI back = URI.create(q.get("redirect_uri") + "?code=" + code + "&state=" + state);
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void generateTokenExchangesTheCodeAndSavesTokensOwnerOnly() throws Exception {
    ConnectionSettings s = settings();
    tokenServer.enqueueJson(200, tokenJson("access-1-abcdef", "refresh-1-abcdef", 3599));
    Path backup = dir.resolve("backup.json");
    URI[] shown = new URI[1];
    OAuthTokens tokens;
    try (LogCapture logs = new LogCapture()) {
      tokens =
          SignIn.generateToken(
              s,
              url -> {
                shown[0] = url;
                browserReturns(url, CODE, null);
              },
              backup,
              Duration.ofSeconds(10));
      assertThat(logs.text())
          .doesNotContain(CLIENT_SECRET)
          .doesNotContain(CODE)
          .doesNotContain("access-1-abcdef")
          .doesNotContain("refresh-1-abcdef");
    }
    assertThat(shown[0].toString())
        .startsWith(
            tokenServer.url("/oauth2/authorize?client_id=app-id-1&response_type=Assertion&state="))
        .contains("&scope=vso.work_write%20vso.project_manage")
        .contains("&redirect_uri=http%3A%2F%2F127.0.0.1%3A");
    Map<String, String> sent = form(tokenServer.takeRequest().body());
    assertThat(sent)
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .containsEntry("client_assertion", CLIENT_SECRET)
        .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
        .containsEntry("assertion", CODE)
        .containsEntry("redirect_uri", s.oauthRedirectUri().toString());
    assertThat(tokens.accessToken().reveal()).isEqualTo("access-1-abcdef");
    assertThat(tokens.toString()).doesNotContain("access-1-abcdef");
    Path file = s.oauthTokenFile().orElseThrow();
    for (Path p : List.of(file, backup)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("rw-------");
      assertThat(OAuthTokens.read(p).refreshToken().reveal()).isEqualTo("refresh-1-abcdef");
    }
  }

  @Test
  void redirectWithWrongStateIsRefused() throws Exception {
    ConnectionSettings s = settings();
    OAuthFlow flow = new OAuthFlow(s, time.clock(), new Redactor());
    assertThatThrownBy(
            () -> flow.signIn(url -> browserReturns(url, CODE, "forged"), Duration.ofSeconds(10)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("state parameter did not match");
    assertThat(tokenServer.pendingRequests()).isZero();
  }

  @Test
  void rejectedCodeGivesAuthenticationErrorWithoutSecrets() throws Exception {
    tokenServer.enqueueJson(
        400, "{\"Error\":\"invalid_grant\",\"ErrorDescription\":\"bad " + CODE + "\"}");
    OAuthFlow flow = new OAuthFlow(settings(), time.clock(), new Redactor());
    assertThatThrownBy(() -> flow.exchangeCode(CODE))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining(CODE)
        .hasMessageNotContaining(CLIENT_SECRET);
  }

  @Test
  void accessTokenIsRefreshedBeforeItExpires() throws Exception {
    ConnectionSettings s = settings();
    Path file = s.oauthTokenFile().orElseThrow();
    new OAuthTokens(
            Secret.of("old-access"),
            Secret.of("old-refresh"),
            time.now().plusSeconds(120),
            List.of())
        .write(file);
    tokenServer.enqueueJson(200, tokenJson("new-access", "new-refresh", 3600));
    api.enqueueJson(200, "{\"value\":[]}");
    OAuthFlow flow = new OAuthFlow(s, time.clock(), new Redactor());
    AzdoClient client =
        AzdoClient.builder(s)
            .credentials(new OAuthCredentials(flow, file, null, time.clock()))
            .build();
    client.listProcesses();
    Map<String, String> refresh = form(tokenServer.takeRequest().body());
    assertThat(refresh)
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("assertion", "old-refresh");
    assertThat(api.takeRequest().header("Authorization")).isEqualTo("Bearer new-access");
    assertThat(OAuthTokens.read(file).refreshToken().reveal()).isEqualTo("new-refresh");
  }

  @Test
  void unauthorizedTriggersOneRefreshAndOneRetry() throws Exception {
    ConnectionSettings s = settings();
    Path file = s.oauthTokenFile().orElseThrow();
    new OAuthTokens(
            Secret.of("revoked-access"), Secret.of("r1"), time.now().plusSeconds(3600), List.of())
        .write(file);
    tokenServer.enqueueJson(200, tokenJson("fresh-access", "r2", 3600));
    api.enqueueJson(401, "{\"message\":\"TF400813: expired\"}");
    api.enqueueJson(200, "{\"value\":[]}");
    OAuthFlow flow = new OAuthFlow(s, time.clock(), new Redactor());
    AzdoClient client =
        AzdoClient.builder(s)
            .credentials(new OAuthCredentials(flow, file, null, time.clock()))
            .build();
    client.listProcesses();
    assertThat(api.takeRequest().header("Authorization")).isEqualTo("Bearer revoked-access");
    assertThat(api.takeRequest().header("Authorization")).isEqualTo("Bearer fresh-access");

    tokenServer.enqueueJson(200, tokenJson("fresh-2", "r3", 3600));
    api.enqueueJson(401, "{}").enqueueJson(401, "{}");
    assertThatThrownBy(client::listProcesses)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("OAuth token is invalid");
    assertThat(api.drain()).hasSize(2);
  }

  @Test
  void missingTokenFileSaysToGenerateOne() throws Exception {
    ConnectionSettings s = settings();
    OAuthFlow flow = new OAuthFlow(s, time.clock(), new Redactor());
    OAuthCredentials c = new OAuthCredentials(flow, dir.resolve("none.json"), null, time.clock());
    assertThatThrownBy(c::headerValue)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("azdo token generate");
  }

  @Test
  void aDamagedTokenFileIsNamedWithWhatIsWrongAndNeverQuoted() throws IOException {
    ConnectionSettings s = settings();
    Path file = s.oauthTokenFile().orElseThrow();
    Files.createDirectories(file.getParent());
    for (String content :
        List.of(
            "OpaqueAccessTokenValue0123456789",
            "{\"access_token\": \"OpaqueAccessTokenValue0123456789\", \"expires_at\": \"soon\"}",
            "[\"OpaqueAccessTokenValue0123456789\"]")) {
      Files.writeString(file, content);
      assertThatThrownBy(() -> AzdoClient.create(s).connectionData())
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("token file " + file + ": not a token file: expected ")
          .hasMessageEndingWith("; run 'azdo token generate' again")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Opaque").doesNotContain("\n"));
    }
    assertThat(api.pendingRequests()).isZero();
  }
}
