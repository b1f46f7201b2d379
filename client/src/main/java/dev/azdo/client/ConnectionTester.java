package dev.azdo.client;

import java.util.List;
import java.util.Optional;

/**
 * Checks a connection for {@code azdo connection test}: who am I, which organization, which API.
 */
public final class ConnectionTester {

  /**
   * The outcome of a connection test.
   *
   * @param ok whether sign-in worked
   * @param user the authenticated user's display name (and account), or null
   * @param organization the organization name
   * @param serverApiVersion the highest released API version, or null if unknown
   * @param failure the failure category, or null when ok
   * @param reason a one-line reason when not ok, free of secrets
   * @param project the default project that was checked, or null when none is set
   * @param projects the organization's project names when the default project does not exist
   * @param product "Azure DevOps Services" or the Server release, e.g. "Azure DevOps Server 2020",
   *     or null when not connected
   * @param apiVersion the api-version this connection sends (negotiated), or null when not
   *     connected
   */
  public record Result(
      boolean ok,
      String user,
      String organization,
      String serverApiVersion,
      AzdoException.Kind failure,
      String reason,
      String project,
      List<String> projects,
      String product,
      String apiVersion) {

    Result(
        boolean ok,
        String user,
        String organization,
        String serverApiVersion,
        AzdoException.Kind failure,
        String reason) {
      this(ok, user, organization, serverApiVersion, failure, reason, null, List.of(), null, null);
    }
  }

  // A test is a question a person waits on: one attempt, and a refused or silent host answers
  // within seconds instead of after the retry policy's ~30 s of backoff.
  private static final int TEST_CONNECT_TIMEOUT_S = 3;

  private ConnectionTester() {}

  /** Tests settings with a fresh client that tries once, with a connect timeout of 3 s. */
  public static Result test(ConnectionSettings settings) {
    try {
      int connect = Math.min(TEST_CONNECT_TIMEOUT_S, (int) settings.connectTimeout().toSeconds());
      try (AzdoClient client =
          AzdoClient.create(
              settings
                  .withValue(ConnectionConfig.RETRY_MAX, 0)
                  .withValue(ConnectionConfig.CONNECT_TIMEOUT_S, connect))) {
        return test(client);
      }
    } catch (ConfigException e) {
      return new Result(
          false, null, settings.organization(), null, AzdoException.Kind.OTHER, e.getMessage());
    }
  }

  /** Tests the client's connection: connectionData, then the API version (best effort). */
  public static Result test(AzdoClient client) {
    ConnectionSettings s = client.settings();
    ConnectionData data;
    try {
      data = client.connectionData();
    } catch (AzdoException e) {
      return new Result(false, null, s.organization(), null, e.kind(), reason(e, s));
    }
    if (data.userId() == null || "00000000-0000-0000-0000-000000000000".equals(data.userId())) {
      // connectionData answers anonymous callers too, with an empty user: the credential was
      // ignored.
      return new Result(
          false,
          null,
          s.organization(),
          null,
          AzdoException.Kind.AUTHENTICATION,
          "bad credentials: " + s.orgUrl().getHost() + " treated the request as anonymous");
    }
    ApiVersions versions;
    try {
      versions = client.apiVersions();
    } catch (AzdoException e) {
      return new Result(false, null, s.organization(), null, e.kind(), reason(e, s));
    }
    String version = versions.serverVersion();
    if (version == null && !s.negotiateApiVersion()) {
      // Nothing negotiated: the newest released version OPTIONS _apis lists, best effort.
      try {
        version = client.serverApiVersion().orElse(null);
      } catch (AzdoException e) {
        version = null;
      }
    }
    String product = data.product(version);
    String user = data.userName() == null ? data.userId() : data.userName();
    if (data.userAccount() != null && !data.userAccount().equals(user)) {
      user = user + " <" + data.userAccount() + ">";
    }
    String project = s.project().orElse(null);
    if (project != null) {
      try {
        project = client.getProject(project).name();
      } catch (AzdoException e) {
        if (e.kind() != AzdoException.Kind.NOT_FOUND) {
          return new Result(false, user, s.organization(), version, e.kind(), reason(e, s));
        }
        List<String> names;
        try {
          names = client.listAllProjects().stream().map(Project::name).toList();
        } catch (AzdoException listing) {
          names = List.of();
        }
        return new Result(
            false,
            user,
            s.organization(),
            version,
            AzdoException.Kind.NOT_FOUND,
            "project '" + project + "' does not exist in " + s.organization(),
            project,
            names,
            product,
            versions.general());
      }
    }
    return new Result(
        true,
        user,
        s.organization(),
        version,
        null,
        null,
        project,
        List.of(),
        product,
        versions.general());
  }

  private static String reason(AzdoException e, ConnectionSettings s) {
    String host =
        s.orgUrl().getHost() + (s.orgUrl().getPort() > 0 ? ":" + s.orgUrl().getPort() : "");
    return switch (e.kind()) {
      case AUTHENTICATION -> "bad PAT or credentials: " + e.getMessage();
      case UNREACHABLE -> "unreachable host " + host + ": " + e.getMessage();
      case UNTRUSTED_HOST -> "untrusted host: " + e.getMessage();
      case NOT_FOUND ->
          "wrong organization: "
              + s.orgUrl()
              + " does not exist or is not an Azure DevOps organization ("
              + Optional.ofNullable(e.serviceCode()).orElse("HTTP 404")
              + ")";
      case PROTOCOL -> "wrong organization URL: " + e.getMessage();
      default -> e.getMessage();
    };
  }
}
