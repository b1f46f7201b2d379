package dev.azdo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.testing.FakeTime;
import dev.azdo.client.testing.Settings;
import dev.azdo.client.testing.TestServer;
import dev.azdo.client.testing.TestServer.Recorded;
import dev.azdo.client.testing.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzdoClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestServer server = new TestServer();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    server.close();
  }

  private AzdoClient client(String... settings) {
    return AzdoClient.builder(Settings.forServer(server, settings))
        .clock(time.clock())
        .sleeper(time)
        .random(() -> 0.5)
        .build();
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void everyRequestCarriesUserAgentFedAuthSuppressAndBasicPat() {
    server.enqueueJson(200, "{\"value\":[]}");
    client().listProcesses();
    Recorded r = server.takeRequest();
    assertThat(r.target()).isEqualTo("/demo/_apis/process/processes?api-version=7.1");
    assertThat(r.header("User-Agent")).startsWith("azdo-connector-java/");
    assertThat(r.header("X-TFS-FedAuthRedirect")).isEqualTo("Suppress");
    String expected =
        Base64.getEncoder().encodeToString((":" + Settings.PAT).getBytes(StandardCharsets.UTF_8));
    assertThat(r.header("Authorization")).isEqualTo("Basic " + expected);
  }

  @Test
  void authSchemeHeaderAndUserNameAreConfigurable() {
    server.enqueueJson(200, "{\"value\":[]}").enqueueJson(200, "{\"value\":[]}");
    client("auth-scheme", "Bearer", "auth-header", "X-Auth").listProcesses();
    Recorded bearer = server.takeRequest();
    assertThat(bearer.header("X-Auth")).isEqualTo("Bearer " + Settings.PAT);
    assertThat(bearer.header("Authorization")).isNull();
    client("user-name", "svc").listProcesses();
    String basic = server.takeRequest().header("Authorization").substring(6);
    assertThat(new String(Base64.getDecoder().decode(basic), StandardCharsets.UTF_8))
        .isEqualTo("svc:" + Settings.PAT);
  }

  @Test
  void unauthorizedBecomesOneClearAuthenticationError() {
    server.enqueueJson(
        401,
        "{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF400813: The user '' is not"
            + " authorized to access this resource.\",\"typeName\":\"x\",\"typeKey\":"
            + "\"UnauthorizedRequestException\",\"errorCode\":0,\"eventId\":3000}");
    assertThatThrownBy(() -> client().listProcesses())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("authentication failed (HTTP 401) at 127.0.0.1")
        .hasMessageContaining("personal access token is wrong, expired or revoked")
        .hasMessageContaining("TF400813")
        .hasMessageNotContaining(Settings.PAT)
        .satisfies(e -> assertThat(((AzdoException) e).serviceCode()).isEqualTo("TF400813"));
  }

  @Test
  void nonAuthoritativeSignInPageBecomesAuthenticationError() {
    server.enqueue(
        new Reply(
            203,
            Map.of("Content-Type", "text/html; charset=utf-8"),
            "<!DOCTYPE html><html><title>Azure DevOps Services | Sign In</title></html>"));
    assertThatThrownBy(() -> client().listProcesses())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("HTTP 203 sign-in page")
        .satisfies(e -> assertThat(((AzdoException) e).status()).isEqualTo(203));
  }

  @Test
  void errorEnvelopeKeepsServiceCodeTypeKeyAndStatus() {
    server.enqueueJson(
        404,
        "{\"$id\":\"1\",\"innerException\":null,\"message\":\"TF401232: Work item 999 does not"
            + " exist, or you do not have permissions to read it.\",\"typeName\":"
            + "\"Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemUnauthorizedAccessException\","
            + "\"typeKey\":\"WorkItemUnauthorizedAccessException\",\"errorCode\":0,\"eventId\":3200}");
    assertThatThrownBy(() -> client().getWorkItem(999))
        .isInstanceOfSatisfying(
            AzdoException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.serviceCode()).isEqualTo("TF401232");
              assertThat(e.typeKey()).isEqualTo("WorkItemUnauthorizedAccessException");
              assertThat(e.kind()).isEqualTo(AzdoException.Kind.NOT_FOUND);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "get work item 999 (HTTP 404): TF401232: Work item 999 does not exist, or"
                          + " you do not have permissions to read it.");
            });
  }

  @Test
  void projectListingFollowsContinuationTokenHeader() {
    server.enqueue(
        Reply.json(200, "{\"count\":1,\"value\":[{\"id\":\"p1\",\"name\":\"One\"}]}")
            .header("x-ms-continuationtoken", "tok 2"));
    server.enqueueJson(200, "{\"count\":1,\"value\":[{\"id\":\"p2\",\"name\":\"Two\"}]}");
    List<Project> all = client().listAllProjects();
    assertThat(all).extracting(Project::name).containsExactly("One", "Two");
    assertThat(server.takeRequest().query()).isEqualTo("api-version=7.1&$top=100");
    assertThat(server.takeRequest().query())
        .isEqualTo("api-version=7.1&$top=100&continuationToken=tok%202");
  }

  @Test
  void createProjectWaitsForTheOperation() {
    server.enqueueJson(202, "{\"id\":\"op1\",\"status\":\"queued\",\"url\":\"u\"}");
    server.enqueueJson(200, "{\"id\":\"op1\",\"status\":\"inProgress\"}");
    server.enqueueJson(200, "{\"id\":\"op1\",\"status\":\"succeeded\"}");
    server.enqueueJson(200, "{\"id\":\"p9\",\"name\":\"New One\",\"state\":\"wellFormed\"}");
    Project p =
        client().createProject("New One", "d", "adcc42ab-9882-485e-a3ed-7678f01f66bc", null);
    assertThat(p.id()).isEqualTo("p9");
    Recorded create = server.takeRequest();
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.body())
        .contains("\"templateTypeId\":\"adcc42ab-9882-485e-a3ed-7678f01f66bc\"")
        .contains("\"sourceControlType\":\"Git\"");
    assertThat(server.takeRequest().path()).isEqualTo("/demo/_apis/operations/op1");
    assertThat(server.takeRequest().path()).isEqualTo("/demo/_apis/operations/op1");
    assertThat(server.takeRequest().path()).isEqualTo("/demo/_apis/projects/New%20One");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void failedOperationReportsTheServiceMessage() {
    server.enqueueJson(202, "{\"id\":\"op2\",\"status\":\"queued\"}");
    server.enqueueJson(
        200,
        "{\"id\":\"op2\",\"status\":\"failed\",\"resultMessage\":\"TF200019: project exists\"}");
    assertThatThrownBy(() -> client().deleteProject("p1"))
        .isInstanceOfSatisfying(
            AzdoException.class, e -> assertThat(e.serviceCode()).isEqualTo("TF200019"))
        .hasMessageContaining("project exists");
  }

  @Test
  void createWorkItemSendsJsonPatchWithFlags() {
    server.enqueueJson(200, "{\"id\":42,\"rev\":1,\"fields\":{\"System.Title\":\"Hello\"}}");
    WorkItem w =
        client()
            .createWorkItem(
                "Proj A",
                "User Story",
                new WorkItemPatch().set("System.Title", "Hello"),
                new WriteOptions(true, true, true));
    assertThat(w.id()).isEqualTo(42);
    assertThat(w.field("System.Title").asText()).isEqualTo("Hello");
    Recorded r = server.takeRequest();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/demo/Proj%20A/_apis/wit/workitems/$User%20Story");
    assertThat(r.query())
        .isEqualTo("api-version=7.1&validateOnly=true&bypassRules=true&suppressNotifications=true");
    assertThat(r.header("Content-Type")).isEqualTo("application/json-patch+json");
    assertThat(r.body())
        .isEqualTo("[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"Hello\"}]");
  }

  @Test
  void updateAndDeleteUseTheWorkItemUrl() {
    server
        .enqueueJson(200, "{\"id\":7,\"rev\":3,\"fields\":{}}")
        .enqueue(new Reply(204, Map.of(), ""));
    AzdoClient c = client();
    c.updateWorkItem(
        7, new WorkItemPatch().testRev(2).set("System.State", "Active"), WriteOptions.NONE);
    c.deleteWorkItem(7, false);
    Recorded patch = server.takeRequest();
    assertThat(patch.method()).isEqualTo("PATCH");
    assertThat(patch.target()).isEqualTo("/demo/_apis/wit/workitems/7?api-version=7.1");
    assertThat(patch.body()).contains("{\"op\":\"test\",\"path\":\"/rev\",\"value\":2}");
    Recorded delete = server.takeRequest();
    assertThat(delete.method()).isEqualTo("DELETE");
    assertThat(delete.path()).isEqualTo("/demo/_apis/wit/workitems/7");
  }

  @Test
  void workItemsAreFetchedInChunksOf200() {
    server.dispatch(
        r -> {
          JsonNode body;
          try {
            body = json(r.body());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          StringBuilder sb = new StringBuilder("{\"value\":[");
          int i = 0;
          for (JsonNode id : body.path("ids")) {
            sb.append(i++ > 0 ? "," : "")
                .append(id.asInt() == 13 ? "null" : "{\"id\":" + id.asInt() + "}");
          }
          return Reply.json(200, sb.append("]}").toString());
        });
    List<Integer> ids = IntStream.rangeClosed(1, 450).boxed().toList();
    List<WorkItem> items = client().getWorkItems(ids, List.of("System.Title"));
    assertThat(items).hasSize(449);
    assertThat(items.get(12).id()).isEqualTo(14);
    List<Recorded> reqs = server.drain();
    assertThat(reqs).hasSize(3);
    assertThat(reqs.get(0).target()).isEqualTo("/demo/_apis/wit/workitemsbatch?api-version=7.1");
    assertThat(reqs.get(0).body())
        .contains("\"fields\":[\"System.Title\"]", "\"errorPolicy\":\"omit\"");
    assertThat(reqs.get(2).body()).contains("\"ids\":[401,402,");
  }

  @Test
  void batchSendsListAndParsesStringBodies() throws Exception {
    server.enqueueJson(
        200,
        "{\"count\":2,\"value\":[{\"code\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
            + "\"body\":\"{\\\"id\\\":101,\\\"rev\\\":1}\"},{\"code\":400,\"headers\":{},"
            + "\"body\":\"{\\\"message\\\":\\\"TF401320: Rule Error for field Title\\\"}\"}]}");
    AzdoClient c = client();
    List<BatchResult> results =
        c.batch(
            List.of(
                c.createRequest(
                    "Proj",
                    "Task",
                    new WorkItemPatch().set("System.Title", "a"),
                    WriteOptions.NONE),
                c.updateRequest(
                    5,
                    new WorkItemPatch().set("System.Title", ""),
                    new WriteOptions(false, true, false))));
    assertThat(results.get(0).isSuccess()).isTrue();
    assertThat(results.get(0).body().path("id").asInt()).isEqualTo(101);
    assertThat(results.get(1).error().serviceCode()).isEqualTo("TF401320");
    Recorded r = server.takeRequest();
    assertThat(r.target()).isEqualTo("/demo/_apis/wit/$batch?api-version=7.1");
    JsonNode sent = json(r.body());
    assertThat(sent.get(0).path("method").asText()).isEqualTo("PATCH");
    assertThat(sent.get(0).path("uri").asText())
        .isEqualTo("/demo/Proj/_apis/wit/workitems/$Task?api-version=7.1");
    assertThat(sent.get(0).path("headers").path("Content-Type").asText())
        .isEqualTo("application/json-patch+json");
    assertThat(sent.get(1).path("uri").asText())
        .isEqualTo("/demo/_apis/wit/workitems/5?api-version=7.1&bypassRules=true");
    assertThat(sent.get(1).path("body").get(0).path("path").asText())
        .isEqualTo("/fields/System.Title");
  }

  @Test
  void batchRefusesMoreThan200Requests() {
    AzdoClient c = client();
    List<BatchRequest> many = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      many.add(c.updateRequest(i, new WorkItemPatch(), WriteOptions.NONE));
    }
    assertThatThrownBy(() -> c.batch(many)).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.pendingRequests()).isZero();
  }

  @Test
  void wiqlOverTheCapIsSplitOnIdRanges() {
    int total = 45_000;
    server.dispatch(
        r -> {
          String query;
          try {
            query = json(r.body()).path("query").asText();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          Matcher m = Pattern.compile("\\[System\\.Id\\] > (\\d+)").matcher(query);
          Matcher top = Pattern.compile("\\$top=(\\d+)").matcher(r.query());
          if (!m.find() || !top.find()) {
            return Reply.json(
                400,
                "{\"message\":\"VS402337: The number of work items returned exceeds the size"
                    + " limit of 20000. Change the query to return fewer work items.\","
                    + "\"typeKey\":\"WorkItemTrackingQueryResultSizeLimitExceededException\"}");
          }
          int after = Integer.parseInt(m.group(1));
          int limit = Integer.parseInt(top.group(1));
          StringBuilder sb =
              new StringBuilder(
                  "{\"queryType\":\"flat\",\"columns\":[{\"referenceName\":\"System.Id\"}],\"workItems\":[");
          int n = 0;
          for (int id = after + 1; id <= total && n < limit; id++, n++) {
            sb.append(n > 0 ? "," : "").append("{\"id\":").append(id).append('}');
          }
          return Reply.json(200, sb.append("]}").toString());
        });
    WiqlResult result =
        client()
            .queryIds(
                "Proj",
                "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY"
                    + " [System.ChangedDate] DESC");
    assertThat(result.split()).isTrue();
    assertThat(result.ids()).hasSize(total).doesNotHaveDuplicates();
    assertThat(result.columns()).containsExactly("System.Id");
    List<Recorded> reqs = server.drain();
    assertThat(reqs).hasSize(4);
    assertThat(reqs.get(0).target()).isEqualTo("/demo/Proj/_apis/wit/wiql?api-version=7.1");
    assertThat(reqs.get(3).body())
        .contains("[System.Id] > 40000 AND ([System.TeamProject] = @project)");
  }

  @Test
  void commentsUsePreviewVersionAndContinuationToken() {
    server.enqueueJson(
        200,
        "{\"totalCount\":2,\"count\":1,\"comments\":[{\"id\":1,\"workItemId\":5,\"text\":\"hi\","
            + "\"createdBy\":{\"displayName\":\"Ann\"}}],\"continuationToken\":\"c2\"}");
    server.enqueueJson(200, "{\"id\":2,\"workItemId\":5,\"text\":\"new\",\"version\":1}");
    AzdoClient c = client();
    Page<Comment> page = c.listComments("Proj", 5, null);
    assertThat(page.items()).extracting(Comment::createdBy).containsExactly("Ann");
    assertThat(page.continuationToken()).isEqualTo("c2");
    assertThat(c.addComment("Proj", 5, "new").id()).isEqualTo(2);
    assertThat(server.takeRequest().target())
        .isEqualTo("/demo/Proj/_apis/wit/workItems/5/comments?api-version=7.1-preview.4&$top=200");
    Recorded post = server.takeRequest();
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.body()).isEqualTo("{\"text\":\"new\"}");
  }

  @Test
  void fieldsCombineTypeRulesWithDataTypesAndAreCached() {
    String definitions =
        "{\"value\":[{\"referenceName\":\"System.Title\",\"name\":\"Title\",\"type\":\"string\"},"
            + "{\"referenceName\":\"System.State\",\"name\":\"State\",\"type\":\"string\"},"
            + "{\"referenceName\":\"System.Id\",\"name\":\"ID\",\"type\":\"integer\",\"readOnly\":true}]}";
    String typeFields =
        "{\"value\":[{\"referenceName\":\"System.Title\",\"name\":\"Title\",\"alwaysRequired\":true},"
            + "{\"referenceName\":\"System.State\",\"name\":\"State\",\"allowedValues\":[\"New\",\"Active\"],"
            + "\"defaultValue\":\"New\"},{\"referenceName\":\"System.Id\",\"name\":\"ID\"}]}";
    // The two reads go out together: the definitions are answered only once the type's fields
    // were asked for too (a client that read them one after the other would get a 500 here).
    java.util.concurrent.CountDownLatch typeAsked = new java.util.concurrent.CountDownLatch(1);
    server.dispatch(
        r -> {
          if (r.target().contains("/workitemtypes/")) {
            typeAsked.countDown();
            return Reply.json(200, typeFields);
          }
          try {
            return typeAsked.await(5, java.util.concurrent.TimeUnit.SECONDS)
                ? Reply.json(200, definitions)
                : Reply.json(500, "{\"message\":\"the type's fields were not asked for\"}");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    AzdoClient c = client();
    List<WorkItemField> fields = c.listFields("Proj", "Bug");
    assertThat(c.listFields("proj", "bug")).isSameAs(fields);
    assertThat(fields)
        .containsExactly(
            new WorkItemField("System.Title", "Title", "string", false, true, List.of(), null),
            new WorkItemField(
                "System.State", "State", "string", false, false, List.of("New", "Active"), "New"),
            new WorkItemField("System.Id", "ID", "integer", true, false, List.of(), null));
    assertThat(server.drain())
        .extracting(Recorded::target)
        .containsExactlyInAnyOrder(
            "/demo/Proj/_apis/wit/fields?api-version=7.1",
            "/demo/Proj/_apis/wit/workitemtypes/Bug/fields?api-version=7.1&$expand=all");
  }

  @Test
  void attachmentIsUploadedAsOctetStreamThenLinked() throws Exception {
    server.enqueueJson(
        201, "{\"id\":\"a1\",\"url\":\"" + server.url("/demo/_apis/wit/attachments/a1") + "\"}");
    server.enqueueJson(200, "{\"id\":3,\"rev\":2,\"fields\":{}}");
    AzdoClient c = client();
    AttachmentReference ref =
        c.uploadAttachment("Proj", "notes v1.txt", "hello".getBytes(StandardCharsets.UTF_8));
    c.updateWorkItem(
        3, new WorkItemPatch().addAttachment(ref.url(), "from import"), WriteOptions.NONE);
    Recorded upload = server.takeRequest();
    assertThat(upload.target())
        .isEqualTo(
            "/demo/Proj/_apis/wit/attachments?api-version=7.1&fileName=notes%20v1.txt&uploadType=simple");
    assertThat(upload.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(upload.body()).isEqualTo("hello");
    JsonNode op = json(server.takeRequest().body()).get(0);
    assertThat(op.path("path").asText()).isEqualTo("/relations/-");
    assertThat(op.path("value").path("rel").asText()).isEqualTo("AttachedFile");
    assertThat(op.path("value").path("attributes").path("comment").asText())
        .isEqualTo("from import");
  }

  @Test
  void classificationNodesEncodePathsPerSegment() {
    server.enqueueJson(
        200,
        "{\"id\":1,\"name\":\"Proj\",\"structureType\":\"area\",\"hasChildren\":true,\"children\":[{\"id\":2,\"name\":\"Team A\"}]}");
    server.enqueueJson(201, "{\"id\":3,\"name\":\"Sprint 1\",\"structureType\":\"iteration\"}");
    server.enqueue(new Reply(204, Map.of(), ""));
    AzdoClient c = client();
    ClassificationNode root = c.getNode("Proj", ClassificationNode.Group.AREAS, null, 2);
    assertThat(root.children()).extracting(ClassificationNode::name).containsExactly("Team A");
    c.createNode("Proj", ClassificationNode.Group.ITERATIONS, "Release 1\\Q1", "Sprint 1", null);
    c.deleteNode("Proj", ClassificationNode.Group.AREAS, "Team A", 1);
    assertThat(server.drain())
        .extracting(Recorded::target)
        .containsExactly(
            "/demo/Proj/_apis/wit/classificationnodes/Areas?api-version=7.1&$depth=2",
            "/demo/Proj/_apis/wit/classificationnodes/Iterations/Release%201/Q1?api-version=7.1",
            "/demo/Proj/_apis/wit/classificationnodes/Areas/Team%20A?api-version=7.1&$reclassifyId=1");
  }

  @Test
  void teamsAreListedWithSkipPaging() {
    StringBuilder hundred = new StringBuilder("{\"value\":[");
    for (int i = 0; i < 100; i++) {
      hundred
          .append(i > 0 ? "," : "")
          .append("{\"id\":\"t")
          .append(i)
          .append("\",\"name\":\"T")
          .append(i)
          .append("\"}");
    }
    server.enqueueJson(200, hundred.append("]}").toString());
    server.enqueueJson(200, "{\"value\":[{\"id\":\"x\",\"name\":\"Last\"}]}");
    assertThat(client().listTeams("Proj")).hasSize(101);
    assertThat(server.drain())
        .extracting(Recorded::query)
        .containsExactly("api-version=7.1&$top=100&$skip=0", "api-version=7.1&$top=100&$skip=100");
  }

  @Test
  void clientIsSafeToShareAcrossThreads() throws Exception {
    server.dispatch(r -> Reply.json(200, "{\"id\":1,\"rev\":1,\"fields\":{}}"));
    AzdoClient c = client();
    List<Thread> threads = new ArrayList<>();
    List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      Thread t =
          new Thread(
              () -> {
                for (int j = 0; j < 10; j++) {
                  seen.add(c.getWorkItem(1).id());
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(seen).hasSize(80).containsOnly(1);
    assertThat(server.drain()).hasSize(80);
  }
}
