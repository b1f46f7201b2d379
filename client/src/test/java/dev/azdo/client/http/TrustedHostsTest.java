package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
    AzdoClient.create(Settings.forServer(org, "trusted-domain", "127.0.0.1:" + other.port()))
        .listProcesses();
    assertThat(other.takeRequest().header("Authorization")).startsWith("Basic ");
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
