package dev.azdo.emulator.wiql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WiqlDatesTest {

  @Test
  void dateAloneParsesToADayInIsoAndUsForms() {
    assertThat(WiqlValues.parseDate("2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
    assertThat(WiqlValues.parseDate("1/31/2024")).isEqualTo(LocalDate.of(2024, 1, 31));
    assertThat(WiqlValues.parseDate("02-11-2020")).isEqualTo(LocalDate.of(2020, 2, 11));
  }

  @Test
  void dateWithTimeParsesToAnInstantInUtcWhenNoOffsetIsGiven() {
    assertThat(WiqlValues.parseDate("2024-01-31T10:15:30Z"))
        .isEqualTo(Instant.parse("2024-01-31T10:15:30Z"));
    assertThat(WiqlValues.parseDate("2024-01-31T10:15:30.123Z"))
        .isEqualTo(Instant.parse("2024-01-31T10:15:30.123Z"));
    assertThat(WiqlValues.parseDate("2024-01-31T10:15:30.1234567Z"))
        .isEqualTo(Instant.parse("2024-01-31T10:15:30.1234567Z"));
    assertThat(WiqlValues.parseDate("2024-01-31T12:15:30+02:00"))
        .isEqualTo(Instant.parse("2024-01-31T10:15:30Z"));
    assertThat(WiqlValues.parseDate("2024-01-31 10:15:30"))
        .isEqualTo(Instant.parse("2024-01-31T10:15:30Z"));
  }

  @Test
  void textThatIsNotADateParsesToNull() {
    assertThat(WiqlValues.parseDate("yesterday")).isNull();
    assertThat(WiqlValues.parseDate("2024-13-01T00:00:00Z")).isNull();
    assertThat(WiqlValues.parseDate("")).isNull();
  }
}
