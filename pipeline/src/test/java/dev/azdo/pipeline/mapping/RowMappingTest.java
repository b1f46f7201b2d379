package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import org.junit.jupiter.api.Test;

class RowMappingTest {
  private static final FieldCatalog AGILE =
      AgileProcess.catalog(
          FieldDefinition.of("Custom.ExternalKey", "External Key", FieldType.STRING));
  private static final SourceSchema SCHEMA =
      SourceSchema.of(
          "Key", "First", "Last", "Due", "Points", "Tags", "Notes", "Owner", "Area", "Parent",
          "Type", "Prio");

  private static SourceRow row(long n, String... values) {
    return SourceRow.of(n, SCHEMA, values);
  }

  @Test
  void mapsTemplatesConstantsConversionsAndKeyIntoAJsonPatch() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Task")
                .map("{First} {Last}=System.Title")
                .map("Due=Due Date:dd/MM/yyyy")
                .map("Points=Remaining Work")
                .map("Tags=System.Tags")
                .map("Notes=System.Description:markdown")
                .map("Owner=Assigned To")
                .map("Area=System.AreaPath")
                .set("System.State=active")
                .key("Key=Custom.ExternalKey")
                .parentKey("Parent")
                .build(),
            SCHEMA,
            AGILE);
    MappingResult result =
        plan.map(
            row(
                3,
                "T-1",
                "Fix",
                "login",
                "01/03/2024",
                "2.5",
                "ui,login; ui",
                "**Bold**\nnext",
                " Sam <s@x.org> ",
                "Demo/Web",
                "E-1"));
    assertThat(result).isInstanceOf(MappedRow.class);
    MappedRow mapped = (MappedRow) result;
    assertThat(mapped.key()).isEqualTo("T-1");
    assertThat(mapped.parentKey()).isEqualTo("E-1");
    assertThat(mapped.workItemType()).isEqualTo("Task");
    assertThat(mapped.patch().fields())
        .containsEntry("System.Title", "Fix login")
        .containsEntry("Microsoft.VSTS.Scheduling.DueDate", "2024-03-01T00:00:00Z")
        .containsEntry("Microsoft.VSTS.Scheduling.RemainingWork", 2.5)
        .containsEntry("System.Tags", "ui; login")
        .containsEntry("System.Description", "<p><strong>Bold</strong><br>next</p>")
        .containsEntry("System.AssignedTo", "Sam <s@x.org>")
        .containsEntry("System.AreaPath", "Demo\\Web")
        .containsEntry("System.State", "Active")
        .containsEntry("Custom.ExternalKey", "T-1");
    assertThat(mapped.patch().toJson())
        .startsWith("[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"Fix login\"},")
        .contains(
            "{\"op\":\"add\",\"path\":\"/fields/Microsoft.VSTS.Scheduling.RemainingWork\",\"value\":2.5}");
  }

  @Test
  void withClearEmptyAnEmptyCellRemovesItsField() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Bug")
                .map("First=Title")
                .map("Due=Story Points")
                .clearEmpty(true)
                .build(),
            SCHEMA,
            AGILE);
    MappedRow mapped = (MappedRow) plan.map(row(1, "K", "Crash", "", ""));
    assertThat(mapped.patch().toJson())
        .isEqualTo(
            "[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"Crash\"},"
                + "{\"op\":\"remove\",\"path\":\"/fields/Microsoft.VSTS.Scheduling.StoryPoints\"}]");
  }

  @Test
  void emptyCellsAreLeftOutAndPlainTextKeepsLineBreaksSafely() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Bug")
                .map("First=Title")
                .map("Notes=Repro Steps")
                .map("Due=Story Points")
                .build(),
            SCHEMA,
            AGILE);
    MappedRow mapped =
        (MappedRow) plan.map(row(1, "K", "Crash", "", "", "", "", "a < b\r\nsecond"));
    assertThat(mapped.patch().fields())
        .containsOnlyKeys("System.Title", "Microsoft.VSTS.TCM.ReproSteps")
        .containsEntry("Microsoft.VSTS.TCM.ReproSteps", "a &lt; b<br>second");
  }

  @Test
  void badValuesGiveRejectionsNamingRowColumnAndReason() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Task")
                .map("First=Title")
                .map("Due=Due Date:yyyy-MM-dd")
                .map("Points=Remaining Work")
                .map("Prio=Priority")
                .build(),
            SCHEMA,
            AGILE);
    Rejection date = (Rejection) plan.map(row(7, "K", "x", "", "31/02/2024"));
    assertThat(date.message())
        .isEqualTo("row 7, column \"Due\": \"31/02/2024\" is not a date in format yyyy-MM-dd");
    Rejection leap = (Rejection) plan.map(row(8, "K", "x", "", "2023-02-29"));
    assertThat(leap.reason()).isEqualTo("\"2023-02-29\" is not a date in format yyyy-MM-dd");
    Rejection number = (Rejection) plan.map(row(9, "K", "x", "", "", "two"));
    assertThat(number.message())
        .isEqualTo("row 9, column \"Points\": \"two\" is not a number (use . for decimals)");
    Rejection title = (Rejection) plan.map(row(10, "K", "x".repeat(300)));
    assertThat(title.message())
        .isEqualTo(
            "row 10, column \"First\": is 300 characters long; System.Title (Title) allows at most 255");
    Rejection empty = (Rejection) plan.map(row(11, "K", " "));
    assertThat(empty.message())
        .isEqualTo("row 11, column \"First\": is empty, but System.Title (Title) is required");
    Rejection two =
        (Rejection) plan.map(row(12, "K", "x", "", "soon", "", "", "", "", "", "", "", "9"));
    assertThat(two.message())
        .isEqualTo(
            "row 12, column \"Due\": \"soon\" is not a date in format yyyy-MM-dd; also column \"Prio\":"
                + " \"9\" is not an allowed value of Microsoft.VSTS.Common.Priority (Priority) (allowed: 1, 2, 3, 4)");
  }

  @Test
  void typeComesFromAColumnAndFieldsOfOtherTypesOnlyFailRowsThatUseThem() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .map("Type=System.WorkItemType")
                .map("First=Title")
                .map("Points=Story Points")
                .workItemType("Bug")
                .build(),
            SCHEMA,
            AGILE);
    MappedRow story =
        (MappedRow) plan.map(row(1, "", "A", "", "", "3", "", "", "", "", "", "user story"));
    assertThat(story.workItemType()).isEqualTo("User Story");
    MappedRow defaulted = (MappedRow) plan.map(row(2, "", "B"));
    assertThat(defaulted.workItemType()).isEqualTo("Bug");
    MappedRow taskWithoutPoints =
        (MappedRow) plan.map(row(3, "", "C", "", "", "", "", "", "", "", "", "Task"));
    assertThat(taskWithoutPoints.patch().fields()).containsOnlyKeys("System.Title");
    Rejection taskWithPoints =
        (Rejection) plan.map(row(4, "", "D", "", "", "5", "", "", "", "", "", "Task"));
    assertThat(taskWithPoints.message())
        .isEqualTo(
            "row 4, column \"Points\": has a value, but \"Story Points\" is not a field of work item type \"Task\"");
    Rejection unknown =
        (Rejection) plan.map(row(5, "", "E", "", "", "", "", "", "", "", "", "Bugg"));
    assertThat(unknown.message())
        .startsWith("row 5, column \"Type\": \"Bugg\" is not a work item type of the project");
  }

  @Test
  void keyWithoutFieldTravelsAsATagMarkerAndEmptyKeyIsRejected() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Bug")
                .map("First=Title")
                .map("Tags=Tags")
                .key("Key")
                .build(),
            SCHEMA,
            AGILE);
    MappedRow tagged = (MappedRow) plan.map(row(1, "B-9", "x", "", "", "", "a,b"));
    assertThat(tagged.patch().value("System.Tags")).isEqualTo("a; b; import-key:B-9~1");
    MappedRow onlyMarker = (MappedRow) plan.map(row(2, "B-10", "y"));
    assertThat(onlyMarker.patch().value("System.Tags")).isEqualTo("import-key:B-10~1");
    Rejection noKey = (Rejection) plan.map(row(3, " ", "z"));
    assertThat(noKey.message())
        .isEqualTo("row 3, column \"Key\": the key is empty; every row needs one with --key");
  }

  @Test
  void malformedSourceRowBecomesARejectionWithoutColumn() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder().workItemType("Bug").map("First=Title").build(), SCHEMA, AGILE);
    Rejection r =
        (Rejection)
            plan.map(
                SourceRow.malformed(
                    4, SCHEMA, "line 5: malformed quoting (text after a closing quote)"));
    assertThat(r.message())
        .isEqualTo("row 4: line 5: malformed quoting (text after a closing quote)");
  }

  @Test
  void isoDatesWithAndWithoutTimeAndOffsetConvertToUtcInstants() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Task")
                .map("First=Title")
                .map("Due=Due Date")
                .zone("Europe/Berlin")
                .build(),
            SCHEMA,
            AGILE);
    assertThat(
            ((MappedRow) plan.map(row(1, "", "t", "", "2024-07-01")))
                .patch()
                .value("Microsoft.VSTS.Scheduling.DueDate"))
        .isEqualTo("2024-06-30T22:00:00Z");
    assertThat(
            ((MappedRow) plan.map(row(2, "", "t", "", "2024-07-01T10:15:00")))
                .patch()
                .value("Microsoft.VSTS.Scheduling.DueDate"))
        .isEqualTo("2024-07-01T08:15:00Z");
    assertThat(
            ((MappedRow) plan.map(row(3, "", "t", "", "2024-07-01T10:15:00+02:00")))
                .patch()
                .value("Microsoft.VSTS.Scheduling.DueDate"))
        .isEqualTo("2024-07-01T08:15:00Z");
  }
}
