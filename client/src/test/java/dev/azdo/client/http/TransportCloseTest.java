package dev.azdo.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a client ends the threads of its PATCH client, which would otherwise hold up the JVM's
 * exit; the other calls start none.
 */
class TransportCloseTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
        .collect(Collectors.toSet());
  }

  private static final String ITEM = "{\"id\":7,\"rev\":2,\"fields\":{}}";

  private static void update(AzdoClient client) {
    client.updateWorkItem(7, new WorkItemPatch().set("System.Title", "t"), WriteOptions.NONE);
  }

  @Test
  void callsOtherThanPatchStartNoThreadOfTheirOwn() {
    Set<Thread> before = selectorThreads();
    try (AzdoClient client = AzdoClient.create(Settings.forServer(server))) {
      server.enqueueJson(200, "{\"value\":[]}");
      assertThat(client.listProcesses()).isEmpty();
      Set<Thread> started = selectorThreads();
      started.removeAll(before);
      // They go through HttpURLConnection, on the caller's thread.
      assertThat(started).isEmpty();
    }
  }

  @Test
  void closeEndsThePatchClientsSelectorThreadAndALaterPatchOpensANewClient() {
    Set<Thread> before = selectorThreads();
    AzdoClient client = AzdoClient.create(Settings.forServer(server));
    server.enqueueJson(200, ITEM);
    update(client);
    assertThat(server.takeRequest().method()).isEqualTo("PATCH");
    Set<Thread> started = selectorThreads();
    started.removeAll(before);
    assertThat(started).hasSize(1);

    client.close();

    assertThat(started).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    server.enqueueJson(200, ITEM);
    update(client);
    assertThat(server.takeRequest().target()).startsWith("/demo/_apis/wit/workitems/7");
    client.close();
    client.close(); // closing twice is harmless
  }

  @Test
  void aGivenTransportIsLeftToItsGiver() throws Exception {
    TransportInterceptor transport =
        new TransportInterceptor(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));
    AzdoClient client = AzdoClient.builder(Settings.forServer(server)).transport(transport).build();
    Set<Thread> before = selectorThreads();
    server.enqueueJson(200, ITEM);
    update(client);
    Set<Thread> started = selectorThreads();
    started.removeAll(before);

    client.close();

    assertThat(started).hasSize(1).allSatisfy(t -> assertThat(t.isAlive()).isTrue());
    transport.close();
    assertThat(started).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  void theSelectorThreadIsNamedAfterTheIdInTheClientsText() {
    assertThat(HttpClientStopper.selectorThreadName("jdk.internal.net.http.HttpClientImpl@1b(12)"))
        .isEqualTo("HttpClient-12-SelectorManager");
    assertThat(HttpClientStopper.selectorThreadName("SomeOtherClient@1b")).isNull();
    assertThat(HttpClientStopper.selectorThreadName("SomeOtherClient(x)")).isNull();
  }
}
