package dev.azdo.emulator.wiql;

import static dev.azdo.emulator.wiql.WiqlDemoSession.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Http;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flat WIQL over real HTTP: WHERE operators, macros, dates, ordering, EVER/ASOF and the TF errors.
 */
class WiqlFlatQueryTest {
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
  void flatQueryAnswersTheServiceShape() {
    Http.Res r =
        session.query(
            "Demo/_apis/wit/wiql?api-version=7.1",
            "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] ="
                + " @project ORDER BY [System.Id]");
    assertThat(ids(r)).containsExactly(9001, 9002, 9003, 9004, 9005, 9008);
    JsonNode j = r.json();
    assertThat(j.path("queryType").asText()).isEqualTo("flat");
    assertThat(j.path("queryResultType").asText()).isEqualTo("workItem");
    assertThat(Instant.parse(j.path("asOf").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(j.path("columns").get(0).path("referenceName").asText()).isEqualTo("System.Id");
    assertThat(j.path("columns").get(0).path("name").asText()).isEqualTo("ID");
    assertThat(j.path("columns").get(1).path("url").asText())
        .isEqualTo(session.emulator.url() + "/_apis/wit/fields/System.Title");
    assertThat(j.path("sortColumns").get(0).path("field").path("referenceName").asText())
        .isEqualTo("System.Id");
    assertThat(j.path("sortColumns").get(0).path("descending").asBoolean()).isFalse();
    assertThat(j.path("workItems").get(0).path("url").asText())
        .isEqualTo(session.emulator.url() + "/_apis/wit/workItems/9001");
  }

  @Test
  void deletedWorkItemsAreNeverReturned() {
    assertThat(ids(session.demo("[System.Title] = 'Deleted thing'"))).isEmpty();
  }

  @Test
  void numbersCompareAsNumbers() {
    String p = "[Microsoft.VSTS.Common.Priority]";
    assertThat(ids(session.demo(p + " = 2"))).containsExactly(9002, 9004);
    assertThat(ids(session.demo(p + " <> 2"))).containsExactly(9001, 9003, 9005, 9008);
    assertThat(ids(session.demo(p + " < 2"))).containsExactly(9001, 9005);
    assertThat(ids(session.demo(p + " > 2"))).containsExactly(9003, 9008);
    assertThat(ids(session.demo(p + " <= 2"))).containsExactly(9001, 9002, 9004, 9005);
    assertThat(ids(session.demo(p + " >= 3"))).containsExactly(9003, 9008);
    assertThat(ids(session.demo("[System.Id] IN (9001, 9003, 12345)"))).containsExactly(9001, 9003);
  }

  @Test
  void stringsCompareCaseInsensitively() {
    assertThat(ids(session.demo("[System.State] = 'new'"))).containsExactly(9001, 9004, 9008);
    assertThat(ids(session.demo("[System.State] IN ('Active', 'CLOSED')")))
        .containsExactly(9002, 9003, 9005);
    assertThat(ids(session.demo("[System.State] NOT IN ('Active', 'Closed')")))
        .containsExactly(9001, 9004, 9008);
    assertThat(ids(session.demo("[System.Title] CONTAINS 'RE'"))).containsExactly(9003, 9004);
    assertThat(ids(session.demo("[System.Title] NOT CONTAINS 'e'"))).containsExactly(9001);
    assertThat(ids(session.demo("[System.Title] = 'Crash on O''Brien'"))).containsExactly(9005);
    assertThat(ids(session.demo("[System.WorkItemType] > 'Epic'")))
        .containsExactly(9002, 9003, 9004);
  }

  @Test
  void displayNamesAndBareNamesResolveToFields() {
    assertThat(ids(session.demo("[Work Item Type] = 'Epic' AND State = 'New'")))
        .containsExactly(9001, 9008);
    assertThat(ids(session.demo("[title] = 'reports'"))).containsExactly(9003);
  }

  @Test
  void tagsContainWholeTagsOnly() {
    assertThat(ids(session.demo("[System.Tags] CONTAINS 'ui'"))).containsExactly(9001, 9002);
    assertThat(ids(session.demo("[System.Tags] CONTAINS 'buil'"))).isEmpty();
    assertThat(ids(session.demo("[System.Tags] NOT CONTAINS 'ui'")))
        .containsExactly(9003, 9004, 9005, 9008);
  }

  @Test
  void containsWordsMatchesWholeWordsOfRichText() {
    assertThat(ids(session.demo("[System.Description] CONTAINS WORDS 'brown fox'")))
        .containsExactly(9001);
    assertThat(ids(session.demo("[System.Description] CONTAINS WORDS 'bro'"))).isEmpty();
    assertThat(ids(session.demo("[System.Description] CONTAINS WORDS 'do*'")))
        .containsExactly(9003);
    assertThat(ids(session.demo("[System.Description] NOT CONTAINS WORDS 'fox'")))
        .containsExactly(9002, 9003, 9004, 9005, 9008);
  }

  @Test
  void underMatchesAPathAndEverythingBelowIt() {
    assertThat(ids(session.demo("[System.AreaPath] UNDER 'Demo\\Web'")))
        .containsExactly(9001, 9002, 9004);
    assertThat(ids(session.demo("[System.AreaPath] UNDER 'demo\\web\\auth'")))
        .containsExactly(9002, 9004);
    assertThat(ids(session.demo("[System.AreaPath] NOT UNDER 'Demo\\Web'")))
        .containsExactly(9003, 9005, 9008);
    assertThat(ids(session.demo("[System.AreaPath] = 'Demo\\Web'"))).containsExactly(9001);
  }

  @Test
  void aPathThatDoesNotExistIsTf51011() {
    Http.Res r = session.demo("[System.AreaPath] UNDER 'Demo\\Nowhere'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51011: The specified area path does not exist. The error is caused by"
                + " «'Demo\\Nowhere'».");
  }

  @Test
  void isEmptyAndIsNotEmpty() {
    assertThat(ids(session.demo("[System.AssignedTo] IS EMPTY"))).containsExactly(9003, 9008);
    assertThat(ids(session.demo("[System.Description] IS NOT EMPTY"))).containsExactly(9001, 9003);
    assertThat(ids(session.demo("[System.AssignedTo] = ''"))).containsExactly(9003, 9008);
  }

  @Test
  void identitiesMatchByDisplayNameEmailOrBoth() {
    assertThat(ids(session.demo("[System.AssignedTo] = 'alice admin'")))
        .containsExactly(9001, 9005);
    assertThat(ids(session.demo("[System.AssignedTo] = 'BOB@example.com'"))).containsExactly(9002);
    assertThat(ids(session.demo("[System.AssignedTo] = 'Carol Chen <carol@example.com>'")))
        .containsExactly(9004);
    assertThat(ids(session.demo("[System.AssignedTo] IN ('bob@example.com', 'Carol Chen')")))
        .containsExactly(9002, 9004);
    assertThat(ids(session.demo("[System.AssignedTo] <> 'Alice Admin'")))
        .containsExactly(9002, 9003, 9004, 9008);
  }

  @Test
  void meIsTheCallerOfTheRequest() {
    assertThat(ids(session.demo("[System.AssignedTo] = @Me"))).containsExactly(9001, 9005);
  }

  @Test
  void todayMacroCountsWholeDaysWithOffsets() {
    assertThat(ids(session.demo("[System.CreatedDate] >= @Today"))).containsExactly(9005);
    assertThat(ids(session.demo("[System.CreatedDate] >= @Today - 1"))).containsExactly(9005);
    assertThat(ids(session.demo("[System.CreatedDate] > @today + 1"))).isEmpty();
    assertThat(ids(session.demo("[System.CreatedDate] < @StartOfYear - 1"))).isNotEmpty();
  }

  @Test
  void datesCompareByDayUnlessTimePrecisionIsAsked() {
    assertThat(ids(session.demo("[System.CreatedDate] = '2024-01-31'"))).containsExactly(9002);
    assertThat(ids(session.demo("[System.CreatedDate] = '1/31/2024'"))).containsExactly(9002);
    assertThat(ids(session.demo("[System.CreatedDate] < '2024-02-01'")))
        .containsExactly(9001, 9002);
    Http.Res precise =
        session.query(
            "Demo/_apis/wit/wiql?timePrecision=true",
            "SELECT [System.Id] FROM WorkItems WHERE [System.CreatedDate] >="
                + " '2024-01-31T23:00:00Z' AND [System.CreatedDate] < '2024-02-01T00:00:00Z'");
    assertThat(ids(precise)).containsExactly(9002);
  }

  @Test
  void aTimeWithoutTimePrecisionIsRefusedNamingTheClause() {
    Http.Res r = session.demo("[System.CreatedDate] >= '2024-01-31T15:02:58Z'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "You cannot supply a time with the date when running a query using date precision."
                + " The error is caused by «[System.CreatedDate] >= '2024-01-31T15:02:58Z'».");
  }

  @Test
  void fieldsCompareWithOtherFields() {
    assertThat(ids(session.demo("[System.CreatedDate] <> [System.ChangedDate]")))
        .containsExactly(9002);
  }

  @Test
  void andOrNotAndParenthesesCombine() {
    assertThat(
            ids(
                session.demo(
                    "([System.State] = 'New' OR [System.State] = 'Closed') AND NOT"
                        + " [System.WorkItemType] = 'Epic'")))
        .containsExactly(9003, 9004);
    assertThat(
            ids(
                session.demo(
                    "NOT ([Microsoft.VSTS.Common.Priority] > 1 AND [System.State] <> 'New')")))
        .containsExactly(9001, 9004, 9005, 9008);
  }

  @Test
  void orderByDescendingThenIdAndTopLimitTheRows() {
    Http.Res r =
        session.query(
            "Demo/_apis/wit/wiql?$top=3",
            "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ORDER BY"
                + " [Microsoft.VSTS.Common.Priority] DESC, [System.CreatedDate] ASC");
    assertThat(ids(r)).containsExactly(9008, 9003, 9002);
    assertThat(r.json().path("sortColumns").get(0).path("descending").asBoolean()).isTrue();
    assertThat(r.json().path("sortColumns").get(1).path("field").path("name").asText())
        .isEqualTo("Created Date");
  }

  @Test
  void idOrderAscendingDescendingOrNoneAndTopTakeTheFirstRowsOfThatOrder() {
    String all = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project";
    assertThat(ids(session.query("Demo/_apis/wit/wiql?$top=2", all + " ORDER BY [System.Id] DESC")))
        .containsExactly(9008, 9005);
    assertThat(ids(session.query("Demo/_apis/wit/wiql?api-version=7.1", all)))
        .containsExactly(9001, 9002, 9003, 9004, 9005, 9008);
    assertThat(ids(session.query("Demo/_apis/wit/wiql?$top=3", all + " ORDER BY [system.id] ASC")))
        .containsExactly(9001, 9002, 9003);
  }

  @Test
  void everMatchesAnyEarlierRevision() {
    assertThat(ids(session.demo("[System.State] EVER 'New'")))
        .containsExactly(9001, 9002, 9004, 9008);
    assertThat(ids(session.demo("[System.State] NOT EVER 'New'"))).containsExactly(9003, 9005);
  }

  @Test
  void asOfEvaluatesTheRevisionOfThatTime() {
    Http.Res r =
        session.query(
            "Demo/_apis/wit/wiql",
            "SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'New' AND"
                + " [System.TeamProject] = @project ORDER BY [System.Id] ASOF '2024-02-20'");
    assertThat(ids(r)).containsExactly(9001, 9002, 9004);
    assertThat(r.json().path("asOf").asText()).isEqualTo("2024-02-20T00:00:00.000Z");
  }

  @Test
  void unknownFieldIsTf51005WithTheServiceErrorEnvelope() {
    Http.Res r = session.demo("[System.Foo] = 1");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51005: The query references a field that does not exist. The error is caused by"
                + " «[System.Foo]».");
    assertThat(r.json().path("typeKey").asText()).isEqualTo("VssPropertyValidationException");
    assertThat(r.json().path("typeName").asText())
        .startsWith("Microsoft.VisualStudio.Services.Common.VssPropertyValidationException");
    assertThat(r.json().has("$id")).isTrue();
  }

  @Test
  void syntaxErrorsAre400WithTheOffendingToken() {
    Http.Res r = session.query("Demo/_apis/wit/wiql", "SELECT TOP 5000 [System.Id] FROM WorkItems");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText())
        .isEqualTo(
            "TF51006: The query statement is missing a FROM clause. The error is caused by"
                + " «5000».");
    Http.Res badValue = session.demo("[Microsoft.VSTS.Common.Priority] = 'high'");
    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.json().path("message").asText()).contains("«'high'»");
  }

  @Test
  void linkTypeFieldIsUnknownInAFlatQuery() {
    Http.Res r = session.demo("[System.Links.LinkType] = 'Child'");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).startsWith("TF51005");
  }
}
