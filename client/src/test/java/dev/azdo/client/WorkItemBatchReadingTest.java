package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A workitemsbatch answer is read token by token; identities are slimmed only when asked. */
class WorkItemBatchReadingTest {
  private static final String ALICE =
      "{\"displayName\":\"Alice Admin\",\"url\":\"http://x/_apis/Identities/a1\","
          + "\"_links\":{\"avatar\":{\"href\":\"http://x/avatar/a1\"}},\"id\":\"a1\","
          + "\"uniqueName\":\"alice@example.com\",\"imageUrl\":\"http://x/avatar/a1\","
          + "\"descriptor\":\"aad.a1\"}";
  private static final String ANSWER =
      "{\"count\":4,\"value\":["
          + "{\"id\":3,\"rev\":2,\"fields\":{\"System.Title\":\"Three\",\"System.AssignedTo\":"
          + ALICE
          + ",\"Custom.Shape\":{\"url\":\"kept\",\"kind\":\"square\"},"
          + "\"System.Tags\":null,\"Custom.Size\":1.5},"
          + "\"relations\":[{\"rel\":\"System.LinkTypes.Hierarchy-Reverse\",\"url\":\"http://x/1\"}],"
          + "\"_links\":{\"self\":{\"href\":\"http://x/3\"}},\"url\":\"http://x/3\"},"
          + "null,"
          + "{\"url\":\"http://x/5\",\"fields\":{\"System.Title\":\"Five\"},\"rev\":1,\"id\":5},"
          + "{\"id\":{\"odd\":[1]},\"rev\":[2],\"url\":{\"a\":1},\"fields\":null}"
          + "],\"extra\":{\"value\":[{\"id\":9}]}}";

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private List<WorkItem> read(String body, boolean slim) {
    server.dispatch(r -> Reply.json(200, body));
    AzdoClient client =
        AzdoClient.create(
            Settings.forServer(server, ConnectionConfig.API_VERSION_NEGOTIATION, "off"));
    return WorkItemFetcher.builder(client)
        .slimIdentities(slim)
        .build()
        .fetchAll(List.of(3, 4, 5, 6));
  }

  @Test
  void itemsComeWithTheirFieldsRelationsAndUrlsAndNullsAreSkipped() {
    List<WorkItem> items = read(ANSWER, false);
    // An item whose id, rev, url or fields are not what the service sends reads as the old
    // tree's asInt and path did: 0, no url, no fields; the items after it still parse.
    assertThat(items).extracting(WorkItem::id).containsExactly(3, 5, 0);
    assertThat(items.get(2).url()).isNull();
    assertThat(items.get(2).field("System.Title").isMissingNode()).isTrue();
    WorkItem three = items.get(0);
    assertThat(three.rev()).isEqualTo(2);
    assertThat(three.url()).isEqualTo("http://x/3");
    assertThat(three.field("System.Title").asText()).isEqualTo("Three");
    assertThat(three.field("System.Tags").isNull()).isTrue();
    assertThat(three.field("Custom.Size").asDouble()).isEqualTo(1.5);
    assertThat(three.relations()).hasSize(1);
    assertThat(three.relations().get(0).path("url").asText()).isEqualTo("http://x/1");
    // Unasked, an identity stays as the service sent it.
    assertThat(three.field("System.AssignedTo")).isEqualTo(tree(ALICE));
    assertThat(items.get(1).field("System.Title").asText()).isEqualTo("Five");
    assertThat(items.get(1).rev()).isEqualTo(1);
  }

  @Test
  void slimmedIdentitiesKeepWhatNamesThePersonAndOtherObjectsStayWhole() {
    WorkItem three = read(ANSWER, true).get(0);
    assertThat(three.field("System.AssignedTo").toString())
        .isEqualTo(
            "{\"displayName\":\"Alice Admin\",\"id\":\"a1\",\"uniqueName\":\"alice@example.com\","
                + "\"descriptor\":\"aad.a1\"}");
    assertThat(three.field("Custom.Shape").toString())
        .isEqualTo("{\"url\":\"kept\",\"kind\":\"square\"}");
    assertThat(three.field("System.Title").asText()).isEqualTo("Three");
  }

  @Test
  void everyKindOfValueReadsAsJacksonsTreeWouldNodeTypesIncluded() {
    String fields =
        "{\"Int\":7,\"Long\":12345678901,\"Big\":123456789012345678901234567890,"
            + "\"Negative\":-3,\"Fraction\":2.25,\"Exponent\":1e3,\"Yes\":true,\"No\":false,"
            + "\"Nothing\":null,\"Text\":\"a \\\"quoted\\\" \\u00e9\",\"Empty\":\"\","
            + "\"List\":[1,\"two\",[3.5,null],{\"k\":[]}],\"Nested\":{\"a\":{\"b\":{}}}}";
    String answer = "{\"count\":1,\"value\":[{\"id\":3,\"rev\":1,\"fields\":" + fields + "}]}";
    for (boolean slim : new boolean[] {false, true}) {
      JsonNode read = read(answer, slim).get(0).fields();
      JsonNode expected = tree(fields);
      assertThat(read).isEqualTo(expected);
      // JsonNode equality already tells an IntNode from a LongNode; the classes make it plain.
      expected
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(read.get(e.getKey()).getClass())
                      .as(e.getKey())
                      .isEqualTo(e.getValue().getClass()));
    }
  }

  @Test
  void anUnreadableAnswerIsOneClearError() {
    assertThatThrownBy(() -> read("[1,2,3]", true))
        .isInstanceOf(AzdoException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("unreadable").doesNotContain("\n"));
    assertThatThrownBy(() -> read("{\"value\":[{\"id\":3,", false))
        .isInstanceOf(AzdoException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("unreadable"));
  }

  @Test
  void whileTheFirstChunksCallIsSlowTheOtherThreadReadsTheChunksAfterIt() throws Exception {
    // Two calls in flight over five chunks: the first chunk's answer is held until the server has
    // answered three others. A window of only two chunks would never ask for them.
    CountDownLatch others = new CountDownLatch(3);
    AtomicBoolean heldUntilOthersWereRead = new AtomicBoolean();
    server.dispatch(
        r -> {
          JsonNode ids = tree(r.body()).path("ids");
          if (ids.get(0).asInt() == 1) {
            try {
              heldUntilOthersWereRead.set(others.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          } else {
            others.countDown();
          }
          StringBuilder b = new StringBuilder("{\"count\":" + ids.size() + ",\"value\":[");
          for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(ids.get(i).asInt()).append('}');
          }
          return Reply.json(200, b.append("]}").toString());
        });
    AzdoClient client =
        AzdoClient.create(
            Settings.forServer(server, ConnectionConfig.API_VERSION_NEGOTIATION, "off"));
    List<Integer> wanted = IntStream.rangeClosed(1, 1000).boxed().toList();
    Iterator<WorkItem> it = WorkItemFetcher.builder(client).concurrency(2).build().items(wanted);
    List<Integer> read = new ArrayList<>();
    it.forEachRemaining(w -> read.add(w.id()));
    assertThat(read).isEqualTo(wanted);
    assertThat(heldUntilOthersWereRead).isTrue();
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
