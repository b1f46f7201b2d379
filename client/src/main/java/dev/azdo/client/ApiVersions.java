package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The api-versions a client sends to one server: the highest it supports up to the configured
 * {@code api-version}, read from the server's resource locations as Microsoft's clients do.
 *
 * @param general the version of every call but comments, e.g. 7.1 or 6.0
 * @param comments the comments API's preview version, e.g. 7.1-preview.4, or null when the server
 *     has no comments API (Azure DevOps Server 2019 before Update 1)
 * @param serverVersion the newest released version the server offers, or null when unknown
 */
public record ApiVersions(String general, String comments, String serverVersion) {
  /** Location id of the work item comments API (608aac0a…), absent before REST 5.1. */
  static final String COMMENTS_LOCATION = "608aac0a-32e1-4493-a863-b9cf4566d257";

  private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)");

  /** The configured versions as they are, for when nothing was negotiated. */
  static ApiVersions configured(String configured) {
    return new ApiVersions(configured, AzdoClient.COMMENTS_API_VERSION, null);
  }

  /**
   * Negotiates against the locations {@code OPTIONS _apis/wit} lists: the configured version when
   * the server has released it, else the server's newest released version (Microsoft's VsoClient
   * falls back to the location's version the same way).
   */
  static ApiVersions negotiate(String configured, JsonNode locations) {
    int[] server = null;
    String serverText = null;
    JsonNode comments = null;
    for (JsonNode loc : Json.list(locations)) {
      String released = Json.text(loc, "releasedVersion");
      int[] v = number(released);
      // 0.0 marks a location that is still preview only.
      if (v != null && v[0] > 0 && (server == null || compare(v, server) > 0)) {
        server = v;
        serverText = released;
      }
      if (COMMENTS_LOCATION.equalsIgnoreCase(Json.text(loc, "id"))) {
        comments = loc;
      }
    }
    int[] wanted = number(configured);
    if (server == null || wanted == null) {
      return configured(configured);
    }
    String general = compare(wanted, server) <= 0 ? configured : serverText;
    return new ApiVersions(
        general, comments == null ? null : comments(general, comments), serverText);
  }

  // The comments API stayed preview: resource version 3 from 5.1, 4 from 7.1.
  private static String comments(String general, JsonNode location) {
    int[] v = number(general);
    int[] max = number(Json.text(location, "maxVersion"));
    if (max != null && compare(max, v) < 0) {
      v = max;
    }
    int[] newest = {7, 1};
    if (compare(v, newest) > 0) {
      v = newest;
    }
    int known = compare(v, newest) >= 0 ? 4 : 3;
    JsonNode rv = location.get("resourceVersion");
    int resource = rv != null && rv.canConvertToInt() ? Math.min(known, rv.asInt()) : known;
    return v[0] + "." + v[1] + "-preview." + resource;
  }

  private static int[] number(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = NUMBER.matcher(text);
    return m.lookingAt()
        ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}
        : null;
  }

  private static int compare(int[] a, int[] b) {
    return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
  }

  /** Compares dotted version numbers numerically ("7.10" after "7.2"). */
  static int compare(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      try {
        int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
        if (c != 0) {
          return c;
        }
      } catch (NumberFormatException e) {
        return a.compareTo(b);
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
