package dev.azdo.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.ConnectionConfig;
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
}
