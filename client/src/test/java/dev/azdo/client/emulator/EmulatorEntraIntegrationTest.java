package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Project;
import dev.azdo.client.auth.EntraCredentials;
import dev.azdo.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signs in through MSAL4J (client credentials) against the emulator's Entra ID endpoints. */
class EmulatorEntraIntegrationTest {
  // The emulator's seeded sample app (SignInModule.DEFAULT_CLIENT_ID / DEFAULT_CLIENT_SECRET).
  private static final String CLIENT_ID = "7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d";
  private static final String CLIENT_SECRET = "emulator-client-secret";

  /**
   * MSAL insists on https authorities; this transport plays the TLS terminator in front of the
   * plain-HTTP emulator by sending https://127.0.0.1:PORT calls to http://127.0.0.1:PORT.
   */
  private static final class TlsTerminator implements IHttpClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> urls = new ArrayList<>();

    @Override
    public com.microsoft.aad.msal4j.IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest r)
        throws Exception {
      String url =
          r.url().toString().replaceFirst("^https://127\\.0\\.0\\.1:", "http://127.0.0.1:");
      urls.add(url);
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
      if (r.headers() != null) {
        r.headers().forEach(b::header);
      }
      if (r.httpMethod().name().equals("POST")) {
        b.POST(HttpRequest.BodyPublishers.ofString(r.body() == null ? "" : r.body()));
      }
      java.net.http.HttpResponse<String> resp =
          http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      HttpResponse out = new HttpResponse().statusCode(resp.statusCode()).body(resp.body());
      out.addHeaders(resp.headers().map());
      return out;
    }
  }

  @Test
  void clientCredentialsTokenFromMsalSignsTheClientIn() {
    try (Emulator emulator = Emulator.startDefault()) {
      ConnectionSettings settings =
          ConnectionConfig.parse(
                  Map.of(
                      "org-url",
                      emulator.url(),
                      "auth",
                      "entra",
                      "entra-flow",
                      "client-credentials",
                      "entra-tenant",
                      "contoso.onmicrosoft.com",
                      "entra-authority",
                      "https://127.0.0.1:" + emulator.port(),
                      "entra-client-id",
                      CLIENT_ID,
                      "entra-client-secret",
                      CLIENT_SECRET),
                  Map.of())
              .orThrow();
      TlsTerminator tls = new TlsTerminator();
      AzdoClient client =
          AzdoClient.builder(settings)
              .credentials(new EntraCredentials(settings, m -> {}, Clock.systemUTC(), tls))
              .build();
      assertThat(client.listAllProjects()).extracting(Project::name).contains("Demo");
      assertThat(tls.urls).anyMatch(u -> u.endsWith("/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    }
  }
}
