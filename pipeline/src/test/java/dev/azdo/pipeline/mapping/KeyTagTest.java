package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class KeyTagTest {
  private static final List<String> KEYS =
      List.of(
          "a",
          "A",
          "bug-1",
          "BUG-1",
          "Bug-1",
          "bUG-1",
          "A;B",
          "A,B",
          "50%",
          "x~1",
          "it's \"q\"",
          "\u00e9t\u00e9",
          "\u00c9T\u00c9",
          "\u0131",
          "I",
          "i",
          "\u212a",
          "k",
          "K",
          "\u01c5",
          "\ud801\udc00",
          "\ud801\udc28",
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
          "");

  @Test
  void readableTagsWithACapitalsMaskOnlyWhenThereAreCapitals() {
    assertThat(KeyTag.of("bug-1")).isEqualTo("import-key:bug-1");
    assertThat(KeyTag.of("BUG-1")).isEqualTo("import-key:BUG-1~7");
    assertThat(KeyTag.of("Bug-1")).isEqualTo("import-key:Bug-1~1");
    assertThat(KeyTag.of("abcdE")).isEqualTo("import-key:abcdE~01");
    assertThat(KeyTag.of("A;B")).isEqualTo("import-key:A%3BB~3");
    assertThat(KeyTag.of("D-000001")).isEqualTo("import-key:D-000001~1");
  }

  @Test
  void everyKeyComesBackExactlyFromItsTagInAnyCase() {
    assertThat(KEYS)
        .allSatisfy(
            key ->
                assertThat(
                        List.of(
                            KeyTag.of(key),
                            KeyTag.of(key).toLowerCase(Locale.ROOT),
                            KeyTag.of(key).toUpperCase(Locale.ROOT)))
                    .as(key)
                    .allSatisfy(tag -> assertThat(KeyTag.keyOf(tag)).isEqualTo(key)));
  }

  @Test
  void keysThatDifferOnlyInCaseHaveTagsThatDifferRegardlessOfCase() {
    assertThat(KEYS.stream().map(k -> KeyTag.of(k).toLowerCase(Locale.ROOT)).distinct())
        .hasSameSizeAs(KEYS);
  }

  @Test
  void tagsOfEarlierVersionsAreReadExactlyAndOnlyWithoutAMask() {
    assertThat(KeyTag.legacyOf("A;B")).isEqualTo("import-key:A%3BB");
    assertThat(KeyTag.legacyKeyOf("import-key:A%3BB")).isEqualTo("A;B");
    assertThat(KeyTag.legacyKeyOf("import-key:BUG-1~7")).isNull();
    assertThat(KeyTag.keyOf("other")).isNull();
    assertThat(KeyTag.keyOf("import-key:x~zz")).isNull();
  }
}
