package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates that exports carry are read without a --date-format; a failure says what was tried. */
class DefaultDatesTest {
  private static final DateParser DEFAULTS = DateParser.of(List.of(), ZoneOffset.UTC);

  @Test
  void readsIsoSqlAndSpreadsheetSerialDatesByDefault() {
    assertThat(DEFAULTS.toUtc("2024-02-03")).isEqualTo("2024-02-03T00:00:00Z");
    assertThat(DEFAULTS.toUtc("2024-02-03T14:22:05Z")).isEqualTo("2024-02-03T14:22:05Z");
    // SQLite DATETIME text and database exports.
    assertThat(DEFAULTS.toUtc("2024-02-03 14:22:05")).isEqualTo("2024-02-03T14:22:05Z");
    assertThat(DEFAULTS.toUtc("2024-02-03 14:22:05.250")).isEqualTo("2024-02-03T14:22:05.250Z");
    assertThat(DEFAULTS.toUtc("2024-02-03 14:22:05+01:00")).isEqualTo("2024-02-03T13:22:05Z");
    // Spreadsheet serial days: 45352 is 2024-03-01, .5 is noon.
    assertThat(DEFAULTS.toUtc("45352")).isEqualTo("2024-03-01T00:00:00Z");
    assertThat(DEFAULTS.toUtc("45352.5")).isEqualTo("2024-03-01T12:00:00Z");
    assertThat(DEFAULTS.toUtc("1")).isEqualTo("1900-01-01T00:00:00Z");
    assertThat(DateParser.of(List.of(), ZoneId.of("Europe/Berlin")).toUtc("2024-02-03 10:00:00"))
        .isEqualTo("2024-02-03T09:00:00Z");
  }

  @Test
  void aDateNoDefaultReadsNamesTheFormatsTriedAndDateFormat() {
    assertThatThrownBy(() -> DEFAULTS.toUtc("12/Mar/24 3:04 PM"))
        .hasMessage(
            "\"12/Mar/24 3:04 PM\" is not a date: tried ISO-8601 (yyyy-MM-dd,"
                + " yyyy-MM-ddTHH:mm:ss[.fraction][Z|+hh:mm]), yyyy-MM-dd HH:mm:ss[.fraction] (SQL)"
                + " and spreadsheet serial day numbers (45352); give the source's pattern with"
                + " --date-format, such as --date-format \"dd/MMM/yy h:mm a\" for 12/Mar/24 3:04 PM");
    assertThatThrownBy(() -> DEFAULTS.toUtc("99999999")).hasMessageContaining("is not a date");
  }

  @Test
  void jiraDatesReadWithTheirPatternInAnyCase() {
    DateParser jira = DateParser.of(List.of("dd/MMM/yy h:mm a"), ZoneOffset.UTC);
    assertThat(jira.toUtc("12/Mar/24 3:04 PM")).isEqualTo("2024-03-12T15:04:00Z");
    assertThat(jira.toUtc("01/JAN/25 11:59 am")).isEqualTo("2025-01-01T11:59:00Z");
    assertThatThrownBy(() -> jira.toUtc("2024-03-12"))
        .hasMessage("\"2024-03-12\" is not a date in format dd/MMM/yy h:mm a");
  }
}
