package dev.azdo.pipeline.report;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a journal's ids belong to: the target (the organization or collection URL with scheme, host,
 * port and path; for an emulator embedded in the run, its data folder), the project, the endpoint
 * and the source (a file's absolute path, a JDBC URL without credentials plus the query, or a dummy
 * source's row count and seed). Resuming from a journal of another identity would skip rows never
 * written there.
 *
 * @param target the organization URL or emulator data folder, as {@link #targetOf} gives it
 * @param project the project, or null for organization-wide endpoints (projects)
 * @param endpoint the endpoint, such as create-workitem
 * @param source the source, as {@code SourceOptions.identity()} gives it
 */
public record JournalIdentity(String target, String project, String endpoint, String source) {

  /**
   * Returns the target of an organization URL: scheme, host and port (the default one when none is
   * given) and path, case-insensitive as Azure DevOps names are.
   */
  public static String targetOf(URI orgUrl) {
    String scheme = orgUrl.getScheme() == null ? "https" : orgUrl.getScheme();
    int port =
        orgUrl.getPort() >= 0 ? orgUrl.getPort() : scheme.equalsIgnoreCase("http") ? 80 : 443;
    String path = orgUrl.getPath() == null ? "" : orgUrl.getPath().replaceAll("/+$", "");
    return (scheme + "://" + orgUrl.getHost() + ":" + port + path).toLowerCase(Locale.ROOT);
  }

  /** Returns the target of an emulator embedded in the run, whose port changes every time. */
  public static String emulatorData(java.nio.file.Path dataFolder) {
    return "emulator data " + dataFolder.toAbsolutePath().normalize();
  }

  /** Tells whether a journal of this identity may serve a run of the other. */
  public boolean sameAs(JournalIdentity other) {
    return target.equals(other.target)
        && (project == null ? other.project == null : project.equalsIgnoreCase(other.project))
        && endpoint.equals(other.endpoint)
        && source.equals(other.source);
  }

  /**
   * Returns the part of a default journal's file name that tells identities apart: the endpoint and
   * 8 hex digits of a digest of the whole identity.
   */
  public String fileTag() {
    String whole =
        target
            + "|"
            + (project == null ? "" : project.toLowerCase(Locale.ROOT))
            + "|"
            + endpoint
            + "|"
            + source;
    return endpoint + "-" + digest(whole).substring(0, 8);
  }

  /** Returns the SHA-256 of a text as hex. */
  static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "target "
        + target
        + (project == null ? "" : ", project " + project)
        + ", endpoint "
        + endpoint
        + ", source "
        + source;
  }
}
