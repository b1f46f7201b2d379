package dev.azdo.pipeline.mapping;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Turns plain text or Markdown into the HTML that rich-text fields store, keeping line breaks. */
public final class RichText {
  private static final Parser MARKDOWN = Parser.builder().build();
  // Raw HTML in Markdown is escaped and unsafe link schemes dropped: imported text is untrusted.
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).softbreak("<br>").build();

  private RichText() {}

  /**
   * Escapes HTML special characters and turns each line break (LF, CRLF or CR) into {@code <br>}.
   */
  public static String plainToHtml(String text) {
    int n = text.length();
    int first = 0;
    while (first < n && !special(text.charAt(first))) {
      first++;
    }
    if (first == n) {
      return text;
    }
    StringBuilder html = new StringBuilder(n + 32);
    html.append(text, 0, first);
    int plain = first;
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      if (!special(c)) {
        continue;
      }
      // Copy the run of ordinary characters before this one at once, not char by char.
      html.append(text, plain, i);
      plain = i + 1;
      switch (c) {
        case '&' -> html.append("&amp;");
        case '<' -> html.append("&lt;");
        case '>' -> html.append("&gt;");
        case '"' -> html.append("&quot;");
        case '\'' -> html.append("&#39;");
        case '\r' -> {
          html.append("<br>");
          if (i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
            plain = i + 1;
          }
        }
        default -> html.append("<br>");
      }
    }
    html.append(text, plain, n);
    return html.toString();
  }

  private static boolean special(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '\r' || c == '\n';
  }

  /**
   * Renders CommonMark Markdown to HTML; single line breaks stay line breaks, raw HTML is escaped.
   */
  public static String markdownToHtml(String markdown) {
    return RENDERER.render(MARKDOWN.parse(markdown)).strip();
  }
}
