package dev.azdo.client;

import static dev.azdo.client.ConnectionConfig.*;

import dev.azdo.client.ConfigKey.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The connection settings' definitions (name, type, default, validator, docs, aliases), in docs
 * order.
 */
final class ConnectionKeys {
  private static final Pattern API_VERSION_PATTERN =
      Pattern.compile("\\d+\\.\\d+(-preview(\\.\\d+)?)?");
  // Azure DevOps organization names: letters, digits and hyphens, not starting with a hyphen.
  static final Pattern ORG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,49}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final List<String> ENTRA_FLOWS =
      List.of("interactive", "device-code", "client-credentials", "managed-identity");

  static final List<ConfigKey> ALL =
      List.of(
          key(
              ORG_URL,
              Type.STRING,
              null,
              null,
              "Organization URL (https://dev.azure.com/ORG), Azure DevOps Server collection URL or"
                  + " emulator URL.",
              "OrganizationUrl",
              "url"),
          key(
              ORG,
              Type.STRING,
              null,
              null,
              "Organization name, short for https://dev.azure.com/ORG.",
              "Organization"),
          key(PROJECT, Type.STRING, null, null, "Default project name or id.", "Default Project"),
          key(
              API_VERSION,
              Type.STRING,
              "7.1",
              v ->
                  API_VERSION_PATTERN.matcher((String) v).matches()
                      ? null
                      : "must look like 7.1 or 7.1-preview.4",
              "Highest REST api-version to send; an older server's own is used instead (see"
                  + " api-version-negotiation).",
              "API Version"),
          key(
              API_VERSION_NEGOTIATION,
              Type.STRING,
              "auto",
              oneOf("auto", "off"),
              "auto: send api-version until the server refuses it, then read the server's versions"
                  + " once (OPTIONS _apis/wit) and send the highest it offers up to api-version, as"
                  + " Microsoft's clients do (Azure DevOps Server"
                  + " 2019: 5.0, 2020: 6.0, 2022: 7.0); off: send api-version as given.",
              "ApiVersionNegotiation"),
          key(
                  AUTH,
                  Type.STRING,
                  "pat",
                  oneOf("pat", "bearer", "oauth", "entra"),
                  "Sign-in method: pat, bearer, oauth or entra.",
                  "AuthType")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  PAT,
                  Type.PASSWORD,
                  null,
                  null,
                  "Personal access token (or bearer token); also env:NAME or file:PATH.",
                  "token",
                  "PersonalAccessToken",
                  "password")
              .in(ConfigKey.Section.SIGN_IN),
          key(PAT_FILE, Type.STRING, null, null, "File whose first line is the PAT.", "PatFile")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  AUTH_SCHEME,
                  Type.STRING,
                  "Basic",
                  oneOf("basic", "bearer"),
                  "How a PAT is sent: Basic (any user name) or Bearer.",
                  "AuthScheme")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  AUTH_HEADER,
                  Type.STRING,
                  "Authorization",
                  v ->
                      HEADER_NAME.matcher((String) v).matches()
                          ? null
                          : "must be an HTTP header name",
                  "Header that carries the credential.",
                  "AuthHeader")
              .in(ConfigKey.Section.SIGN_IN),
          key(USER_NAME, Type.STRING, "", null, "User name sent with a Basic PAT.", "UserName")
              .in(ConfigKey.Section.SIGN_IN),
          key(
              TRUSTED_DOMAIN,
              Type.LIST,
              "",
              ConnectionKeys::checkDomains,
              "Extra hosts that may receive credentials: https://host[:port], http://host[:port] (http"
                  + " organizations only), *.domain; a bare host means https only.",
              "trusted-domains",
              "Additional Trusted Domains"),
          key(
              RETRY_MODE,
              Type.STRING,
              "status-match",
              null,
              "What is retried: status-match (the retry-status list), any (every error status)"
                  + " or none.",
              "RetryMode"),
          key(
              RETRY_STATUS,
              Type.LIST,
              "429,500,502,503,504",
              ConnectionKeys::checkStatuses,
              "HTTP statuses to retry.",
              "RetryStatusCodeList"),
          key(
              RETRY_MAX,
              Type.INT,
              "5",
              range(0, 100),
              "Retries after the first attempt.",
              "RetryCountMax"),
          key(
              RETRY_MULTIPLY_WAIT,
              Type.BOOLEAN,
              "true",
              null,
              "Double the wait after each retry, with jitter.",
              "RetryMultiplyWaitTime"),
          key(
              RETRY_WAIT_MS,
              Type.INT,
              "1000",
              range(0, 600_000),
              "First retry wait in milliseconds.",
              "RetryWaitTimeMs"),
          key(
              RETRY_MAX_WAIT_MS,
              Type.INT,
              "60000",
              range(0, 3_600_000),
              "Longest computed retry wait in milliseconds; Retry-After may ask for more, up to"
                  + " retry-max-wait."),
          key(
              RETRY_MAX_WAIT,
              Type.DURATION,
              "5m",
              v ->
                  ((java.time.Duration) v).compareTo(java.time.Duration.ofDays(7)) > 0
                      ? "must be at most 7d"
                      : null,
              "Longest wait the service may ask for (Retry-After, X-RateLimit-Reset), e.g. 30s,"
                  + " 5m, 1h; a longer demand stops the run."),
          key(
              RATE_SHARE,
              Type.STRING,
              "1",
              ConnectionKeys::checkShare,
              "Share of the identity's rate budget (TSTUs per window) to use, above 0 and at most"
                  + " 1; the rest stays free for the user's own work."),
          key(CONNECT_TIMEOUT_S, Type.INT, "30", range(1, 600), "Connect timeout in seconds."),
          key(TIMEOUT_S, Type.INT, "100", range(1, 3600), "Timeout of one request in seconds."),
          key(OAUTH_CLIENT_ID, Type.STRING, null, null, "OAuth app id.")
              .in(ConfigKey.Section.SIGN_IN),
          key(OAUTH_CLIENT_SECRET, Type.PASSWORD, null, null, "OAuth client secret.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  OAUTH_SCOPES,
                  Type.LIST,
                  "vso.work_write",
                  null,
                  "OAuth scopes to request, e.g. vso.work_write,vso.project_manage.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  OAUTH_REGISTERED_SCOPES,
                  Type.LIST,
                  "",
                  null,
                  "Scopes registered for the OAuth app; requested scopes must be among them.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  OAUTH_AUTHORIZE_URL,
                  Type.STRING,
                  "https://app.vssps.visualstudio.com/oauth2/authorize",
                  ConnectionKeys::checkHttpUrl,
                  "OAuth authorize endpoint.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  OAUTH_TOKEN_URL,
                  Type.STRING,
                  "https://app.vssps.visualstudio.com/oauth2/token",
                  ConnectionKeys::checkHttpUrl,
                  "OAuth token endpoint.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  OAUTH_REDIRECT_URI,
                  Type.STRING,
                  "http://localhost:8400/oauth/callback",
                  ConnectionKeys::checkHttpUrl,
                  "Redirect URI registered for the OAuth app; the sign-in listens there.")
              .in(ConfigKey.Section.SIGN_IN),
          key(OAUTH_TOKEN_FILE, Type.STRING, null, null, "Owner-only file keeping OAuth tokens.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  ENTRA_FLOW,
                  Type.STRING,
                  "interactive",
                  oneOf(ENTRA_FLOWS.toArray(String[]::new)),
                  "Entra sign-in: interactive, device-code, client-credentials or managed-identity.")
              .in(ConfigKey.Section.SIGN_IN),
          key(ENTRA_TENANT, Type.STRING, "organizations", null, "Entra tenant id or domain.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  ENTRA_AUTHORITY,
                  Type.STRING,
                  "https://login.microsoftonline.com",
                  v -> String.valueOf(v).startsWith("https://") ? null : "must be an https URL",
                  "Entra sign-in host, e.g. https://login.microsoftonline.us for US Government.")
              .in(ConfigKey.Section.SIGN_IN),
          key(
                  ENTRA_CLIENT_ID,
                  Type.STRING,
                  null,
                  null,
                  "Entra app id, or a user-assigned managed identity's client id.")
              .in(ConfigKey.Section.SIGN_IN),
          key(ENTRA_CLIENT_SECRET, Type.PASSWORD, null, null, "Entra client secret.")
              .in(ConfigKey.Section.SIGN_IN),
          key(PROFILE, Type.STRING, null, null, "Saved profile name."));

  private ConnectionKeys() {}

  static ConfigKey.Validator oneOf(String... allowed) {
    return new ConfigKey.OneOf(List.of(allowed));
  }

  private static String checkShare(Object v) {
    double d;
    try {
      d = Double.parseDouble(((String) v).trim());
    } catch (NumberFormatException e) {
      return "must be a number above 0 and at most 1, like 0.5";
    }
    return d > 0 && d <= 1 ? null : "must be above 0 and at most 1, like 0.5";
  }

  private static ConfigKey.Validator range(int min, int max) {
    return v -> {
      int i = (Integer) v;
      return i < min || i > max ? "must be between " + min + " and " + max : null;
    };
  }

  private static String checkDomains(Object v) {
    for (Object o : (List<?>) v) {
      String d = (String) o;
      if (!d.matches("(?i)(https?://)?(\\*\\.|\\.)?[A-Za-z0-9.-]+(:\\d{1,5})?/?")) {
        return "'" + d + "' is not a host, host:port, *.domain or https://host";
      }
    }
    return null;
  }

  private static String checkStatuses(Object v) {
    for (Object o : (List<?>) v) {
      try {
        int s = Integer.parseInt((String) o);
        if (s < 100 || s > 599) {
          return "'" + o + "' is not an HTTP status (100-599)";
        }
      } catch (NumberFormatException e) {
        return "'" + o + "' is not an HTTP status (100-599)";
      }
    }
    return null;
  }

  private static String checkHttpUrl(Object v) {
    try {
      URI u = new URI((String) v);
      return u.getHost() != null && u.getScheme() != null && u.getScheme().startsWith("http")
          ? null
          : "must be an http(s) URL";
    } catch (URISyntaxException e) {
      return "must be an http(s) URL";
    }
  }

  private static ConfigKey key(
      String name, Type type, String def, ConfigKey.Validator v, String doc, String... aliases) {
    return new ConfigKey(name, type, def, v, doc, List.of(aliases));
  }
}
