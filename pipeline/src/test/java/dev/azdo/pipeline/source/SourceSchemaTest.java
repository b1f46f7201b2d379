package dev.azdo.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11 item 3: repeated column names are kept and picked by position. */
class SourceSchemaTest {
  private static final SourceSchema JIRA =
      SourceSchema.of("Issue key", "Labels", "Sprint", "Labels", "Sprint", "Labels");

  @Test
  void aRepeatedNameHasEveryPositionAndAPickNamesOne() {
    assertThat(JIRA.positions("Labels")).containsExactly(1, 3, 5);
    assertThat(JIRA.positions("labels")).containsExactly(1, 3, 5);
    assertThat(JIRA.indexOf("Sprint")).isEqualTo(2);
    assertThat(JIRA.indexOf("Sprint[last]")).isEqualTo(4);
    assertThat(JIRA.indexOf("Sprint[1]")).isEqualTo(2);
    assertThat(JIRA.indexOf("Labels[ 2 ]")).isEqualTo(3);
    assertThat(JIRA.indexOf("Labels[4]")).isEqualTo(-1);
    assertThat(JIRA.indexOf("Issue key[1]")).isEqualTo(0);
  }

  @Test
  void aColumnNamedWithBracketsIsFoundByItsOwnName() {
    SourceSchema schema = SourceSchema.of("Notes[1]", "Notes");
    assertThat(schema.indexOf("Notes[1]")).isEqualTo(0);
    assertThat(schema.ambiguity("Notes")).isNull();
  }

  @Test
  void anAmbiguousReferenceSaysWhereTheColumnsAreAndHowToPickOne() {
    assertThat(JIRA.ambiguity("Sprint"))
        .isEqualTo(
            "column \"Sprint\" appears 2 times (columns 3 and 5); pick one with \"Sprint[1]\" to"
                + " \"Sprint[2]\" or \"Sprint[last]\"");
    assertThat(JIRA.ambiguity("Sprint[last]")).isNull();
    assertThat(JIRA.ambiguity("Issue key")).isNull();
    assertThat(JIRA.numbered())
        .isEqualTo("1 Issue key, 2 Labels, 3 Sprint, 4 Labels, 5 Sprint, 6 Labels");
  }
}
