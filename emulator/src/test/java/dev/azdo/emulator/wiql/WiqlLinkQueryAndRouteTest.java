package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlDemoSession.HF;
import static dev.azdo.emulator.wiql.WiqlDemoSession.ids;
import static dev.azdo.emulator.wiql.WiqlDemoSession.relations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Http;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WIQL link queries (one-hop, recursive) and the routes: team and organization level, project by
 * id, saved query ids, location.
 */
class WiqlLinkQueryAndRouteTest {
  static WiqlDemoSession session;

  @BeforeAll
  static void start() {
    session = WiqlDemoSession.start();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  @Test
  void teamSegmentAndOrganizationLevelCallsAreServed() {
    Http.Res team =
        session.query(
            "Demo/Demo%20Team/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'Elsewhere'");
    assertThat(ids(team)).containsExactly(9006);
    Http.Res org =
        session.query(
            "_apis/wit/wiql?api-version=7.1-preview.2",
            "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'Active' ORDER BY"
                + " [System.Id]");
    assertThat(ids(org)).containsExactly(9002, 9005, 9006);
  }

  @Test
  void aBodyWithoutQueryIsRefused() {
    Http.Res r = session.http.post("Demo/_apis/wit/wiql?api-version=7.1", Map.of("wiql", "SELECT"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("wiql");
  }

  @Test
  void oneHopMustContainReturnsSourcesWithTheirMatchingLinks() {
    Http.Res r =
        session.query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItemLinks WHERE ([Source].[System.TeamProject] = @project"
                + " AND [Source].[System.WorkItemType] = 'Epic') AND ([System.Links.LinkType] ="
                + " 'System.LinkTypes.Hierarchy-Forward') AND ([Target].[System.WorkItemType] ="
                + " 'Feature') ORDER BY [System.Id] MODE (MustContain)");
    assertThat(relations(r)).containsExactly("->9001", "9001>9002", "9001>9003");
    JsonNode j = r.json();
    assertThat(j.path("queryType").asText()).isEqualTo("oneHop");
    assertThat(j.path("queryResultType").asText()).isEqualTo("workItemLink");
    JsonNode top = j.path("workItemRelations").get(0);
    // The service omits rel and source on top-level rows, as its own examples show.
    assertThat(top.has("rel")).isFalse();
    assertThat(top.has("source")).isFalse();
    assertThat(top.path("target").path("id").asInt()).isEqualTo(9001);
    JsonNode link = j.path("workItemRelations").get(1);
    assertThat(link.path("rel").asText()).isEqualTo(HF);
    assertThat(link.path("source").path("url").asText())
        .isEqualTo(session.emulator.url() + "/_apis/wit/workItems/9001");
  }

  @Test
  void oneHopMayContainAndDoesNotContainKeepOrDropSourcesWithoutLinks() {
    String base =
        "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'Epic' AND"
            + " [System.Links.LinkType] = 'Child' AND [Target].[System.WorkItemType] = 'Feature'"
            + " ORDER BY [System.Id] ";
    assertThat(relations(session.query("Demo/_apis/wit/wiql", base + "MODE (MayContain)")))
        .containsExactly("->9001", "9001>9002", "9001>9003", "->9008");
    assertThat(relations(session.query("Demo/_apis/wit/wiql", base + "MODE (DoesNotContain)")))
        .containsExactly("->9008");
  }

  @Test
  void reverseLinksAreFoundWhicheverSideStoredTheRelation() {
    Http.Res r =
        session.query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.Id] IN (9003, 9004)"
                + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Reverse' ORDER BY"
                + " [System.Id]");
    assertThat(relations(r)).containsExactly("->9003", "9003>9001", "->9004", "9004>9002");
  }

  @Test
  void recursiveModeReturnsTheHierarchyAsATree() {
    Http.Res r =
        session.query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id], [System.Title] FROM WorkItemLinks WHERE"
                + " ([Source].[System.TeamProject] = @project AND [Source].[System.WorkItemType] ="
                + " 'Epic') AND ([System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward')"
                + " ORDER BY [System.Id] MODE (Recursive)");
    assertThat(relations(r))
        .containsExactly("->9001", "9001>9002", "9002>9004", "9001>9003", "->9008");
    assertThat(r.json().path("queryType").asText()).isEqualTo("tree");
    Http.Res matching =
        session.query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItemLinks WHERE [Source].[System.WorkItemType] = 'Epic'"
                + " AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward' AND"
                + " [Target].[System.State] <> 'Closed' ORDER BY [System.Id] MODE (Recursive,"
                + " ReturnMatchingChildren)");
    assertThat(relations(matching)).containsExactly("->9001", "9001>9002", "9002>9004");
  }

  @Test
  void anUnknownProjectInTheRouteIs404() {
    Http.Res r = session.query("NoSuchProject/_apis/wit/wiql", "SELECT [System.Id] FROM WorkItems");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).contains("NoSuchProject");
  }

  @Test
  void projectMacroUsesTheProjectNameWhenTheRouteGivesItsId() {
    String id =
        session
            .emulator
            .context()
            .require(dev.azdo.emulator.model.ProjectDirectory.class)
            .find("Demo")
            .id();
    Http.Res r =
        session.query(
            id + "/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND"
                + " [System.Title] = 'Reports'");
    assertThat(ids(r)).containsExactly(9003);
  }

  @Test
  void projectMacroWithoutAProjectInTheRouteIsRefused() {
    Http.Res r =
        session.query(
            "_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("«@project»");
  }

  @Test
  void savedQueryIdsAreUnknownWithTf401243() {
    Http.Res r =
        session.http.get(
            "Demo/_apis/wit/wiql/1e4e5b17-f212-4ba2-9c2f-a95600ef50a5?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF401243: The query 1e4e5b17-f212-4ba2-9c2f-a95600ef50a5 does not exist, or you do"
                + " not have permission to read it.");
    assertThat(r.json().path("typeKey").asText()).isEqualTo("QueryItemNotFoundException");
  }

  @Test
  void locationIsListedUnderTheWitArea() {
    Http.Res r = session.http.send("OPTIONS", "_apis/wit", null, null);
    assertThat(r.status()).isEqualTo(200);
    // Running WIQL text and running a saved query by id are two locations, as on the service.
    java.util.Map<String, String> templates = new java.util.HashMap<>();
    for (JsonNode loc : r.json().path("value")) {
      if (loc.path("resourceName").asText().equals("wiql")) {
        templates.put(loc.path("id").asText(), loc.path("routeTemplate").asText());
      }
    }
    assertThat(templates)
        .containsEntry(
            "1a9c53f7-f243-4447-b110-35ef023636e4", "{project}/{team}/_apis/{area}/{resource}")
        .containsEntry(
            "a02355f5-5f8a-4671-8e32-369d23aac83d",
            "{project}/{team}/_apis/{area}/{resource}/{id}");
  }
}
