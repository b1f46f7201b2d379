package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.V;
import static dev.azdo.emulator.wit.Wit.create;
import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.get;
import static dev.azdo.emulator.wit.Wit.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkItemCreateTest {
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void createSetsTheSystemFieldsAsTheServiceDoes() {
    JsonNode w = createOk(http, "Bug", "Login fails");
    int id = w.path("id").asInt();
    assertThat(id).isPositive();
    assertThat(w.path("rev").asInt()).isEqualTo(1);
    JsonNode f = w.path("fields");
    assertThat(f.path("System.Title").asText()).isEqualTo("Login fails");
    assertThat(f.path("System.TeamProject").asText()).isEqualTo("Demo");
    assertThat(f.path("System.AreaPath").asText()).isEqualTo("Demo");
    assertThat(f.path("System.IterationPath").asText()).isEqualTo("Demo");
    assertThat(f.path("System.WorkItemType").asText()).isEqualTo("Bug");
    assertThat(f.path("System.State").asText()).isEqualTo("New");
    assertThat(f.path("System.Reason").asText()).isEqualTo("New");
    assertThat(f.path("System.CreatedBy").path("displayName").asText()).isEqualTo("Alice Admin");
    assertThat(f.path("System.CreatedBy").path("uniqueName").asText())
        .isEqualTo("alice@example.com");
    assertThat(f.path("System.ChangedBy").path("id").asText()).isNotEmpty();
    assertThat(f.path("System.CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(f.path("System.CommentCount").asInt()).isZero();
    assertThat(f.has("Microsoft.VSTS.Common.StateChangeDate")).isTrue();
    assertThat(w.path("url").asText()).isEqualTo(emulator.url() + "/_apis/wit/workItems/" + id);
    assertThat(w.path("_links").path("self").path("href").asText()).endsWith("/workItems/" + id);
    assertThat(w.path("_links").has("workItemUpdates")).isTrue();
    assertThat(w.path("_links").has("workItemRevisions")).isTrue();
    assertThat(w.path("_links").has("workItemComments")).isTrue();
    assertThat(w.path("_links").has("html")).isTrue();
    assertThat(w.path("_links").has("workItemType")).isTrue();
  }

  @Test
  void idsComeFromACounterAndIncrease() {
    int a = createOk(http, "Task", "one").path("id").asInt();
    int b = createOk(http, "Task", "two").path("id").asInt();
    assertThat(b).isEqualTo(a + 1);
  }

  @Test
  void getReturnsTheItemAndHidesInternalFieldsUnlessExpanded() {
    int id = createOk(http, "Task", "read me").path("id").asInt();
    Http.Res plain = get(http, id, null);
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.json().path("fields").has("System.Id")).isFalse();
    assertThat(plain.json().path("fields").has("System.Watermark")).isFalse();
    Http.Res all = get(http, id, "$expand=All");
    assertThat(all.json().path("fields").path("System.Id").asInt()).isEqualTo(id);
    assertThat(all.json().path("fields").path("System.Rev").asInt()).isEqualTo(1);
    assertThat(all.json().path("fields").path("System.RevisedDate").asText())
        .isEqualTo("9999-01-01T00:00:00Z");
    Http.Res byNumber = get(http, id, "$expand=2");
    assertThat(byNumber.json().path("fields").has("System.Watermark")).isTrue();
  }

  @Test
  void getWithAProjectInThePathWorksToo() {
    int id = createOk(http, "Task", "scoped").path("id").asInt();
    Http.Res r = http.get("Demo/_apis/wit/workitems/" + id + "?" + V);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("id").asInt()).isEqualTo(id);
  }

  @Test
  void fieldsParameterReturnsOnlyTheNamedFields() {
    int id = createOk(http, "Task", "only some").path("id").asInt();
    Http.Res r = get(http, id, "fields=System.Title,System.State");
    assertThat(r.status()).isEqualTo(200);
    JsonNode f = r.json().path("fields");
    assertThat(f.size()).isEqualTo(2);
    assertThat(f.path("System.State").asText()).isEqualTo("New");
  }

  @Test
  void fieldsWithExpandIsRefused() {
    int id = createOk(http, "Task", "conflict").path("id").asInt();
    Http.Res r = get(http, id, "fields=System.Title&$expand=all");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("expand");
  }

  @Test
  void getOfAMissingItemIs404WithTf401232() {
    Http.Res r = get(http, 987654, null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF401232: Work item 987654 does not exist, or you do not have permissions to read"
                + " it.");
  }

  @Test
  void listReturnsItemsInTheOrderAskedAndOmitsMissingWithErrorPolicyOmit() {
    int a = createOk(http, "Task", "a").path("id").asInt();
    int b = createOk(http, "Task", "b").path("id").asInt();
    Http.Res r = http.get("_apis/wit/workitems?ids=" + b + "," + a + "&" + V);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("count").asInt()).isEqualTo(2);
    assertThat(r.json().path("value").get(0).path("id").asInt()).isEqualTo(b);
    Http.Res missing = http.get("_apis/wit/workitems?ids=" + a + ",999999&" + V);
    assertThat(missing.status()).isEqualTo(404);
    Http.Res omit = http.get("_apis/wit/workitems?ids=" + a + ",999999&errorPolicy=omit&" + V);
    assertThat(omit.status()).isEqualTo(200);
    assertThat(omit.json().path("value").get(1).isNull()).isTrue();
  }

  @Test
  void listRefusesMoreThan200Ids() {
    StringJoiner ids = new StringJoiner(",");
    for (int i = 1; i <= 201; i++) {
      ids.add(Integer.toString(i));
    }
    Http.Res r = http.get("_apis/wit/workitems?ids=" + ids + "&" + V);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo("VS403474: You requested 201 work items which exceeds the limit of 200");
  }

  @Test
  void validateOnlyReturnsTheItemWithoutSavingIt() {
    Http.Res r =
        create(http, "Task", patch("add", "/fields/System.Title", "dry"), "validateOnly=true");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("id").asInt(0)).isZero();
    assertThat(r.json().path("fields").path("System.Title").asText()).isEqualTo("dry");
    int next = createOk(http, "Task", "real").path("id").asInt();
    Http.Res gap = get(http, next - 1, null);
    assertThat(gap.status()).isEqualTo(200);
    assertThat(gap.json().path("fields").path("System.Title").asText()).isNotEqualTo("dry");
  }

  @Test
  void asOfReturnsTheRevisionValidAtThatTime() throws Exception {
    JsonNode w = createOk(http, "Task", "old title");
    int id = w.path("id").asInt();
    String created = w.path("fields").path("System.CreatedDate").asText();
    Http.Res u = Wit.update(http, id, patch("replace", "/fields/System.Title", "new"), null);
    assertThat(u.status()).isEqualTo(200);
    Http.Res r = get(http, id, "asOf=" + created);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("rev").asInt()).isIn(1, 2);
    Http.Res rfc1123 = get(http, id, "asOf=Sat,%2001%20Jan%202000%2000:00:00%20GMT");
    assertThat(rfc1123.status()).as(rfc1123.body()).isEqualTo(404);
    Http.Res before = get(http, id, "asOf=2000-01-01T00:00:00Z");
    assertThat(before.status()).isEqualTo(404);
  }

  @Test
  void unknownTypeAndProjectAre404() {
    Http.Res type = create(http, "Spaceship", patch("add", "/fields/System.Title", "x"), null);
    assertThat(type.status()).isEqualTo(404);
    assertThat(type.json().path("message").asText()).contains("Spaceship");
    Http.Res project =
        http.send(
            "POST",
            "NoSuchProject/_apis/wit/workitems/$Task?" + V,
            patch("add", "/fields/System.Title", "x"),
            "application/json-patch+json");
    assertThat(project.status()).isEqualTo(404);
  }

  @Test
  void createWithPlainJsonContentTypeIs415() {
    Http.Res r =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$Task?" + V,
            patch("add", "/fields/System.Title", "x"),
            "application/json");
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.json().path("message").asText()).contains("application/json-patch+json");
  }

  @Test
  void emptyOrMalformedPatchDocumentsAreRefused() {
    Http.Res empty =
        http.send(
            "POST", "Demo/_apis/wit/workitems/$Task?" + V, "[]", "application/json-patch+json");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("message").asText())
        .isEqualTo("You must pass a valid patch document in the body of the request.");
    Http.Res object =
        http.send(
            "POST",
            "Demo/_apis/wit/workitems/$Task?" + V,
            "{\"op\":\"add\"}",
            "application/json-patch+json");
    assertThat(object.status()).isEqualTo(400);
  }

  @Test
  void tagsAreNormalisedWithoutDuplicates() {
    Http.Res r =
        create(
            http,
            "Task",
            patch(
                "add", "/fields/System.Title", "tagged", "add", "/fields/System.Tags", "a;b ; A,c"),
            null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("fields").path("System.Tags").asText()).isEqualTo("a; b; c");
  }

  @Test
  void typeDefaultsAreAppliedOnCreate() {
    JsonNode w = createOk(http, "Bug", "defaults");
    assertThat(w.path("fields").path("Microsoft.VSTS.Common.Priority").asInt()).isEqualTo(2);
  }

  @Test
  void numbersAreStoredAsNumbers() {
    Http.Res r =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "numbers",
                "add",
                "/fields/Microsoft.VSTS.Scheduling.RemainingWork",
                "4.5",
                "add",
                "/fields/Microsoft.VSTS.Common.Priority",
                "1"),
            null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode f = r.json().path("fields");
    assertThat(f.path("Microsoft.VSTS.Scheduling.RemainingWork").isNumber()).isTrue();
    assertThat(f.path("Microsoft.VSTS.Scheduling.RemainingWork").asDouble()).isEqualTo(4.5);
    assertThat(f.path("Microsoft.VSTS.Common.Priority").isInt()).isTrue();
  }

  @Test
  void theTemplateOfATypeShowsTheStartingFields() {
    Http.Res r = http.get("Demo/_apis/wit/workitems/$Bug?" + V);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode f = r.json().path("fields");
    assertThat(f.path("System.WorkItemType").asText()).isEqualTo("Bug");
    assertThat(f.path("System.State").asText()).isEqualTo("New");
    assertThat(f.path("System.TeamProject").asText()).isEqualTo("Demo");
    assertThat(r.json().has("id")).isFalse();
  }

  @Test
  void optionsListsTheWorkItemLocations() {
    Http.Res r = http.send("OPTIONS", "_apis/wit", null, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("72c7ddf8-2cdc-4f60-90cd-ab71c14a399b");
    assertThat(r.body()).contains("62d3d110-0047-428c-ad3c-4fe872c91c74");
  }
}
