package dev.azdo.pipeline.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusedInputTest {
  private static EndpointRow row(String... inputsAndValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < inputsAndValues.length; i += 2) {
      values.put(inputsAndValues[i], inputsAndValues[i + 1]);
    }
    return new EndpointRow(1, values, null, null);
  }

  @Test
  void theValueTheServiceQuotesNamesItsInput() {
    // A rename to a name in use: the quoted value is the new name, not the current one.
    assertThat(
            RefusedInput.of(
                "update-team",
                row("Name", "Crew 1", "NewName", "Crew 0"),
                "update team Crew 1 (HTTP 400): The team name 'Crew 0' is already in use."))
        .isEqualTo("NewName");
  }

  @Test
  void anInputTheServiceNamesIsTheHintAndEchoedValuesAreNot() {
    assertThat(
            RefusedInput.of(
                "create-iteration",
                row("Path", "Sprint 1", "StartDate", "2026-01-09", "FinishDate", "2026-01-05"),
                "create iteration Sprint 1 (HTTP 400): VS402379: The finishDate 2026-01-05 must not"
                    + " be before the start date."))
        .isEqualTo("FinishDate");
    // A team called Description: the echoed value is no hint, so the call's Name is named.
    assertThat(
            RefusedInput.of(
                "create-team",
                row("Name", "Description"),
                "create team Description (HTTP 400): TF400898: An internal error occurred."))
        .isEqualTo("Name");
  }

  @Test
  void withoutAHintTheCallsIdentifyingInputIsNamedAndALinkNamesNone() {
    assertThat(
            RefusedInput.of(
                "create-area",
                row("Path", "Web/Frontend"),
                "create area Web/Frontend (HTTP 409): VS402371: Classification node name Frontend"
                    + " is already in use."))
        .isEqualTo("Path");
    assertThat(
            RefusedInput.of(
                "add-comment",
                row("Key", "K7", "Text", "hi"),
                "add comment to 12 (HTTP 404): TF401232: Work item 12 does not exist."))
        .isEqualTo("Key");
    assertThat(
            RefusedInput.of(
                "add-link",
                row("SourceId", "1", "TargetId", "99", "LinkType", "related"),
                "link 1 to 99 (HTTP 400): TF201036: You cannot add a link to work item 99."))
        .isNull();
  }
}
