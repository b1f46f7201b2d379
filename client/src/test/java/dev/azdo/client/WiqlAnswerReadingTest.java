package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A WIQL answer's ids are streamed out of it; the rest of the answer is read as before. */
class WiqlAnswerReadingTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private QueryResult answer(String body) {
    server.dispatch(r -> Reply.json(200, body));
    AzdoClient client =
        AzdoClient.create(
            Settings.forServer(server, ConnectionConfig.API_VERSION_NEGOTIATION, "off"));
    return new WorkItemQueries(client).run("Demo", "SELECT [System.Id] FROM WorkItems");
  }

  @Test
  void idsComeInTheAnswersOrderWhateverElseTheirObjectsAndTheAnswerHold() {
    QueryResult r =
        answer(
            "{\"queryType\":\"flat\",\"workItems\":["
                + "{\"url\":\"http://x/3\",\"id\":3,\"extra\":{\"a\":[1,{\"id\":99}]}},"
                + "{\"id\":\"5\",\"url\":\"http://x/5\"},"
                + "{\"id\":7}],"
                + "\"columns\":[{\"referenceName\":\"System.Id\",\"name\":\"ID\"}],"
                + "\"asOf\":\"2026-12-04T10:00:00Z\",\"unknown\":{\"workItems\":[{\"id\":1}]}}");
    assertThat(r.ids()).containsExactly(3, 5, 7);
    assertThat(r.asOf()).isEqualTo("2026-12-04T10:00:00Z");
    assertThat(r.columns()).extracting(WiqlColumn::referenceName).containsExactly("System.Id");
    assertThat(r.queryType()).isEqualTo("flat");
  }

  @Test
  void anAnswerThatIsNotAnObjectIsOneClearError() {
    assertThatThrownBy(() -> answer("[1,2,3]"))
        .isInstanceOf(AzdoException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
