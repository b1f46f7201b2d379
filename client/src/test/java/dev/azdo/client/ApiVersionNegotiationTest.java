package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client sends the highest api-version a server offers, up to the configured one: the
 * configured one until the server refuses it or a call needs the server's versions.
 */
class ApiVersionNegotiationTest {
  private final TestServer server = new TestServer();
  private final List<String> targets = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    server.close();
  }

  // A server whose wit locations are released up to `released`, with or without comments.
  private void serve(String released, String commentsMax, int commentsResourceVersion) {
    String comments =
        commentsMax == null
            ? ""
            : ",{\"id\":\""
                + ApiVersions.COMMENTS_LOCATION
                + "\",\"area\":\"wit\",\"resourceName\":\"comments\",\"maxVersion\":\""
                + commentsMax
                + "\",\"releasedVersion\":\"0.0\",\"resourceVersion\":"
                + commentsResourceVersion
                + "}";
    String locations =
        "{\"count\":2,\"value\":[{\"id\":\"72c7ddf8-2cdc-4f60-90cd-ab71c14a399b\",\"area\":\"wit\","
            + "\"resourceName\":\"workItems\",\"maxVersion\":\""
            + released
            + "\",\"releasedVersion\":\""
            + released
            + "\",\"resourceVersion\":3}"
            + comments
            + "]}";
    server.dispatch(
        r -> {
          targets.add(r.method() + " " + r.target());
          if (r.method().equals("OPTIONS")) {
            return Reply.json(200, locations);
          }
          String asked = r.target().replaceAll(".*api-version=([0-9.]+).*", "$1");
          if (ApiVersions.compare(asked, released) > 0) {
            // What the service answers a version it has not released, before doing anything.
            return Reply.json(
                400,
                "{\"message\":\"The requested REST API version of "
                    + asked
                    + " is out of range for this server. The latest REST API version this server"
                    + " supports is "
                    + released
                    + ".\",\"typeName\":\"Microsoft.VisualStudio.Services.WebApi"
                    + ".VssVersionOutOfRangeException, Microsoft.VisualStudio.Services.WebApi\","
                    + "\"typeKey\":\"VssVersionOutOfRangeException\",\"errorCode\":0,"
                    + "\"eventId\":3000}");
          }
          if (r.path().contains("/comments")) {
            return Reply.json(200, "{\"id\":1,\"workItemId\":5,\"text\":\"hi\",\"version\":1}");
          }
          return Reply.json(200, "{\"id\":\"p1\",\"name\":\"Demo\",\"state\":\"wellFormed\"}");
        });
  }

  private AzdoClient client(String... keyValues) {
    String[] all = new String[keyValues.length + 2];
    all[0] = ConnectionConfig.API_VERSION_NEGOTIATION;
    all[1] = "auto";
    System.arraycopy(keyValues, 0, all, 2, keyValues.length);
    return AzdoClient.create(Settings.forServer(server, all));
  }

  @Test
  void anOlderServerGetsItsOwnVersionAndItsCommentsPreview() {
    serve("6.0", "6.0", 3);
    AzdoClient c = client();
    c.getProject("Demo");
    c.addComment("Demo", 5, "hi");
    c.getProject("Demo");
    assertThat(targets)
        .containsExactly(
            "GET /demo/_apis/projects/Demo?api-version=7.1",
            "OPTIONS /demo/_apis/wit",
            "GET /demo/_apis/projects/Demo?api-version=6.0",
            "POST /demo/Demo/_apis/wit/workItems/5/comments?api-version=6.0-preview.3",
            "GET /demo/_apis/projects/Demo?api-version=6.0");
    assertThat(c.apiVersions()).isEqualTo(new ApiVersions("6.0", "6.0-preview.3", "6.0"));
  }

  @Test
  void aNewerServerGetsTheConfiguredVersion() {
    serve("7.2", "7.2", 4);
    AzdoClient c = client(ConnectionConfig.API_VERSION, "7.0");
    c.getProject("Demo");
    c.addComment("Demo", 5, "hi");
    assertThat(targets)
        .containsExactly(
            "GET /demo/_apis/projects/Demo?api-version=7.0",
            "OPTIONS /demo/_apis/wit",
            "POST /demo/Demo/_apis/wit/workItems/5/comments?api-version=7.0-preview.3");
    assertThat(client().apiVersions())
        .isEqualTo(new ApiVersions("7.1", AzdoClient.COMMENTS_API_VERSION, "7.2"));
  }

  @Test
  void aServerWithoutTheCommentsApiIsToldApartBeforeAnyCommentIsSent() {
    serve("5.0", null, 0);
    AzdoClient c = client();
    assertThatThrownBy(() -> c.addComment("Demo", 5, "hi"))
        .isInstanceOf(AzdoException.class)
        .hasMessage(
            "work item comments: this server (api-version 5.0) has no comments API; it came with"
                + " Azure DevOps Server 2019 Update 1 (api-version 5.1)");
    assertThat(targets).containsExactly("OPTIONS /demo/_apis/wit");
  }

  @Test
  void offSendsTheConfiguredVersionWithoutAsking() {
    serve("5.0", null, 0);
    AzdoClient c = client(ConnectionConfig.API_VERSION_NEGOTIATION, "off");
    // The server's refusal comes back as it is: off means the version is the user's to choose.
    assertThatThrownBy(() -> c.getProject("Demo"))
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("The requested REST API version of 7.1 is out of range");
    assertThat(targets).containsExactly("GET /demo/_apis/projects/Demo?api-version=7.1");
  }

  @Test
  void aServerThatRefusesOptionsGetsTheConfiguredVersion() {
    server.dispatch(
        r -> {
          targets.add(r.method() + " " + r.target());
          return r.method().equals("OPTIONS")
              ? Reply.json(405, "{\"message\":\"no\"}")
              : Reply.json(200, "{\"id\":\"p1\",\"name\":\"Demo\"}");
        });
    AzdoClient c = client(ConnectionConfig.RETRY_MAX, "0");
    c.getProject("Demo");
    c.getProject("Demo");
    assertThat(targets)
        .containsExactly(
            "GET /demo/_apis/projects/Demo?api-version=7.1",
            "GET /demo/_apis/projects/Demo?api-version=7.1");
  }

  @Test
  void aWriteAnOlderServerRefusesForItsVersionIsSentOnceMoreWithTheServersOwn() {
    serve("6.0", "6.0", 3);
    AzdoClient c = client();
    c.send("POST", c.api("/Demo/_apis/wit/wiql") + "&$top=5", "{}", null, false, "WIQL query");
    c.send("POST", c.api("/Demo/_apis/wit/wiql"), "{}", null, false, "WIQL query");
    assertThat(targets)
        .containsExactly(
            "POST /demo/Demo/_apis/wit/wiql?api-version=7.1&$top=5",
            "OPTIONS /demo/_apis/wit",
            "POST /demo/Demo/_apis/wit/wiql?api-version=6.0&$top=5",
            "POST /demo/Demo/_apis/wit/wiql?api-version=6.0");
  }

  @Test
  void aRefusalTheServersOwnVersionWouldNotChangeIsReportedAsItCame() {
    serve("6.0", "6.0", 3);
    AzdoClient c = client(ConnectionConfig.API_VERSION, "7.1", ConnectionConfig.RETRY_MAX, "0");
    c.apiVersions();
    targets.clear();
    // Sent with a version of its own, the call is not the client's to re-version.
    assertThatThrownBy(
            () ->
                c.send(
                    "GET",
                    c.base() + "/_apis/projects/Demo?api-version=7.2",
                    null,
                    null,
                    true,
                    "get project"))
        .isInstanceOf(AzdoException.class)
        .hasMessageContaining("out of range for this server");
    assertThat(targets).containsExactly("GET /demo/_apis/projects/Demo?api-version=7.2");
  }

  @Test
  void theProductIsNamedFromTheDeploymentAndTheApiVersion() {
    ConnectionData server = new ConnectionData("u", "n", null, "i", "onPremises", null);
    assertThat(server.product("5.0")).isEqualTo("Azure DevOps Server 2019");
    assertThat(server.product("5.1")).isEqualTo("Azure DevOps Server 2019 Update 1");
    assertThat(server.product("6.0")).isEqualTo("Azure DevOps Server 2020");
    assertThat(server.product("7.0")).isEqualTo("Azure DevOps Server 2022");
    assertThat(server.product("7.1")).isEqualTo("Azure DevOps Server 2022.1");
    assertThat(server.product(null)).isEqualTo("Azure DevOps Server");
    assertThat(new ConnectionData("u", "n", null, "i", "hosted", null).product("7.2"))
        .isEqualTo("Azure DevOps Services");
  }
}
