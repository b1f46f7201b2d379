package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    assertThat(
            Map.of(
                "bug-1", "import-key:bug-1",
                "BUG-1", "import-key:BUG-1~7",
                "Bug-1", "import-key:Bug-1~1",
                "abcdE", "import-key:abcdE~01",
                "A;B", "import-key:A%3BB~3",
                "D-000001", "import-key:D-000001~1"))
        .allSatisfy((key, tag) -> assertThat(KeyTag.of(key)).isEqualTo(tag));
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
