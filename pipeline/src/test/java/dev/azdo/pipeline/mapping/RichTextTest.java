package dev.azdo.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RichTextTest {
  @Test
  void plainTextIsEscapedAndEveryKindOfLineBreakKept() {
    assertThat(RichText.plainToHtml("<script>x</script> & \"q\"\none\r\ntwo\rthree"))
        .isEqualTo("&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;<br>one<br>two<br>three");
  }

  @Test
  void markdownRendersListsAndEscapesRawHtmlAndUnsafeLinks() {
    String html =
        RichText.markdownToHtml("# Steps\n- open\n- click <b>save</b>\n\n[x](javascript:alert(1))");
    assertThat(html)
        .contains("<h1>Steps</h1>")
        .contains("<li>open</li>")
        .contains("&lt;b&gt;save&lt;/b&gt;");
    assertThat(html).doesNotContain("javascript:");
  }
}
