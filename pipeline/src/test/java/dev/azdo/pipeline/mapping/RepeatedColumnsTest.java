package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import org.junit.jupiter.api.Test;

/** Issue 11 item 3: Jira's repeated Labels and Sprint columns. */
class RepeatedColumnsTest {
  private static final SourceSchema JIRA =
      SourceSchema.of("Issue key", "Summary", "Labels", "Labels", "Labels", "Sprint", "Sprint");
  private static final FieldCatalog AGILE = AgileProcess.catalog();

  @Test
  void aListFieldTakesEveryNonEmptyValueAndAPickTakesOne() {
    ImportPlan plan =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Bug")
                .map("Summary=Title")
                .map("Labels=System.Tags")
                .map("Sprint[last]=System.IterationPath")
                .map("Sprint[1]=System.History")
                .build(),
            JIRA,
            AGILE);
    MappedRow row =
        (MappedRow)
            plan.map(
                SourceRow.of(
                    1, JIRA, "J-1", "Crash", "ui", "", " backend ", "Demo\\S1", "Demo\\S2"));
    assertThat(row.patch().value("System.Tags")).isEqualTo("ui; backend");
    assertThat(row.patch().value("System.IterationPath")).isEqualTo("Demo\\S2");
    assertThat(row.patch().value("System.History")).isEqualTo("Demo\\S1");
    // Jira fills repeated columns from the left: [last] is the last non-empty one.
    MappedRow oneSprint =
        (MappedRow) plan.map(SourceRow.of(2, JIRA, "J-2", "Typo", "", "", "", "Demo\\S1", ""));
    assertThat(oneSprint.patch().value("System.IterationPath")).isEqualTo("Demo\\S1");
    assertThat(oneSprint.patch().value("System.Tags")).isNull();
  }

  @Test
  void aFieldTheServiceStampsOnStateChangesIsAPlanErrorWithoutBypassRules() {
    FieldCatalog catalog =
        AgileProcess.catalog(
            FieldDefinition.of(
                "Microsoft.VSTS.Common.ResolvedDate", "Resolved Date", FieldType.DATE_TIME));
    SourceSchema schema = SourceSchema.of("Summary", "Resolved");
    MappingSpec.Builder spec =
        MappingSpec.builder()
            .workItemType("Bug")
            .map("Summary=Title")
            .map("Resolved=Resolved Date");
    PlanException e =
        catchThrowableOfType(
            PlanException.class, () -> ImportPlan.create(spec.build(), schema, catalog));
    assertThat(e.problems())
        .containsExactly(
            "--map Resolved=Resolved Date: field Microsoft.VSTS.Common.ResolvedDate (Resolved Date)"
                + " is set by the service when the state changes (to a Resolved state), so a value"
                + " sent without --bypass-rules is not kept; add --bypass-rules (and map a state"
                + " that has it) or remove the mapping");
    assertThat(ImportPlan.create(spec.bypassRules(true).build(), schema, catalog).describe())
        .contains(
            "--map Resolved=Resolved Date -> Microsoft.VSTS.Common.ResolvedDate (Resolved"
                + " Date) [dateTime]");
  }

  @Test
  void aRepeatedColumnIntoASingleValuedFieldKeyOrTemplateIsAPlanErrorNamingItsPositions() {
    PlanException e =
        catchThrowableOfType(
            PlanException.class,
            () ->
                ImportPlan.create(
                    MappingSpec.builder()
                        .workItemType("Bug")
                        .map("Summary=Title")
                        .map("Sprint=System.IterationPath")
                        .map("{Labels} {Summary}=System.Description")
                        .key("Labels")
                        .build(),
                    JIRA,
                    AGILE));
    assertThat(e.problems())
        .containsExactly(
            "--map Sprint=System.IterationPath: column \"Sprint\" appears 2 times (columns 6 and"
                + " 7); pick one with \"Sprint[1]\" to \"Sprint[2]\" or \"Sprint[last]\""
                + " (System.IterationPath holds one value; a list field such as System.Tags takes"
                + " them all)",
            "--map {Labels} {Summary}=System.Description: column \"Labels\" appears 3 times"
                + " (columns 3, 4 and 5); pick one with \"Labels[1]\" to \"Labels[3]\" or"
                + " \"Labels[last]\"",
            "--key: column \"Labels\" appears 3 times (columns 3, 4 and 5); pick one with"
                + " \"Labels[1]\" to \"Labels[3]\" or \"Labels[last]\"");
  }
}
