package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.AuthenticationException;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.BatchResult;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.Comment;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ConnectionTester;
import dev.azdo.client.Project;
import dev.azdo.client.WiqlResult;
import dev.azdo.client.WorkItem;
import dev.azdo.client.WorkItemField;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.emulator.Emulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the client against the in-process Azure DevOps emulator (port 0, org demo, project Demo).
 */
class EmulatorIntegrationTest {
  private static Emulator emulator;
  private static AzdoClient client;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    client = AzdoClient.create(settings("emulator-pat"));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static ConnectionSettings settings(String pat) {
    return ConnectionConfig.parse(
            Map.of("org-url", emulator.url(), "pat", pat, "project", "Demo"), Map.of())
        .orThrow();
  }

  @Test
  void connectionTestReportsTheEmulatorUser() {
    ConnectionTester.Result r = ConnectionTester.test(settings("emulator-pat"));
    assertThat(r.ok()).as(String.valueOf(r.reason())).isTrue();
    assertThat(r.user()).isNotBlank();
    assertThat(r.organization()).isEqualTo("demo");
  }

  @Test
  void wrongPatIsReportedAsAuthenticationFailure() {
    AzdoClient bad = AzdoClient.create(settings("wrong-pat-value"));
    assertThatThrownBy(bad::listAllProjects).isInstanceOf(AuthenticationException.class);
    ConnectionTester.Result r = ConnectionTester.test(settings("wrong-pat-value"));
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).startsWith("bad PAT").doesNotContain("wrong-pat-value");
  }

  @Test
  void unknownOrganizationIsReportedAsWrongOrganization() {
    ConnectionSettings s =
        ConnectionConfig.parse(
                Map.of("org-url", emulator.rootUrl() + "/nosuchorg", "pat", "emulator-pat"),
                Map.of())
            .orThrow();
    ConnectionTester.Result r = ConnectionTester.test(s);
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).startsWith("wrong organization");
  }

  @Test
  void seededProjectAndProcessesAreListed() {
    assertThat(client.listAllProjects()).extracting(Project::name).contains("Demo");
    assertThat(client.listProcesses()).extracting(dev.azdo.client.Process::name).contains("Agile");
    assertThat(client.listTeams("Demo")).isNotEmpty();
  }

  @Test
  void workItemLifecycleOverTheRealRoutes() {
    List<WorkItemField> fields = client.listFields("Demo", "User Story");
    assertThat(fields).extracting(WorkItemField::referenceName).contains("System.Title");

    WorkItem created =
        client.createWorkItem(
            "Demo",
            "User Story",
            new WorkItemPatch().set("System.Title", "From the client IT"),
            WriteOptions.NONE);
    assertThat(created.id()).isPositive();
    WorkItem updated =
        client.updateWorkItem(
            created.id(),
            new WorkItemPatch().set("System.Title", "Renamed by the client IT"),
            WriteOptions.NONE);
    assertThat(updated.field("System.Title").asText()).isEqualTo("Renamed by the client IT");
    assertThat(client.getWorkItems(List.of(created.id()), List.of("System.Title")))
        .extracting(WorkItem::id)
        .containsExactly(created.id());

    Comment c = client.addComment("Demo", created.id(), "hello from IT");
    assertThat(client.listComments("Demo", created.id(), null).items())
        .extracting(Comment::id)
        .contains(c.id());

    WiqlResult q =
        client.queryIds(
            "Demo",
            "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'Renamed by the client IT'");
    assertThat(q.ids()).contains(created.id());

    client.deleteWorkItem(created.id(), false);
    assertThatThrownBy(() -> client.getWorkItem(created.id()))
        .isInstanceOfSatisfying(AzdoException.class, e -> assertThat(e.status()).isIn(404, 410));
  }

  @Test
  void batchCreatesItemsOneByOne() {
    List<BatchResult> results =
        client.batch(
            List.of(
                client.createRequest(
                    "Demo",
                    "Task",
                    new WorkItemPatch().set("System.Title", "batch ok"),
                    WriteOptions.NONE),
                client.createRequest(
                    "Demo",
                    "Task",
                    new WorkItemPatch().set("System.Title", ""),
                    WriteOptions.NONE)));
    assertThat(results).hasSize(2);
    assertThat(results.get(0).isSuccess()).isTrue();
    assertThat(results.get(0).body().path("id").asInt()).isPositive();
    assertThat(results.get(1).isSuccess()).isFalse();
    assertThat(results.get(1).error().serviceCode()).isEqualTo("TF401320");
  }

  @Test
  void projectCreateAndDeleteWaitForTheirOperations() {
    dev.azdo.emulator.realism.EmulatorClock clock =
        (dev.azdo.emulator.realism.EmulatorClock) emulator.context().clock();
    // Polling waits move the emulator's clock instead of real time.
    AzdoClient c =
        AzdoClient.builder(settings("emulator-pat")).clock(clock).sleeper(clock::advance).build();
    String agile =
        c.listProcesses().stream()
            .filter(p -> p.name().equals("Agile"))
            .findFirst()
            .orElseThrow()
            .id();
    Project p = c.createProject("Client IT Project", "made by the client IT", agile, "private");
    assertThat(p.name()).isEqualTo("Client IT Project");
    assertThat(c.deleteProject(p.id()).succeeded()).isTrue();
    assertThat(c.listAllProjects()).extracting(Project::name).doesNotContain("Client IT Project");
  }

  @Test
  void areaRootIsReadable() {
    ClassificationNode root = client.getNode("Demo", ClassificationNode.Group.AREAS, null, 1);
    assertThat(root.name()).isEqualTo("Demo");
  }
}
