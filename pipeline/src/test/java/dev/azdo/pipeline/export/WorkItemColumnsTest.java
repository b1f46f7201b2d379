package dev.azdo.pipeline.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.client.FieldInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --fields names resolve against the project's fields, each field once, in the order given. */
class WorkItemColumnsTest {
  private static final List<FieldInfo> KNOWN =
      List.of(
          new FieldInfo("System.Id", "ID", "integer", false, true),
          new FieldInfo("System.Title", "Title", "string", false, false),
          new FieldInfo("System.AssignedTo", "Assigned To", "identity", true, false),
          new FieldInfo("Custom.Title", "Custom Title", "string", false, false));

  @Test
  void aFieldNamedTwiceInAnyCaseOrSpellingComesOutOnceWhereFirstNamed() {
    List<FieldInfo> fields =
        WorkItemColumns.resolve(
            "--fields",
            List.of("title", "System.Id", "[System.Title]", " Assigned To ", "SYSTEM.TITLE", "ID"),
            KNOWN);

    assertThat(fields)
        .extracting(FieldInfo::referenceName)
        .containsExactly("System.Title", "System.Id", "System.AssignedTo");
  }

  @Test
  void anIdNotInTheCatalogueStillResolvesAndAnUnknownNameIsRefusedByName() {
    assertThat(
            WorkItemColumns.resolve(
                "--fields", List.of("Id", "Custom Title"), KNOWN.subList(1, KNOWN.size())))
        .extracting(FieldInfo::referenceName)
        .containsExactly("System.Id", "Custom.Title");
    assertThatThrownBy(() -> WorkItemColumns.resolve("--fields", List.of("Title", " Nope "), KNOWN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--fields: unknown field 'Nope'");
  }

  @Test
  void aNameWithoutSpacesOrPrefixResolvesWhenOnlyOneFieldHasIt() {
    List<FieldInfo> known = new java.util.ArrayList<>(KNOWN);
    known.add(new FieldInfo("Microsoft.VSTS.Common.Priority", "Priority", "integer", false, false));

    assertThat(
            WorkItemColumns.resolve(
                "--fields", List.of("assignedto", "CustomTitle", "Priority"), known))
        .extracting(FieldInfo::referenceName)
        .containsExactly("System.AssignedTo", "Custom.Title", "Microsoft.VSTS.Common.Priority");
    assertThatThrownBy(() -> WorkItemColumns.resolve("--fields", List.of("TeamSeverity"), known))
        .hasMessage("--fields: unknown field 'TeamSeverity'");
  }

  @Test
  void aShortNameTwoFieldsShareIsRefusedNamingBoth() {
    List<FieldInfo> known =
        List.of(
            new FieldInfo("Custom.Effort", "Effort Days", "double", false, false),
            new FieldInfo(
                "Microsoft.VSTS.Scheduling.Effort", "Effort (hours)", "double", false, false));

    assertThatThrownBy(() -> WorkItemColumns.resolve("--fields", List.of("effort"), known))
        .hasMessage(
            "--fields: 'effort' could be any of Custom.Effort, Microsoft.VSTS.Scheduling.Effort;"
                + " give the reference name");
  }
}
