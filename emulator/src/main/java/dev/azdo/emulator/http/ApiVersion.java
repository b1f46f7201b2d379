package dev.azdo.emulator.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An api-version as clients send it: {major}.{minor}[-preview[.{resourceVersion}]]. */
public record ApiVersion(int major, int minor, boolean preview, int resourceVersion) {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d+)\\.(\\d+)(?:-(preview)(?:\\.(\\d+))?)?", Pattern.CASE_INSENSITIVE);

  /** The newest REST version this emulator serves, as Azure DevOps Services does today. */
  public static final ApiVersion SERVER_MAX = new ApiVersion(7, 2, false, 0);

  /** Parses a version, or throws the service's 400 for a malformed one. */
  public static ApiVersion parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    // Each number must fit an int (the service's Version type): 99999999999.0 is malformed too.
    if (!m.matches() || !fits(m.group(1)) || !fits(m.group(2)) || !fits(m.group(4))) {
      throw ApiException.badRequest(
          "VssInvalidApiVersionException",
          "Invalid api version string: \""
              + text
              + "\". Api version string must be in the format"
              + " {Major}.{Minor}[-{stage}[.{resourceVersion}]]. For example: 1.0-preview.1");
    }
    return new ApiVersion(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        m.group(3) != null,
        m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
  }

  private static boolean fits(String digits) {
    return digits == null || digits.length() < 10;
  }

  /** Compares major.minor only. */
  public int compareNumber(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  /** Returns the version number without its preview stage, such as 7.1. */
  public String number() {
    return major + "." + minor;
  }

  @Override
  public String toString() {
    return number()
        + (preview ? "-preview" + (resourceVersion > 0 ? "." + resourceVersion : "") : "");
  }
}
