package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.Wit.create;
import static dev.azdo.emulator.wit.Wit.createOk;
import static dev.azdo.emulator.wit.Wit.patch;
import static dev.azdo.emulator.wit.Wit.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkItemRulesTest {
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

  private static void assertRefused(Http.Res r, int status, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("message").asText()).startsWith(message);
    assertThat(r.json().has("$id")).isTrue();
    assertThat(r.json().has("typeKey")).isTrue();
  }

  @Test
  void createRefusesAMissingTitle() {
    Http.Res r = create(http, "Task", patch("add", "/fields/System.Description", "no title"), null);
    assertRefused(r, 400, "TF401320: Rule Error for field Title. Error code: Required");
    assertThat(r.json().path("typeKey").asText()).isEqualTo("RuleValidationException");
    assertThat(r.json().path("customProperties").path("FieldReferenceName").asText())
        .isEqualTo("System.Title");
  }

  @Test
  void createRefusesTitleLongerThan255Characters() {
    Http.Res r = create(http, "Task", patch("add", "/fields/System.Title", "x".repeat(256)), null);
    assertRefused(r, 400, "TF401320: Rule Error for field Title.");
    assertThat(r.json().path("message").asText()).contains("InvalidTooLong");
    assertThat(
            create(http, "Task", patch("add", "/fields/System.Title", "x".repeat(255)), null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void createRefusesAValueOutsideTheAllowedValues() {
    Http.Res r =
        create(
            http,
            "Bug",
            patch(
                "add",
                "/fields/System.Title",
                "sev",
                "add",
                "/fields/Microsoft.VSTS.Common.Severity",
                "9 - Apocalyptic"),
            null);
    assertRefused(r, 400, "TF401320: Rule Error for field Severity.");
    assertThat(r.json().path("customProperties").path("FieldReferenceName").asText())
        .isEqualTo("Microsoft.VSTS.Common.Severity");
    assertThat(r.json().path("message").asText()).contains("LimitedToValues");
  }

  @Test
  void createRefusesAStateTheTypeDoesNotHave() {
    Http.Res r =
        create(
            http,
            "Task",
            patch("add", "/fields/System.Title", "s", "add", "/fields/System.State", "Flying"),
            null);
    assertRefused(r, 400, "TF401320: Rule Error for field State.");
  }

  @Test
  void unknownFieldIsRefusedWithTf51535() {
    Http.Res r =
        create(
            http,
            "Task",
            patch("add", "/fields/System.Title", "t", "add", "/fields/Custom.Nope", "v"),
            null);
    assertRefused(r, 400, "TF51535: Cannot find field Custom.Nope.");
  }

  @Test
  void aFieldTheTypeDoesNotHaveIsRefusedWithTf51535() {
    Http.Res r =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/Microsoft.VSTS.TCM.ReproSteps",
                "steps"),
            null);
    assertRefused(r, 400, "TF51535: Cannot find field Microsoft.VSTS.TCM.ReproSteps.");
    Http.Res bug =
        create(
            http,
            "Bug",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/Microsoft.VSTS.TCM.ReproSteps",
                "steps"),
            null);
    assertThat(bug.status()).as(bug.body()).isEqualTo(200);
  }

  @Test
  void readOnlyFieldsAreRefusedUnlessBypassRules() {
    Http.Res r =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/System.CreatedDate",
                "2020-01-02T03:04:05Z"),
            null);
    assertRefused(r, 400, "TF401326");
    Http.Res bypass =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "imported",
                "add",
                "/fields/System.CreatedDate",
                "2020-01-02T03:04:05Z",
                "add",
                "/fields/System.CreatedBy",
                "Bob Builder",
                "add",
                "/fields/System.ChangedDate",
                "2020-01-03T00:00:00Z"),
            "bypassRules=true");
    assertThat(bypass.status()).as(bypass.body()).isEqualTo(200);
    JsonNode f = bypass.json().path("fields");
    assertThat(f.path("System.CreatedDate").asText()).isEqualTo("2020-01-02T03:04:05.000Z");
    assertThat(f.path("System.CreatedBy").path("displayName").asText()).isEqualTo("Bob Builder");
    assertThat(f.path("System.ChangedDate").asText()).isEqualTo("2020-01-03T00:00:00.000Z");
  }

  @Test
  void bypassRulesCannotMoveChangedDateBackwards() {
    Http.Res created =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "history import",
                "add",
                "/fields/System.CreatedDate",
                "2021-01-01T00:00:00Z"),
            "bypassRules=true");
    int id = created.json().path("id").asInt();
    Http.Res forward =
        update(
            http,
            id,
            patch(
                "add",
                "/fields/System.State",
                "Active",
                "add",
                "/fields/System.ChangedDate",
                "2021-02-01T00:00:00Z"),
            "bypassRules=true");
    assertThat(forward.status()).as(forward.body()).isEqualTo(200);
    assertThat(forward.json().path("fields").path("System.ChangedDate").asText())
        .isEqualTo("2021-02-01T00:00:00.000Z");
    Http.Res backwards =
        update(
            http,
            id,
            patch("add", "/fields/System.ChangedDate", "2020-12-31T00:00:00Z"),
            "bypassRules=true");
    assertRefused(backwards, 400, "VS402625: Dates must be increasing with each revision.");
  }

  @Test
  void bypassRulesSkipsTheRequiredRule() {
    Http.Res r =
        create(http, "Task", patch("add", "/fields/System.Description", "x"), "bypassRules=true");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void areaPathMustExist() {
    Http.Res r =
        create(
            http,
            "Task",
            patch(
                "add", "/fields/System.Title", "t", "add", "/fields/System.AreaPath", "Demo\\Nope"),
            null);
    assertRefused(
        r, 400, "TF401347: Invalid tree name given for work item -1, field 'System.AreaPath'.");
    Http.Res iteration =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/System.IterationPath",
                "Elsewhere"),
            null);
    assertRefused(iteration, 400, "TF401347");
    assertThat(iteration.json().path("message").asText()).contains("System.IterationPath");
  }

  @Test
  void identityFieldsResolveByNameEmailOrBothAndComeBackAsIdentityRefs() {
    for (String who :
        new String[] {"Carol Chen", "carol@example.com", "Carol Chen <carol@example.com>"}) {
      Http.Res r =
          create(
              http,
              "Task",
              patch("add", "/fields/System.Title", "t", "add", "/fields/System.AssignedTo", who),
              null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode a = r.json().path("fields").path("System.AssignedTo");
      assertThat(a.path("displayName").asText()).isEqualTo("Carol Chen");
      assertThat(a.path("uniqueName").asText()).isEqualTo("carol@example.com");
      assertThat(a.path("id").asText()).isNotEmpty();
      assertThat(a.path("descriptor").asText()).isNotEmpty();
    }
  }

  @Test
  void identityRefsComeBackTheSameFromEveryRouteAndEveryCall() {
    Http.Res created =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/System.AssignedTo",
                "Dave Diaz"),
            null);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    int id = created.json().path("id").asInt();
    String path = "_apis/wit/workitems/" + id + "?api-version=7.1";
    JsonNode fields = http.get(path).json().path("fields");
    JsonNode first = fields.path("System.AssignedTo");
    assertThat(http.get(path).json().path("fields").path("System.AssignedTo")).isEqualTo(first);
    JsonNode batch =
        http.post(
                "_apis/wit/workitemsbatch?api-version=7.1",
                dev.azdo.emulator.http.Json.parse(
                    "{\"ids\":[" + id + "],\"fields\":[\"System.AssignedTo\"]}"))
            .json();
    assertThat(batch.path("value").get(0).path("fields").path("System.AssignedTo"))
        .isEqualTo(first);
    assertThat(first.path("displayName").asText()).isEqualTo("Dave Diaz");
    assertThat(first.path("uniqueName").asText()).isEqualTo("dave@example.com");
    assertThat(first.path("url").asText())
        .isEqualTo(emulator.url() + "/_apis/Identities/" + first.path("id").asText());
    assertThat(first.path("imageUrl").asText())
        .isEqualTo(first.path("_links").path("avatar").path("href").asText())
        .endsWith("/_apis/GraphProfile/MemberAvatars/" + first.path("descriptor").asText());
    // The updates list renders the creator through a tree, the fields straight to the answer.
    JsonNode revisedBy =
        http.get("_apis/wit/workitems/" + id + "/updates?api-version=7.1")
            .json()
            .path("value")
            .get(0)
            .path("revisedBy");
    assertThat(revisedBy.path("id").asText())
        .isEqualTo(fields.path("System.CreatedBy").path("id").asText());
    assertThat(revisedBy.path("imageUrl"))
        .isEqualTo(fields.path("System.CreatedBy").path("imageUrl"));
  }

  @Test
  void unknownIdentityIsRefused() {
    Http.Res r =
        create(
            http,
            "Task",
            patch(
                "add", "/fields/System.Title", "t", "add", "/fields/System.AssignedTo", "Zed Zero"),
            null);
    assertRefused(r, 400, "TF401320: Rule Error for field Assigned To.");
    assertThat(r.json().path("message").asText())
        .contains("The identity value 'Zed Zero' for field 'Assigned To' is an unknown identity.");
  }

  @Test
  void numberDateAndBooleanValuesAreTypeChecked() {
    Http.Res number =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/Microsoft.VSTS.Common.Priority",
                "high"),
            null);
    assertRefused(number, 400, "TF401320: Rule Error for field Priority.");
    Http.Res date =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/Microsoft.VSTS.Scheduling.StartDate",
                "yesterday-ish"),
            null);
    assertRefused(date, 400, "TF401320: Rule Error for field Start Date.");
    Http.Res ok =
        create(
            http,
            "Task",
            patch(
                "add",
                "/fields/System.Title",
                "t",
                "add",
                "/fields/Microsoft.VSTS.Scheduling.StartDate",
                "2024-05-01"),
            null);
    assertThat(ok.json().path("fields").path("Microsoft.VSTS.Scheduling.StartDate").asText())
        .isEqualTo("2024-05-01T00:00:00.000Z");
  }

  @Test
  void updateIncrementsRevAndChangesTheFields() {
    int id = createOk(http, "Task", "before").path("id").asInt();
    Http.Res r = update(http, id, patch("replace", "/fields/System.Title", "after"), null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("rev").asInt()).isEqualTo(2);
    assertThat(r.json().path("fields").path("System.Title").asText()).isEqualTo("after");
    Http.Res removed =
        update(
            http,
            id,
            patch(
                "add",
                "/fields/System.Description",
                "d",
                "remove",
                "/fields/System.Description",
                null),
            null);
    assertThat(removed.json().path("fields").has("System.Description")).isFalse();
  }

  @Test
  void testOpOnRevFailsWith412WhenTheItemMoved() {
    int id = createOk(http, "Task", "concurrent").path("id").asInt();
    Http.Res ok =
        update(
            http, id, patch("test", "/rev", 1, "replace", "/fields/System.Title", "first"), null);
    assertThat(ok.status()).isEqualTo(200);
    Http.Res stale =
        update(
            http, id, patch("test", "/rev", 1, "replace", "/fields/System.Title", "second"), null);
    assertRefused(stale, 412, "TF26071");
    assertThat(stale.json().path("typeKey").asText())
        .isEqualTo("WorkItemRevisionMismatchException");
    assertThat(Wit.get(http, id, null).json().path("fields").path("System.Title").asText())
        .isEqualTo("first");
  }

  @Test
  void updatingAMissingItemIs404() {
    Http.Res r = update(http, 123456, patch("add", "/fields/System.Title", "x"), null);
    assertRefused(
        r,
        404,
        "TF401232: Work item 123456 does not exist, or you do not have permissions to read it.");
  }

  // Creates a User Story with a title, a state (null: the first) and one more field.
  private static Http.Res story(String title, String state, String field, String value, String q) {
    return state == null
        ? create(
            http, "User Story", patch("add", "/fields/System.Title", title, "add", field, value), q)
        : create(
            http,
            "User Story",
            patch(
                "add",
                "/fields/System.Title",
                title,
                "add",
                "/fields/System.State",
                state,
                "add",
                field,
                value),
            q);
  }

  @Test
  void stateStampedFieldsAreAcceptedAndDiscardedWithoutBypassRules() {
    String sent = "2020-01-02T03:04:05Z";
    Http.Res fresh =
        story("resolved elsewhere", null, "/fields/Microsoft.VSTS.Common.ResolvedDate", sent, null);
    assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
    assertThat(fresh.json().path("fields").has("Microsoft.VSTS.Common.ResolvedDate")).isFalse();
    Http.Res active =
        story(
            "activated elsewhere",
            "Active",
            "/fields/Microsoft.VSTS.Common.ActivatedDate",
            sent,
            null);
    assertThat(active.status()).as(active.body()).isEqualTo(200);
    // The state rule stamps its own date over the one sent.
    String stamped =
        active.json().path("fields").path("Microsoft.VSTS.Common.ActivatedDate").asText();
    assertThat(stamped).isNotEmpty().doesNotStartWith("2020-01-02");
    int id = active.json().path("id").asInt();
    Http.Res closedDate =
        update(http, id, patch("add", "/fields/Microsoft.VSTS.Common.ClosedDate", sent), null);
    assertThat(closedDate.status()).as(closedDate.body()).isEqualTo(200);
    JsonNode f = closedDate.json().path("fields");
    assertThat(f.has("Microsoft.VSTS.Common.ClosedDate")).isFalse();
    assertThat(f.path("Microsoft.VSTS.Common.ActivatedDate").asText()).isEqualTo(stamped);
  }

  @Test
  void withBypassRulesAStateStampedFieldIsKeptOnlyInAStateThatHoldsIt() {
    String sent = "2020-01-02T03:04:05Z";
    String field = "/fields/Microsoft.VSTS.Common.ResolvedDate";
    Http.Res active = story("still active", "Active", field, sent, "bypassRules=true");
    assertThat(active.status()).as(active.body()).isEqualTo(200);
    assertThat(active.json().path("fields").has("Microsoft.VSTS.Common.ResolvedDate")).isFalse();
    Http.Res resolved = story("resolved", "Resolved", field, sent, "bypassRules=true");
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(resolved.json().path("fields").path("Microsoft.VSTS.Common.ResolvedDate").asText())
        .isEqualTo("2020-01-02T03:04:05.000Z");
  }

  @Test
  void stateChangeSetsReasonAndStateDates() {
    int id = createOk(http, "User Story", "flow").path("id").asInt();
    Http.Res active = update(http, id, patch("add", "/fields/System.State", "Active"), null);
    assertThat(active.status()).as(active.body()).isEqualTo(200);
    JsonNode f = active.json().path("fields");
    assertThat(f.path("System.Reason").asText()).isNotEqualTo("New");
    assertThat(f.has("Microsoft.VSTS.Common.ActivatedDate")).isTrue();
    Http.Res closed = update(http, id, patch("add", "/fields/System.State", "Closed"), null);
    JsonNode c = closed.json().path("fields");
    assertThat(c.has("Microsoft.VSTS.Common.ClosedDate")).isTrue();
    assertThat(c.path("Microsoft.VSTS.Common.ClosedBy").path("displayName").asText())
        .isEqualTo("Alice Admin");
    Http.Res reopened = update(http, id, patch("add", "/fields/System.State", "New"), null);
    assertThat(reopened.json().path("fields").has("Microsoft.VSTS.Common.ClosedDate")).isFalse();
  }

  @Test
  void copyAndMoveTakeTheValueOfAnotherField() {
    int id = createOk(http, "Task", "copy me").path("id").asInt();
    com.fasterxml.jackson.databind.node.ArrayNode p = dev.azdo.emulator.http.Json.array();
    p.addObject()
        .put("op", "copy")
        .put("from", "/fields/System.Title")
        .put("path", "/fields/System.Description");
    Http.Res r = update(http, id, p, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("fields").path("System.Description").asText()).isEqualTo("copy me");
  }

  @Test
  void validateOnlyUpdateDoesNotSave() {
    int id = createOk(http, "Task", "keep").path("id").asInt();
    Http.Res r =
        update(http, id, patch("replace", "/fields/System.Title", "changed"), "validateOnly=true");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("fields").path("System.Title").asText()).isEqualTo("changed");
    assertThat(Wit.get(http, id, null).json().path("rev").asInt()).isEqualTo(1);
  }
}
