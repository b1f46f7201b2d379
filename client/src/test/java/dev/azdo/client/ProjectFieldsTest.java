package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The field catalogue is read token by token into what its tree would have given. */
class ProjectFieldsTest {
  private static final String ANSWER =
      "{\"count\":5,\"value\":["
          + "{\"name\":\"Assigned To\",\"referenceName\":\"System.AssignedTo\",\"type\":\"string\","
          + "\"isIdentity\":true,\"readOnly\":false,\"supportedOperations\":[{\"referenceName\":"
          + "\"SupportedOperations.Equals\",\"name\":\"=\"}],\"url\":\"http://x/f/1\"},"
          + "{\"referenceName\":\"System.Id\",\"name\":\"ID\",\"type\":\"integer\",\"readOnly\":true,"
          + "\"picklistId\":null,\"nested\":{\"referenceName\":\"not this\"}},"
          + "{\"referenceName\":\"Custom.Owner\",\"name\":\"Owner\",\"type\":\"identity\"},"
          + "null,"
          + "{\"referenceName\":\"Custom.Odd\",\"name\":{\"a\":1},\"type\":null,"
          + "\"isIdentity\":1,\"readOnly\":\" true \"}"
          + "],\"extra\":{\"value\":[{\"referenceName\":\"Not.A.Field\"}]}}";

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyFieldComesWithWhatNamesAndTypesItAndTheRestIsSteppedOver() throws Exception {
    List<FieldInfo> read = ProjectFields.read(ANSWER.getBytes(StandardCharsets.UTF_8));
    assertThat(read)
        .containsExactly(
            new FieldInfo("System.AssignedTo", "Assigned To", "string", true, false),
            new FieldInfo("System.Id", "ID", "integer", false, true),
            new FieldInfo("Custom.Owner", "Owner", "identity", true, false),
            new FieldInfo("Custom.Odd", "", null, true, true));
    // The same as the tree-based reading of each entry.
    var tree = Json.MAPPER.readTree(ANSWER).get("value");
    for (int i = 0, j = 0; i < tree.size(); i++) {
      if (tree.get(i).isObject()) {
        assertThat(read.get(j++)).isEqualTo(FieldInfo.from(tree.get(i)));
      }
    }
  }

  @Test
  void theCatalogueComesFromTheProjectsFieldsAndAnUnreadableAnswerIsOneClearError() {
    server.enqueueJson(200, ANSWER);
    AzdoClient client =
        AzdoClient.create(
            Settings.forServer(server, ConnectionConfig.API_VERSION_NEGOTIATION, "off"));
    assertThat(new ProjectFields(client).list("Demo")).hasSize(4);
    assertThat(server.takeRequest().path()).endsWith("/Demo/_apis/wit/fields");
    server.enqueueJson(200, "{\"value\":[{\"referenceName\":\"System.Id\"");
    assertThatThrownBy(() -> new ProjectFields(client).list("Demo"))
        .isInstanceOf(AzdoException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("unreadable").doesNotContain("\n"));
  }
}
