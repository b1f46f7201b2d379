package dev.azdo.client;

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
   */
  public record Result(
      boolean ok,
      String user,
      String organization,
      String serverApiVersion,
      AzdoException.Kind failure,
      String reason) {}

  private ConnectionTester() {}

  /** Tests settings with a fresh client. */
  public static Result test(ConnectionSettings settings) {
    try {
      return test(AzdoClient.create(settings));
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
    String version;
    try {
      version = client.serverApiVersion().orElse(null);
    } catch (AzdoException e) {
      version = null;
    }
    String user = data.userName() == null ? data.userId() : data.userName();
    if (data.userAccount() != null && !data.userAccount().equals(user)) {
      user = user + " <" + data.userAccount() + ">";
    }
    return new Result(true, user, s.organization(), version, null, null);
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
