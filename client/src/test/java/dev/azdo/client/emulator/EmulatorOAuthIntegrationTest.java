package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Project;
import dev.azdo.client.auth.OAuthTokens;
import dev.azdo.client.auth.SignIn;
import dev.azdo.emulator.Emulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs `azdo token generate` logic against the emulator's legacy OAuth endpoints. */
class EmulatorOAuthIntegrationTest {
  // The emulator's seeded sample app (SignInModule.DEFAULT_CLIENT_ID / DEFAULT_CLIENT_SECRET).
  private static final String CLIENT_ID = "7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d";
  private static final String CLIENT_SECRET = "emulator-client-secret";
  private final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
  private Emulator emulator;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.startDefault();
    // Auto-approval makes /oauth2/authorize redirect straight back with a code, like a user
    // who already consented.
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/oauth/settings"))
                .header("Authorization", "Bearer emulator-admin")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"autoApprove\":true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void generatedTokenSignsTheClientIn() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path tokenFile = dir.resolve("tokens/demo.json");
    Map<String, String> m = new LinkedHashMap<>();
    m.put("org-url", emulator.url());
    m.put("auth", "oauth");
    m.put("oauth-client-id", CLIENT_ID);
    m.put("oauth-client-secret", CLIENT_SECRET);
    m.put("oauth-scopes", "vso.project,vso.work_write");
    m.put("oauth-authorize-url", emulator.rootUrl() + "/oauth2/authorize");
    m.put("oauth-token-url", emulator.rootUrl() + "/oauth2/token");
    m.put("oauth-redirect-uri", "http://127.0.0.1:" + port + "/callback");
    m.put("oauth-token-file", tokenFile.toString());
    ConnectionSettings settings = ConnectionConfig.parse(m, Map.of()).orThrow();

    OAuthTokens tokens =
        SignIn.generateToken(
            settings,
            url -> {
              try {
                HttpResponse<String> r =
                    browser.send(
                        HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).contains("Signed in");
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            null,
            Duration.ofSeconds(20));

    assertThat(tokens.refreshToken()).isNotNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    assertThat(AzdoClient.create(settings).listAllProjects())
        .extracting(Project::name)
        .contains("Demo");
  }
}
