package dev.azdo.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.Secret;
import dev.azdo.client.testing.FakeTime;
import dev.azdo.client.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntraCredentialsTest {

  @Test
  void tokensAreRequestedForTheAzureDevOpsResource() {
    assertThat(EntraCredentials.AZURE_DEVOPS_SCOPE)
        .isEqualTo("499b84ac-1321-427f-aa17-267ca6975798/.default")
        .startsWith(EntraCredentials.AZURE_DEVOPS_RESOURCE);
  }

  @Test
  void entraSettingsAreValidatedPerFlow() {
    assertThat(
            ConnectionConfig.parse(
                    Map.of("org", "a", "auth", "entra", "entra-flow", "client-credentials"),
                    Map.of())
                .errors())
        .containsExactly(
            "entra-client-id: required for auth=entra with entra-flow=client-credentials",
            "entra-client-secret: required for entra-flow=client-credentials");
    assertThat(
            ConnectionConfig.parse(
                    Map.of("org", "a", "auth", "entra", "entra-flow", "managed-identity"), Map.of())
                .isValid())
        .isTrue();
    assertThat(
            ConnectionConfig.parse(
                    Map.of("org", "a", "auth", "entra", "entra-flow", "saml"), Map.of())
                .errors())
        .containsExactly(
            "entra-flow: must be one of interactive, device-code, client-credentials, managed-identity, got 'saml'");
  }

  @Test
  void credentialsDescribeTheFlowWithoutSecrets() {
    var s =
        ConnectionConfig.parse(
                Map.of(
                    "org", "a",
                    "auth", "entra",
                    "entra-flow", "client-credentials",
                    "entra-client-id", "app",
                    "entra-client-secret", "entra-secret-value-123"),
                Map.of())
            .orThrow();
    Credentials c = SignIn.credentialsFor(s);
    assertThat(c).isInstanceOf(EntraCredentials.class);
    assertThat(c.describe())
        .isEqualTo("Entra ID (client-credentials)")
        .doesNotContain("entra-secret");
  }

  @Test
  void tokenIsCachedRenewedBeforeExpiryAndForcedAfter401() {
    FakeTime time = new FakeTime();
    List<Boolean> calls = new ArrayList<>();
    EntraCredentials.TokenSource source =
        force -> {
          calls.add(force);
          return new EntraCredentials.AccessToken(
              Secret.of("entra-token-" + calls.size()), time.now().plus(Duration.ofHours(1)));
        };
    try (TestServer server = new TestServer()) {
      var settings =
          ConnectionConfig.parse(
                  Map.of(
                      "org-url", server.url("/demo"),
                      "auth", "entra",
                      "entra-flow", "managed-identity",
                      // A scripted server answers in order: no negotiation's OPTIONS first.
                      "api-version-negotiation", "off"),
                  Map.of())
              .orThrow();
      AzdoClient client =
          AzdoClient.builder(settings)
              .credentials(new EntraCredentials(source, "Entra ID (test)", time.clock()))
              .clock(time.clock())
              .sleeper(time)
              .build();
      server.enqueueJson(200, "{\"value\":[]}").enqueueJson(200, "{\"value\":[]}");
      client.listProcesses();
      client.listProcesses();
      assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer entra-token-1");
      assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer entra-token-1");

      time.advance(Duration.ofMinutes(56));
      server.enqueueJson(200, "{\"value\":[]}");
      client.listProcesses();
      assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer entra-token-2");

      server.enqueueJson(401, "{}").enqueueJson(200, "{\"value\":[]}");
      client.listProcesses();
      assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer entra-token-2");
      assertThat(server.takeRequest().header("Authorization")).isEqualTo("Bearer entra-token-3");
      assertThat(calls).containsExactly(false, false, true);
    }
  }
}
