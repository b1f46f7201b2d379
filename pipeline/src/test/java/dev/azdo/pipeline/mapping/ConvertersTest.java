package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConvertersTest {
  @Test
  void tagListsInAnySeparatorBecomeSemicolonSpaceWithoutBlanksOrRepeats() {
    assertThat(Converters.tags("a,b")).isEqualTo("a; b");
    assertThat(Converters.tags(" a ;; b ; a,")).isEqualTo("a; b");
    assertThat(Converters.tags(";")).isEqualTo("");
  }

  @Test
  void booleansAcceptYesNoAndDigits() throws ConversionException {
    assertThat(Converters.bool("Yes")).isEqualTo(true);
    assertThat(Converters.bool("0")).isEqualTo(false);
    assertThatThrownBy(() -> Converters.bool("maybe"))
        .hasMessage("\"maybe\" is not true/false (or yes/no, 1/0)");
  }

  @Test
  void wholeNumbersAcceptSpreadsheetDecimalsButNotFractions() throws ConversionException {
    assertThat(Converters.integer(" 42 ")).isEqualTo(42L);
    assertThat(Converters.integer("3.00")).isEqualTo(3L);
    assertThatThrownBy(() -> Converters.integer("3.5")).hasMessage("\"3.5\" is not a whole number");
    assertThatThrownBy(() -> Converters.decimal("NaN"))
        .hasMessage("\"NaN\" is not a number (use . for decimals)");
  }

  @Test
  void guidsAreValidated() throws ConversionException {
    assertThat(Converters.guid("6F9619FF-8B86-D011-B42D-00C04FC964FF"))
        .isEqualTo("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    assertThatThrownBy(() -> Converters.guid("nope")).hasMessage("\"nope\" is not a GUID");
  }
}
