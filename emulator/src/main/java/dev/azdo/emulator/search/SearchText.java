package dev.azdo.emulator.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text matching of work item search: search terms (words, "quoted phrases", a trailing *),
 * matched case-insensitively at the start of a word, and highlighted as the service marks hits.
 */
final class SearchText {
  private static final Pattern TERM = Pattern.compile("\"([^\"]+)\"|(\\S+)");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private SearchText() {}

  /** The terms of a search text; AND between terms is implied, as the service does. */
  static List<String> terms(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TERM.matcher(text);
    while (m.find()) {
      String t = m.group(1) != null ? m.group(1) : m.group(2);
      t = t.replaceAll("\\*+$", "").trim();
      if (!t.isEmpty() && !t.equals("AND")) {
        out.add(t.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** HTML (descriptions, comments) as plain text. */
  static String plain(String html) {
    return TAG.matcher(html)
        .replaceAll(" ")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .trim();
  }

  /** How often a term starts a word of the text. */
  static int count(String text, String term) {
    int n = 0;
    Matcher m = pattern(term).matcher(text);
    while (m.find()) {
      n++;
    }
    return n;
  }

  /**
   * The text (up to about 200 characters around the first hit) with each hit wrapped in
   * &lt;highlighthit&gt;, or null when no term matches.
   */
  static String highlight(String text, List<String> terms) {
    List<int[]> spans = new ArrayList<>();
    for (String term : terms) {
      Matcher m = pattern(term).matcher(text);
      while (m.find()) {
        spans.add(new int[] {m.start(), wordEnd(text, m.end())});
      }
    }
    if (spans.isEmpty()) {
      return null;
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    int from = Math.max(0, spans.get(0)[0] - 60);
    int to = Math.min(text.length(), from + 200);
    StringBuilder sb = new StringBuilder();
    int at = from;
    for (int[] s : spans) {
      if (s[0] < at || s[1] > to) {
        continue;
      }
      sb.append(text, at, s[0]).append("<highlighthit>").append(text, s[0], s[1]);
      sb.append("</highlighthit>");
      at = s[1];
    }
    sb.append(text, at, to);
    return sb.toString();
  }

  private static int wordEnd(String text, int i) {
    while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static Pattern pattern(String term) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(term),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
