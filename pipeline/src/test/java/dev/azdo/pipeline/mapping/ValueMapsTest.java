package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Value maps and identity maps run between reading a column and converting it. */
class ValueMapsTest {
  private static final FieldCatalog AGILE = AgileProcess.catalog();
  private static final SourceSchema SCHEMA =
      SourceSchema.of("Summary", "Issue Type", "Status", "Priority", "Assignee");

  @TempDir Path dir;

  private static MappingSpec.Builder jira() {
    return MappingSpec.builder()
        .map("Summary=System.Title")
        .map("Issue Type=System.WorkItemType")
        .map("Status=System.State")
        .map("Priority=Microsoft.VSTS.Common.Priority")
        .map("Assignee=System.AssignedTo");
  }

  private static SourceRow row(String... values) {
    return SourceRow.of(1, SCHEMA, values);
  }

  @Test
  void mapsTypeStateAndPriorityBeforeConversionAndCountsWhatNoEntryCovers() {
    ValueMaps.Builder maps =
        ValueMaps.builder()
            .add("System.WorkItemType:Story=User Story")
            .add("System.State:In Progress=Active")
            .add("System.State:Done=Closed")
            .add("Priority:High=1")
            .add("Priority:Medium=2");
    ImportPlan plan = ImportPlan.create(jira().valueMaps(maps).build(), SCHEMA, AGILE);
    assertThat(plan.describe())
        .contains("value map System.State: \"In Progress\" -> \"Active\", \"Done\" -> \"Closed\"");

    MappedRow story = (MappedRow) plan.map(row("Login", "Story", "In Progress", "High", ""));
    assertThat(story.workItemType()).isEqualTo("User Story");
    assertThat(story.patch().fields())
        .containsEntry("System.State", "Active")
        .containsEntry("Microsoft.VSTS.Common.Priority", 1L);

    // A value with no entry is kept and judged by the field's rules: "New" is a state of Bug.
    MappedRow bug = (MappedRow) plan.map(row("Crash", "Bug", "New", "Medium", ""));
    assertThat(bug.patch().fields()).containsEntry("System.State", "New");
    Rejection bad = (Rejection) plan.map(row("Crash", "Bug", "Waiting", "Medium", ""));
    assertThat(bad.reason()).contains("\"Waiting\" is not an allowed value");

    assertThat(plan.report())
        .contains(
            "values of System.WorkItemType (Work Item Type) no value map entry covers (kept as"
                + " they are): \"Bug\" 2 rows")
        .anyMatch(
            l ->
                l.contains("System.State")
                    && l.contains("\"New\" 1 row")
                    && l.contains("\"Waiting\" 1 row"));
  }

  @Test
  void strictMapsRejectUnmappedValuesListingTheKnownOnesAndIgnoreCaseMatchesAnyCase() {
    ValueMaps.Builder maps =
        ValueMaps.builder()
            .add("System.State:in progress=Active")
            .ignoreCase(true)
            .strict("System.State");
    ImportPlan plan =
        ImportPlan.create(jira().workItemType("Bug").valueMaps(maps).build(), SCHEMA, AGILE);
    MappedRow ok = (MappedRow) plan.map(row("A", "", "IN PROGRESS", "1", ""));
    assertThat(ok.patch().fields()).containsEntry("System.State", "Active");
    Rejection r = (Rejection) plan.map(row("B", "", "Open", "1", ""));
    assertThat(r.column()).isEqualTo("Status");
    assertThat(r.reason())
        .contains("\"Open\" has no entry in the value map of System.State")
        .contains("known: in progress")
        .contains("--value-map \"System.State:Open=VALUE\"");
  }

  @Test
  void aValueMapForAFieldNoColumnFillsOrAStrictFieldWithoutMapIsAPlanError() {
    ValueMaps.Builder maps =
        ValueMaps.builder().add("System.Reason:x=y").add("bad spec").strict("System.Title");
    assertThatThrownBy(() -> ImportPlan.create(jira().valueMaps(maps).build(), SCHEMA, AGILE))
        .isInstanceOfSatisfying(
            PlanException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("--value-map System.Reason:x=y: field"))
                    .anyMatch(p -> p.startsWith("--value-map bad spec: expected FIELD:FROM=TO"))
                    .anyMatch(p -> p.startsWith("--value-map-strict System.Title: no value map")));
  }

  @Test
  void identityMapRenamesPeopleAndUnknownOnesAreRejectedClearedOrReplacedAndCounted()
      throws IOException {
    Path people = dir.resolve("people.csv");
    Files.writeString(people, "from,to\nalice.jira,alice@example.com\n\"Bob B\",bob@example.com\n");
    SourceSchema schema = SourceSchema.of("Summary", "Assignee");
    MappingSpec.Builder base =
        MappingSpec.builder().workItemType("Task").map("Summary=System.Title");

    ImportPlan reject =
        ImportPlan.create(
            base.map("Assignee=Assigned To").identityMap(IdentityMap.of(people, "reject")).build(),
            schema,
            AGILE);
    assertThat(reject.describe())
        .contains(
            "identity map people.csv: 2 people for every identity field; unknown"
                + " identities: rejected");
    MappedRow alice = (MappedRow) reject.map(SourceRow.of(1, schema, "A", "ALICE.JIRA"));
    assertThat(alice.patch().fields()).containsEntry("System.AssignedTo", "alice@example.com");
    MappedRow already = (MappedRow) reject.map(SourceRow.of(2, schema, "B", "bob@example.com"));
    assertThat(already.patch().fields()).containsEntry("System.AssignedTo", "bob@example.com");
    Rejection zed = (Rejection) reject.map(SourceRow.of(3, schema, "C", "Zed Unknown"));
    assertThat(zed.reason())
        .contains("'Zed Unknown' is an unknown identity: it is not in the identity map people.csv")
        .contains("--unknown-identity clear");
    reject.map(SourceRow.of(4, schema, "D", "Zed Unknown"));
    assertThat(reject.report())
        .containsExactly("unknown identities (rows rejected): 'Zed Unknown' 2 rows");

    ImportPlan clear =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Task")
                .map("Summary=System.Title")
                .map("Assignee=Assigned To")
                .identityMap(IdentityMap.of(people, "clear"))
                .build(),
            schema,
            AGILE);
    MappedRow cleared = (MappedRow) clear.map(SourceRow.of(1, schema, "C", "Zed Unknown"));
    assertThat(cleared.patch().fields()).doesNotContainKey("System.AssignedTo");

    ImportPlan as =
        ImportPlan.create(
            MappingSpec.builder()
                .workItemType("Task")
                .map("Summary=System.Title")
                .map("Assignee=Assigned To")
                .identityMap(IdentityMap.of(people, "as=triage@example.com"))
                .build(),
            schema,
            AGILE);
    MappedRow triaged = (MappedRow) as.map(SourceRow.of(1, schema, "C", "Zed Unknown"));
    assertThat(triaged.patch().fields()).containsEntry("System.AssignedTo", "triage@example.com");
    assertThat(as.report())
        .containsExactly("unknown identities (written as triage@example.com): 'Zed Unknown' 1 row");

    assertThatThrownBy(() -> IdentityMap.of(null, "clear"))
        .hasMessageContaining("needs --identity-map");
  }
}
