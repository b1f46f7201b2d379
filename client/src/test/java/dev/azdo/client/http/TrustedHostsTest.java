package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.signin.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedHostsTest {
  private final TestServer org = new TestServer();
  private final TestServer other = new TestServer();

  @AfterEach
  void stop() {
    org.close();
    other.close();
  }

  @Test
  void servicesOrganizationTrustsAzureDevOpsHostsOverTlsOnly() {
    TrustedHosts t = new TrustedHosts(URI.create("https://dev.azure.com/acme"), List.of());
    assertThat(t.isTrusted(URI.create("https://dev.azure.com/acme/_apis/projects"))).isTrue();
    assertThat(t.isTrusted(URI.create("https://vssps.dev.azure.com/acme/_apis"))).isTrue();
    assertThat(t.isTrusted(URI.create("https://acme.visualstudio.com/_apis"))).isTrue();
    assertThat(t.isTrusted(URI.create("http://vssps.dev.azure.com/acme"))).isFalse();
    assertThat(t.isTrusted(URI.create("https://evil.example/dev.azure.com"))).isFalse();
    assertThat(t.isTrusted(URI.create("https://dev.azure.com.evil.example/"))).isFalse();
  }

  @Test
  void onPremisesOrganizationTrustsOnlyItsOriginAndListedDomains() {
    TrustedHosts t =
        new TrustedHosts(
            URI.create("http://tfs.corp:8080/tfs/DefaultCollection"),
            List.of("*.files.corp", "proxy.corp:8443"));
    assertThat(t.isTrusted(URI.create("http://tfs.corp:8080/tfs/x"))).isTrue();
    assertThat(t.isTrusted(URI.create("http://tfs.corp:9090/"))).isFalse();
    assertThat(t.isTrusted(URI.create("https://dev.azure.com/acme"))).isFalse();
    assertThat(t.isTrusted(URI.create("https://a.files.corp/x"))).isTrue();
    assertThat(t.isTrusted(URI.create("https://proxy.corp:8443/x"))).isTrue();
    assertThat(t.isTrusted(URI.create("https://proxy.corp/x"))).isFalse();
  }

  @Test
  void redirectToAnUntrustedHostIsNotFollowedWithCredentials() {
    org.enqueue(new Reply(302, java.util.Map.of("Location", other.url("/steal")), ""));
    AzdoClient client = AzdoClient.create(Settings.forServer(org));
    assertThatThrownBy(client::listProcesses)
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("untrusted host 127.0.0.1")
        .satisfies(
            e ->
                assertThat(((AzdoException) e).kind())
                    .isEqualTo(AzdoException.Kind.UNTRUSTED_HOST));
    assertThat(org.takeRequest().header("Authorization")).startsWith("Basic ");
    assertThat(other.pendingRequests()).isZero();
  }

  @Test
  void redirectToASignInPageBecomesAuthenticationError() {
    org.enqueue(
        new Reply(
            302,
            java.util.Map.of(
                "Location",
                "https://spsprodweu5.vssps.visualstudio.com/_signin?realm=dev.azure.com"),
            ""));
    assertThatThrownBy(AzdoClient.create(Settings.forServer(org))::listProcesses)
        .isInstanceOf(dev.azdo.client.AuthenticationException.class)
        .hasMessageContaining("redirected to sign-in at spsprodweu5.vssps.visualstudio.com");
  }

  @Test
  void redirectWithinTheOrganizationKeepsCredentials() {
    org.enqueue(new Reply(301, java.util.Map.of("Location", "/demo/_apis/moved"), ""));
    org.enqueueJson(200, "{\"value\":[]}");
    AzdoClient.create(Settings.forServer(org)).listProcesses();
    org.takeRequest();
    TestServer.Recorded followed = org.takeRequest();
    assertThat(followed.path()).isEqualTo("/demo/_apis/moved");
    assertThat(followed.header("Authorization")).startsWith("Basic ");
  }

  @Test
  void redirectToATrustedDomainIsFollowedWithCredentials() {
    org.enqueue(new Reply(307, java.util.Map.of("Location", other.url("/ok")), ""));
    other.enqueueJson(200, "{\"value\":[]}");
    AzdoClient.create(Settings.forServer(org, "trusted-domain", "http://127.0.0.1:" + other.port()))
        .listProcesses();
    assertThat(other.takeRequest().header("Authorization")).startsWith("Basic ");
  }

  @Test
  void aBareTrustedHostMeansHttpsOnly() {
    TrustedHosts t =
        new TrustedHosts(
            URI.create("http://tfs.corp:8080/tfs/DefaultCollection"),
            List.of("files.corp", "http://plain.corp:81", "HTTPS://auditservice.dev.azure.com/"));
    assertThat(t.isTrusted(URI.create("https://files.corp/x"))).isTrue();
    assertThat(t.isTrusted(URI.create("http://files.corp/x"))).isFalse();
    assertThat(t.isTrusted(URI.create("http://plain.corp:81/x"))).isTrue();
    assertThat(t.isTrusted(URI.create("https://plain.corp:81/x"))).isFalse();
    assertThat(t.isTrusted(URI.create("https://auditservice.dev.azure.com/acme"))).isTrue();
    assertThat(t.isTrusted(URI.create("http://auditservice.dev.azure.com/acme"))).isFalse();
  }

  @Test
  void anHttpsOrganizationNeverSendsCredentialsOverHttpTrustedOrNot() {
    TrustedHosts t =
        new TrustedHosts(
            URI.create("https://tfs.corp/tfs/DefaultCollection"),
            List.of("http://tfs.corp", "http://proxy.corp:8080", "*.corp", "proxy.corp"));
    assertThat(t.isTrusted(URI.create("http://tfs.corp/tfs/DefaultCollection"))).isFalse();
    assertThat(t.isTrusted(URI.create("http://proxy.corp:8080/x"))).isFalse();
    assertThat(t.isTrusted(URI.create("http://a.corp/x"))).isFalse();
    assertThat(t.isTrusted(URI.create("https://a.corp/x"))).isTrue();
    assertThat(t.advice(URI.create("http://tfs.corp/x")))
        .contains("never sent over plain http")
        .doesNotContain("--trusted-domain");
    assertThat(t.advice(URI.create("https://files.example:8443/x")))
        .contains("--trusted-domain https://files.example:8443");
  }

  @Test
  void anHttpsOrganizationRedirectingToHttpIsNotFollowedEvenToATrustedDomain(@TempDir Path tls) {
    Path keyStore = SelfSignedCertificate.create(tls);
    try (TestServer secure = TestServer.https(keyStore, SelfSignedCertificate.PASSWORD)) {
      secure.dispatch(r -> new Reply(302, java.util.Map.of("Location", other.url(r.target())), ""));
      AzdoClient client =
          AzdoClient.builder(
                  Settings.forServer(
                      secure,
                      "trusted-domain",
                      "127.0.0.1,http://127.0.0.1:" + other.port() + ",127.0.0.1:" + other.port()))
              .sslContext(SelfSignedCertificate.trusting(keyStore))
              .build();
      assertThatThrownBy(client::listProcesses)
          .isInstanceOf(AzdoException.class)
          .hasMessageContaining("untrusted host 127.0.0.1 over http")
          .hasMessageContaining("never sent over plain http when the organization URL is https")
          .hasMessageNotContaining("--trusted-domain");
      TestServer.Recorded first = secure.takeRequest();
      assertThat(first.header("Authorization")).startsWith("Basic ");
      assertThat(other.pendingRequests()).isZero();
      // A link to the http host is fetched, but bare.
      other.enqueueJson(200, "{}");
      client.get(other.url("/linked"));
      assertThat(other.takeRequest().header("Authorization")).isNull();
    }
  }

  @Test
  void theHttpsEmulatorGetsCredentialsButItsHttpNeighbourDoesNot(@TempDir Path data) {
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().https(true).dataDir(data).build()).start()) {
      AzdoClient client =
          AzdoClient.builder(
                  ConnectionConfig.parse(
                          java.util.Map.of(
                              "org-url",
                              emulator.url(),
                              "pat",
                              "emulator-pat",
                              "trusted-domain",
                              "http://127.0.0.1:" + other.port()),
                          java.util.Map.of())
                      .orThrow())
              .sslContext(SelfSignedCertificate.trusting(emulator.keyStore()))
              .build();
      assertThat(client.connectionData().userName()).contains("Alice Admin");
      other.enqueueJson(200, "{}");
      client.get(other.url("/demo/_apis/projects"));
      assertThat(other.takeRequest().header("Authorization")).isNull();
    }
  }

  @Test
  void absoluteLinkToAnotherHostIsFetchedWithoutCredentials() {
    other.enqueueJson(200, "{\"ok\":true}");
    AzdoClient client = AzdoClient.create(Settings.forServer(org));
    assertThat(client.get(other.url("/linked")).path("ok").asBoolean()).isTrue();
    TestServer.Recorded r = other.takeRequest();
    assertThat(r.header("Authorization")).isNull();
    assertThat(r.headers().values()).noneMatch(v -> v.contains(Settings.PAT));
  }

  @Test
  void guardStripsCredentialHeadersAddedBeforeIt() {
    other.enqueueJson(200, "{}");
    AzdoClient client =
        AzdoClient.builder(Settings.forServer(org))
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer leaked")
                            .build()))
            .build();
    client.get(other.url("/x"));
    assertThat(other.takeRequest().header("Authorization")).isNull();
  }
}
