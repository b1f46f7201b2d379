package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTesterTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void goodConnectionReportsUserOrganizationAndApiVersion() {
    server.enqueueJson(
        200,
        "{\"authenticatedUser\":{\"id\":\"u1\",\"providerDisplayName\":\"Ann Lee\",\"properties\":"
            + "{\"Account\":{\"$type\":\"System.String\",\"$value\":\"ann@example.com\"}}},"
            + "\"instanceId\":\"i1\",\"deploymentType\":\"hosted\"}");
    server.enqueueJson(
        200,
        "{\"count\":2,\"value\":[{\"area\":\"core\",\"releasedVersion\":\"7.1\"},"
            + "{\"area\":\"wit\",\"releasedVersion\":\"7.2\"},{\"area\":\"x\",\"releasedVersion\":\"0.0\"}]}");
    ConnectionTester.Result r =
        ConnectionTester.test(Settings.forServer(server, "api-version-negotiation", "auto"));
    assertThat(r.ok()).isTrue();
    assertThat(r.user()).isEqualTo("Ann Lee <ann@example.com>");
    assertThat(r.organization()).isEqualTo("demo");
    assertThat(r.serverApiVersion()).isEqualTo("7.2");
    assertThat(r.product()).isEqualTo("Azure DevOps Services");
    assertThat(r.apiVersion()).isEqualTo("7.1");
    assertThat(server.takeRequest().target()).isEqualTo("/demo/_apis/connectionData");
    TestServer.Recorded options = server.takeRequest();
    assertThat(options.method()).isEqualTo("OPTIONS");
    assertThat(options.target()).isEqualTo("/demo/_apis/wit");
  }

  @Test
  void apiVersionIsOptional() {
    server.enqueueJson(
        200, "{\"authenticatedUser\":{\"id\":\"u1\",\"providerDisplayName\":\"Ann\"}}");
    server.enqueueJson(405, "{\"message\":\"no\"}");
    ConnectionTester.Result r =
        ConnectionTester.test(
            Settings.forServer(server, "retry-max", "0", "api-version-negotiation", "auto"));
    assertThat(r.ok()).isTrue();
    assertThat(r.serverApiVersion()).isNull();
    assertThat(r.apiVersion()).isEqualTo("7.1");
  }

  @Test
  void badPatGivesOneLineReason() {
    server.enqueueJson(401, "{\"message\":\"TF400813: not authorized\"}");
    ConnectionTester.Result r = ConnectionTester.test(Settings.forServer(server));
    assertThat(r.ok()).isFalse();
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.AUTHENTICATION);
    assertThat(r.reason()).startsWith("bad PAT").doesNotContain("\n").doesNotContain(Settings.PAT);
  }

  @Test
  void anonymousAnswerCountsAsBadCredentials() {
    server.enqueueJson(
        200, "{\"authenticatedUser\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}");
    ConnectionTester.Result r = ConnectionTester.test(Settings.forServer(server));
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.AUTHENTICATION);
    assertThat(r.reason()).contains("anonymous");
  }

  @Test
  void unreachableHostGivesOneLineReason() {
    TestServer dead = new TestServer();
    dead.close();
    ConnectionTester.Result r = ConnectionTester.test(Settings.forServer(dead, "retry-max", "0"));
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.UNREACHABLE);
    assertThat(r.reason()).startsWith("unreachable host 127.0.0.1:" + dead.port());
  }

  @Test
  void unknownOrganizationGivesWrongOrganization() {
    server.enqueueJson(404, "{\"message\":\"VS800075: The organization does not exist\"}");
    ConnectionTester.Result r = ConnectionTester.test(Settings.forServer(server));
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.NOT_FOUND);
    assertThat(r.reason()).startsWith("wrong organization").contains("VS800075");
  }

  @Test
  void redirectElsewhereGivesUntrustedHost() {
    server.enqueue(new Reply(302, Map.of("Location", "https://phish.example/login"), ""));
    ConnectionTester.Result r = ConnectionTester.test(Settings.forServer(server));
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.UNTRUSTED_HOST);
    assertThat(r.reason()).startsWith("untrusted host").contains("phish.example");
  }

  @Test
  void aRefusedConnectionFailsWithinThreeSecondsDespiteTheRetryPolicy() {
    TestServer dead = new TestServer();
    dead.close();
    long start = System.nanoTime();
    // The default policy (5 retries, doubling from 1 s) would take about 30 s.
    ConnectionTester.Result r = ConnectionTester.test(Settings.forServer(dead));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.UNREACHABLE);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void anUnresolvableHostFailsWithinThreeSeconds() {
    long start = System.nanoTime();
    ConnectionTester.Result r =
        ConnectionTester.test(
            ConnectionConfig.parse(
                    Map.of("org-url", "https://nosuchhost.invalid/acme", "pat", "x"), Map.of())
                .orThrow());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.ok()).isFalse();
    assertThat(r.failure()).isEqualTo(AzdoException.Kind.UNREACHABLE);
    assertThat(r.reason()).contains("nosuchhost.invalid");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aMissingDefaultProjectFailsAndListsTheOrganizationsProjects() {
    server.enqueueJson(
        200, "{\"authenticatedUser\":{\"id\":\"u1\",\"providerDisplayName\":\"Ann\"}}");
    server.enqueueJson(405, "{\"message\":\"no\"}");
    server.enqueueJson(
        404,
        "{\"message\":\"TF200016: The following project does not exist: Shopp.\","
            + "\"typeKey\":\"ProjectDoesNotExistWithNameException\"}");
    server.enqueueJson(
        200,
        "{\"count\":2,\"value\":[{\"id\":\"p1\",\"name\":\"Shop\"},{\"id\":\"p2\",\"name\":\"Web\"}]}");
    ConnectionTester.Result r =
        ConnectionTester.test(Settings.forServer(server, "project", "Shopp"));
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).isEqualTo("project 'Shopp' does not exist in demo");
    assertThat(r.project()).isEqualTo("Shopp");
    assertThat(r.projects()).containsExactly("Shop", "Web");
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().target()).startsWith("/demo/_apis/projects/Shopp?");
    assertThat(server.takeRequest().target()).startsWith("/demo/_apis/projects?");
  }
}
