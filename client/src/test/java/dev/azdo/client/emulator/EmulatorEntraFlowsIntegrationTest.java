package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AuthenticationException;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Project;
import dev.azdo.client.auth.EntraCredentials;
import dev.azdo.client.auth.SignIn;
import dev.azdo.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signs a person in through MSAL4J against the emulator's Entra ID endpoints, headless: the
 * interactive flow (authorization code with PKCE, consent approved by a scripted browser) and the
 * device code flow (the code entered by script).
 */
class EmulatorEntraFlowsIntegrationTest {
  // The emulator's seeded sample app (SignInModule.DEFAULT_CLIENT_ID), a public client.
  private static final String DEFAULT_CLIENT_ID = "7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d";
  // A desktop app registered as Entra registers MSAL apps: redirect http://localhost, any port.
  private static final String DESKTOP_CLIENT_ID = "0b6a3c1e-3f0e-4c55-9d1f-2a7b8c9d0e1f";

  private Emulator emulator;
  private TlsTerminator tls;
  private final ScriptedBrowser browser = new ScriptedBrowser();
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.startDefault();
    tls = new TlsTerminator(emulator.port());
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/oauth/apps"))
                    .header("Authorization", "Bearer emulator-admin")
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"clientId\":\""
                                + DESKTOP_CLIENT_ID
                                + "\",\"name\":\"Desktop app\",\"publicClient\":true,"
                                + "\"redirectUris\":[\"http://localhost\"],\"scopes\":["
                                + "\"499b84ac-1321-427f-aa17-267ca6975798/.default\"]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private ConnectionSettings settings(String flow, String clientId) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("org-url", emulator.url());
    m.put("auth", "entra");
    m.put("entra-flow", flow);
    m.put("entra-tenant", "contoso.onmicrosoft.com");
    m.put("entra-authority", "https://127.0.0.1:" + emulator.port());
    m.put("entra-client-id", clientId);
    m.put("oauth-token-file", dir.resolve("tokens/entra.json").toString());
    return ConnectionConfig.parse(m, Map.of()).orThrow();
  }

  private static String permissions(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void interactiveSignInUsesPkceAndSavesTokensThatLaterRunsUseWithoutPrompting() throws Exception {
    ConnectionSettings settings = settings("interactive", DESKTOP_CLIENT_ID);
    List<URI> opened = new CopyOnWriteArrayList<>();
    Path backup = dir.resolve("backup.json");

    EntraCredentials.AccessToken token =
        SignIn.generateEntraToken(
            settings,
            url -> {
              opened.add(url);
              browser.approve(url, "bob@example.com");
            },
            m -> {
              throw new AssertionError("no device code expected");
            },
            backup,
            Duration.ofSeconds(30),
            tls);

    assertThat(opened).hasSize(1);
    String query = opened.get(0).getRawQuery();
    assertThat(opened.get(0).getPath()).isEqualTo("/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
    assertThat(query).contains("code_challenge=").contains("code_challenge_method=S256");
    assertThat(query).contains("redirect_uri=http%3A%2F%2Flocalhost%3A");
    assertThat(browser.redirectPages).hasSize(1);
    assertThat(token.expiresAt()).isAfter(java.time.Instant.now());
    assertThat(token.toString()).doesNotContain(token.token().reveal());

    Path cache = SignIn.entraTokenCache(settings);
    assertThat(cache).isEqualTo(dir.resolve("tokens/entra.json"));
    assertThat(permissions(cache)).isEqualTo("rw-------");
    assertThat(permissions(backup)).isEqualTo("rw-------");
    assertThat(Files.readString(cache)).contains("RefreshToken").contains(token.token().reveal());
    assertThat(Files.readString(backup)).isEqualTo(Files.readString(cache));

    // A later run (a new MSAL app) signs in from the saved cache, prompting nobody.
    EntraCredentials later =
        new EntraCredentials(
            settings,
            new EntraCredentials.Prompts(
                m -> {
                  throw new AssertionError("no device code expected");
                },
                url -> {
                  throw new AssertionError("no browser expected");
                },
                cache,
                Duration.ofSeconds(30)),
            Clock.systemUTC(),
            tls);
    AzdoClient client = AzdoClient.builder(settings).credentials(later).build();
    assertThat(client.listAllProjects()).extracting(Project::name).contains("Demo");
    assertThat(client.connectionData().userAccount()).isEqualTo("bob@example.com");

    // After a 401 the credentials force a refresh with the saved refresh token, still silently.
    assertThat(later.refreshAfterUnauthorized()).isTrue();
    assertThat(later.headerValue()).startsWith("Bearer ").doesNotContain(token.token().reveal());
    assertThat(tls.urls).anyMatch(u -> u.endsWith("/contoso.onmicrosoft.com/oauth2/v2.0/token"));
  }

  @Test
  void deniedConsentFailsWithOneClearErrorAndSavesNothing() {
    ConnectionSettings settings = settings("interactive", DESKTOP_CLIENT_ID);
    HttpClient http = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                SignIn.generateEntraToken(
                    settings,
                    url -> {
                      try {
                        // The user presses Deny: the page redirects back with access_denied.
                        HttpResponse<String> denied =
                            http.send(
                                HttpRequest.newBuilder(
                                        URI.create(
                                            TlsTerminator.plain(url) + "&approve=false&user=x"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                        http.send(
                            HttpRequest.newBuilder(
                                    URI.create(denied.headers().firstValue("Location").get()))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                      } catch (Exception e) {
                        throw new AssertionError(e);
                      }
                    },
                    m -> {},
                    null,
                    Duration.ofSeconds(30),
                    tls))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("authentication failed")
        .hasMessageContaining("interactive");
    assertThat(SignIn.entraTokenCache(settings)).doesNotExist();
  }

  @Test
  void deviceCodeSignInCompletesOnceTheCodeIsEntered() {
    ConnectionSettings settings = settings("device-code", DEFAULT_CLIENT_ID);
    List<String> prompts = new CopyOnWriteArrayList<>();
    EntraCredentials credentials =
        new EntraCredentials(
            settings,
            new EntraCredentials.Prompts(
                prompt -> {
                  prompts.add(prompt);
                  // The user opens the page on another device and enters the code before MSAL's
                  // first poll, so the first poll already gets the token.
                  browser.enterDeviceCode(prompt, "carol@example.com");
                },
                url -> {
                  throw new AssertionError("no browser expected");
                },
                null,
                Duration.ofSeconds(30)),
            Clock.systemUTC(),
            tls);
    AzdoClient client = AzdoClient.builder(settings).credentials(credentials).build();
    assertThat(client.listAllProjects()).extracting(Project::name).contains("Demo");
    assertThat(client.connectionData().userAccount()).isEqualTo("carol@example.com");
    assertThat(prompts).hasSize(1);
    assertThat(prompts.get(0)).contains("/contoso.onmicrosoft.com/oauth2/v2.0/devicelogin");
    assertThat(tls.urls)
        .anyMatch(u -> u.endsWith("/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"))
        .anyMatch(u -> u.endsWith("/contoso.onmicrosoft.com/oauth2/v2.0/token"));
  }
}
