package dev.azdo.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for URL path segments and query values. */
public final class Urls {
  private static final String SEGMENT_SAFE = "-._~!$&'()*+,;=:@";

  private Urls() {}

  /** Encodes one path segment (a project name, a type name, a node name). */
  public static String segment(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || (c < 128 && SEGMENT_SAFE.indexOf(c) >= 0)) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  /** Encodes a query parameter value. */
  public static String query(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Encodes a slash- or backslash-separated classification path segment by segment. */
  public static String path(String path) {
    StringBuilder sb = new StringBuilder();
    for (String part : path.split("[/\\\\]")) {
      if (!part.isEmpty()) {
        sb.append('/').append(segment(part));
      }
    }
    return sb.toString();
  }
}
