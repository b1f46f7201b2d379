package dev.azdo.client;

import dev.azdo.client.auth.PatCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/** Validated, immutable connection settings; created by {@link ConnectionConfig#parse}. */
public final class ConnectionSettings {
  // retry-mode any: every error status (non-idempotent requests are still retried only on 429).
  private static final Set<Integer> ANY_ERROR =
      java.util.stream.IntStream.rangeClosed(400, 599)
          .boxed()
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final Map<String, Object> values;
  private final String credentialsProfile;
  private final URI credentialsOrgUrl;

  ConnectionSettings(Map<String, Object> values) {
    this(values, null, null);
  }

  private ConnectionSettings(Map<String, Object> values, String profile, URI profileOrgUrl) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.credentialsProfile = profile;
    this.credentialsOrgUrl = profileOrgUrl;
  }

  /** Returns a copy that records the credentials came from a saved profile for its URL. */
  ConnectionSettings withCredentialsFrom(String profile, URI profileOrgUrl) {
    return new ConnectionSettings(values, profile, profileOrgUrl);
  }

  /**
   * Returns the saved profile whose credentials these settings sign in with, if any; callers say so
   * (`using profile 'work' (URL)`) since a user may not know a default profile is there.
   */
  public Optional<String> credentialsProfile() {
    return Optional.ofNullable(credentialsProfile);
  }

  /** Returns the one line announcing the profile's credentials, if a profile's are used. */
  public Optional<String> credentialsNotice() {
    return credentialsProfile().map(p -> "using profile '" + p + "' (" + credentialsOrgUrl + ")");
  }

  /** Returns the organization (or collection) URL without a trailing slash. */
  public URI orgUrl() {
    return (URI) values.get(ConnectionConfig.ORG_URL);
  }

  /** Returns the organization name (or collection name on Azure DevOps Server). */
  public String organization() {
    return (String) values.get(ConnectionConfig.ORG);
  }

  /** Returns the default project, if one was set. */
  public Optional<String> project() {
    return Optional.ofNullable((String) values.get(ConnectionConfig.PROJECT));
  }

  /** Returns the REST api-version to send, default 7.1. */
  public String apiVersion() {
    return (String) values.get(ConnectionConfig.API_VERSION);
  }

  /** Whether the api-version is negotiated down to the server's (api-version-negotiation auto). */
  public boolean negotiateApiVersion() {
    return !"off"
        .equalsIgnoreCase(
            String.valueOf(values.getOrDefault(ConnectionConfig.API_VERSION_NEGOTIATION, "auto")));
  }

  /** Returns the sign-in method. */
  public AuthMethod auth() {
    return (AuthMethod) values.get(ConnectionConfig.AUTH);
  }

  /** Returns the PAT or bearer token, if one was given. */
  public Optional<Secret> token() {
    return Optional.ofNullable((Secret) values.get(ConnectionConfig.PAT));
  }

  /** Returns how a PAT is sent: Basic (default) or Bearer. */
  public PatCredentials.Scheme authScheme() {
    return (PatCredentials.Scheme) values.get(ConnectionConfig.AUTH_SCHEME);
  }

  /** Returns the header carrying credentials, default Authorization. */
  public String authHeader() {
    return (String) values.get(ConnectionConfig.AUTH_HEADER);
  }

  /** Returns the user name sent with a Basic PAT (Azure DevOps ignores it). */
  public String userName() {
    return (String) values.get(ConnectionConfig.USER_NAME);
  }

  /** Returns extra hosts or domains (*.example.com) that may receive credentials. */
  @SuppressWarnings("unchecked")
  public List<String> trustedDomains() {
    return (List<String>) values.get(ConnectionConfig.TRUSTED_DOMAIN);
  }

  /** Returns the HTTP statuses that are retried. */
  @SuppressWarnings("unchecked")
  public Set<Integer> retryStatuses() {
    if ("any".equals(retryMode())) {
      return ANY_ERROR;
    }
    return (Set<Integer>) values.get(ConnectionConfig.RETRY_STATUS);
  }

  /** Returns what is retried: status-match (the retry-status list), any or none. */
  public String retryMode() {
    return (String) values.getOrDefault(ConnectionConfig.RETRY_MODE, "status-match");
  }

  /** Returns the number of retries after the first attempt (0 when retry-mode is none). */
  public int retryMax() {
    return "none".equals(retryMode()) ? 0 : (Integer) values.get(ConnectionConfig.RETRY_MAX);
  }

  /** Tells whether the wait doubles after each retry (with jitter). */
  public boolean retryMultiplyWait() {
    return (Boolean) values.get(ConnectionConfig.RETRY_MULTIPLY_WAIT);
  }

  /** Returns the first retry wait. */
  public Duration retryWait() {
    return Duration.ofMillis((Integer) values.get(ConnectionConfig.RETRY_WAIT_MS));
  }

  /** Returns the longest computed retry wait (a Retry-After header may ask for more). */
  public Duration retryMaxWait() {
    return Duration.ofMillis((Integer) values.get(ConnectionConfig.RETRY_MAX_WAIT_MS));
  }

  /**
   * Returns the longest wait the service may demand with Retry-After or X-RateLimit-Reset
   * (retry-max-wait); a longer demand fails the call with {@link AzdoException.Kind#WAIT_TOO_LONG}.
   */
  public Duration demandedWaitCap() {
    return (Duration) values.getOrDefault(ConnectionConfig.RETRY_MAX_WAIT, Duration.ofMinutes(5));
  }

  /** Returns the share of the identity's rate budget a run may use (default 1, all of it). */
  public double rateShare() {
    Object v = values.get(ConnectionConfig.RATE_SHARE);
    return v == null ? 1 : Double.parseDouble(v.toString().trim());
  }

  /** Returns the TCP connect timeout. */
  public Duration connectTimeout() {
    return Duration.ofSeconds((Integer) values.get(ConnectionConfig.CONNECT_TIMEOUT_S));
  }

  /** Returns the timeout for one request. */
  public Duration requestTimeout() {
    return Duration.ofSeconds((Integer) values.get(ConnectionConfig.TIMEOUT_S));
  }

  /** Returns the OAuth application (client) id, if set. */
  public Optional<String> oauthClientId() {
    return Optional.ofNullable((String) values.get(ConnectionConfig.OAUTH_CLIENT_ID));
  }

  /** Returns the OAuth client secret, if set. */
  public Optional<Secret> oauthClientSecret() {
    return Optional.ofNullable((Secret) values.get(ConnectionConfig.OAUTH_CLIENT_SECRET));
  }

  /** Returns the OAuth scopes to request. */
  @SuppressWarnings("unchecked")
  public List<String> oauthScopes() {
    return (List<String>) values.get(ConnectionConfig.OAUTH_SCOPES);
  }

  /** Returns the scopes registered for the OAuth app, empty when not checked. */
  @SuppressWarnings("unchecked")
  public List<String> oauthRegisteredScopes() {
    return (List<String>) values.get(ConnectionConfig.OAUTH_REGISTERED_SCOPES);
  }

  /** Returns the OAuth authorize endpoint. */
  public URI oauthAuthorizeUrl() {
    return URI.create((String) values.get(ConnectionConfig.OAUTH_AUTHORIZE_URL));
  }

  /** Returns the OAuth token endpoint. */
  public URI oauthTokenUrl() {
    return URI.create((String) values.get(ConnectionConfig.OAUTH_TOKEN_URL));
  }

  /** Returns the OAuth redirect URI registered for the app (a localhost URL). */
  public URI oauthRedirectUri() {
    return URI.create((String) values.get(ConnectionConfig.OAUTH_REDIRECT_URI));
  }

  /** Returns the owner-only file that keeps OAuth tokens, if set. */
  public Optional<Path> oauthTokenFile() {
    return Optional.ofNullable((String) values.get(ConnectionConfig.OAUTH_TOKEN_FILE))
        .map(Path::of);
  }

  /** Returns the Entra sign-in flow. */
  public String entraFlow() {
    return (String) values.get(ConnectionConfig.ENTRA_FLOW);
  }

  /** Returns the Entra tenant id or domain. */
  public String entraTenant() {
    return (String) values.get(ConnectionConfig.ENTRA_TENANT);
  }

  /** Returns the Entra sign-in host without a trailing slash. */
  public String entraAuthority() {
    String a = (String) values.get(ConnectionConfig.ENTRA_AUTHORITY);
    return a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
  }

  /** Returns the Entra application (client) id, if set. */
  public Optional<String> entraClientId() {
    return Optional.ofNullable((String) values.get(ConnectionConfig.ENTRA_CLIENT_ID));
  }

  /** Returns the Entra client secret, if set. */
  public Optional<Secret> entraClientSecret() {
    return Optional.ofNullable((Secret) values.get(ConnectionConfig.ENTRA_CLIENT_SECRET));
  }

  /** Returns the profile these settings came from, if any. */
  public Optional<String> profile() {
    return Optional.ofNullable((String) values.get(ConnectionConfig.PROFILE));
  }

  /** Returns a copy with another default project. */
  public ConnectionSettings withProject(String project) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(ConnectionConfig.PROJECT, project);
    return new ConnectionSettings(copy, credentialsProfile, credentialsOrgUrl);
  }

  /** Returns a copy with one typed value replaced (the connection test's single attempt). */
  ConnectionSettings withValue(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new ConnectionSettings(copy);
  }

  /** Returns every setting by key; secrets stay wrapped in {@link Secret}. */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionSettings other && other.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "ConnectionSettings[", "]");
    values.forEach((k, v) -> j.add(k + "=" + (v instanceof Secret ? "****" : v)));
    return j.toString();
  }
}
