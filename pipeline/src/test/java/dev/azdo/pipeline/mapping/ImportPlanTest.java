package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.azdo.pipeline.source.SourceSchema;
import org.junit.jupiter.api.Test;

class ImportPlanTest {
  private static final SourceSchema SCHEMA =
      SourceSchema.of("Key", "Title", "Due", "State", "Type");
  private static final FieldCatalog AGILE =
      AgileProcess.catalog(
          FieldDefinition.of("Custom.ExternalKey", "External Key", FieldType.STRING));

  @Test
  void reportsEveryProblemOfAMappingAtOnceBeforeAnyRow() {
    MappingSpec spec =
        MappingSpec.builder()
            .workItemType("Bug")
            .map("Titel=System.Title")
            .map("Due=Sytem.DueDate")
            .map("Key=System.Id")
            .map("State=System.CreatedDate")
            .set("System.State=Done")
            .set("Priority=high")
            .map("broken")
            .build();
    PlanException e =
        catchThrowableOfType(PlanException.class, () -> ImportPlan.create(spec, SCHEMA, AGILE));
    assertThat(e.problems())
        .containsExactly(
            "--map broken: expected SOURCE=FIELD, such as Title=System.Title",
            "--map Titel=System.Title: column \"Titel\" is not in the source (columns: Key, Title,"
                + " Due, State, Type)",
            "--map Due=Sytem.DueDate: field \"Sytem.DueDate\" is not a field of work item type"
                + " \"Bug\"",
            "--map Key=System.Id: field System.Id (ID) is read-only; a column of ids names the"
                + " items to update with --key Key=System.Id (endpoint update-workitem)",
            "--map State=System.CreatedDate: field System.CreatedDate (Created Date) is read-only;"
                + " it can only be set with --bypass-rules",
            "--set System.State=Done: \"Done\" is not an allowed value of System.State (State)"
                + " (allowed: New, Active, Resolved, Closed)",
            "--set Priority=high: \"high\" is not a whole number");
  }

  @Test
  void missingRequiredFieldAndUnknownTypeAreReported() {
    assertThatThrownBy(
            () ->
                ImportPlan.create(
                    MappingSpec.builder().workItemType("Bug").map("Due=State").build(),
                    SCHEMA,
                    AGILE))
        .isInstanceOf(PlanException.class)
        .hasMessage(
            "field System.Title (Title) is required by work item type \"Bug\" but not mapped; add"
                + " --map COLUMN=System.Title or --set System.Title=VALUE");
    assertThatThrownBy(
            () ->
                ImportPlan.create(
                    MappingSpec.builder().workItemType("Bugg").map("Title=Title").build(),
                    SCHEMA,
                    AGILE))
        .hasMessage(
            "work item type \"Bugg\" does not exist in the project (types: Bug, Task, User Story,"
                + " Feature, Epic, Issue)");
    assertThatThrownBy(
            () ->
                ImportPlan.create(MappingSpec.builder().map("Title=Title").build(), SCHEMA, AGILE))
        .hasMessage("no work item type: give --type TYPE or map a column to System.WorkItemType");
  }

  @Test
  void suggestsTheNearestFieldForATypo() {
    assertThatThrownBy(
            () ->
                ImportPlan.create(
                    MappingSpec.builder().workItemType("Bug").map("Title=System.Titel").build(),
                    SCHEMA,
                    AGILE))
        .hasMessageContaining(
            "field \"System.Titel\" is not a field of work item type \"Bug\" (did you mean System.Title?)");
  }

  @Test
  void keyAndParentColumnsMustExistAndBadDateFormatIsReported() {
    MappingSpec spec =
        MappingSpec.builder()
            .workItemType("Task")
            .map("Title=Title")
            .map("Due=Due Date:yyyy-MM-dd bb")
            .key("Id=Custom.ExternalKey")
            .parentKey("Parent")
            .build();
    PlanException e =
        catchThrowableOfType(PlanException.class, () -> ImportPlan.create(spec, SCHEMA, AGILE));
    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems().get(2))
        .startsWith("--map Due=Due Date:yyyy-MM-dd bb: \"yyyy-MM-dd bb\" is not a date format");
    assertThat(e.problems().get(0)).startsWith("--key: column \"Id\" is not in the source");
    assertThat(e.problems().get(1))
        .startsWith("--parent-key: column \"Parent\" is not in the source");
  }

  @Test
  void readOnlyDatesAreAllowedWhenBypassingRules() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Bug")
                .map("Title=Title")
                .map("Due=Created Date")
                .bypassRules(true)
                .build(),
            SCHEMA,
            AGILE);
    assertThat(plan.describe())
        .contains("--map Due=Created Date -> System.CreatedDate (Created Date) [dateTime]");
  }

  @Test
  void fieldMappedTwiceIsReported() {
    assertThatThrownBy(
            () ->
                ImportPlan.create(
                    MappingSpec.builder()
                        .workItemType("Bug")
                        .map("Title=Title")
                        .map("Key=System.Title")
                        .build(),
                    SCHEMA,
                    AGILE))
        .hasMessage(
            "--map Key=System.Title: field System.Title (Title) is already mapped by --map Title=Title");
  }
}
