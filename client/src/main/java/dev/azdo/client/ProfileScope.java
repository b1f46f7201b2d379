package dev.azdo.client;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a saved profile's credentials to the organization URL they were saved for: same scheme,
 * host, port and collection path.
 */
final class ProfileScope {
  // What signs in as the profile's identity; everything else in a profile is plain preference.
  private static final List<String> CREDENTIALS =
      List.of(
          ConnectionConfig.PAT,
          ConnectionConfig.PAT_FILE,
          ConnectionConfig.OAUTH_CLIENT_SECRET,
          ConnectionConfig.OAUTH_TOKEN_FILE,
          ConnectionConfig.ENTRA_CLIENT_SECRET);

  private final String profile;
  private final Map<String, String> saved;
  private final URI profileUrl;
  private final URI requestedUrl;

  private ProfileScope(
      String profile, Map<String, String> saved, URI profileUrl, URI requestedUrl) {
    this.profile = profile;
    this.saved = saved;
    this.profileUrl = profileUrl;
    this.requestedUrl = requestedUrl;
  }

  /**
   * Judges a loaded profile against the layers above it (environment, job file, flags, lowest
   * first).
   */
  static ProfileScope of(
      String profile, Map<String, String> saved, List<Map<String, String>> above) {
    URI requested = null;
    for (Map<String, String> layer : above) {
      URI u = orgUrl(layer).orElse(null);
      if (u != null || layer.containsKey(ConnectionConfig.ORG_URL)) {
        requested = u;
      }
    }
    return new ProfileScope(profile, saved, orgUrl(saved).orElse(null), requested);
  }

  /** Tells whether another organization URL than the profile's was asked for. */
  boolean otherOrganization() {
    return requestedUrl != null
        && profileUrl != null
        && !sameOrganization(profileUrl, requestedUrl);
  }

  /** Removes the profile's credentials (and its name, which keys its token files) from merged. */
  void dropCredentials(Map<String, String> merged) {
    CREDENTIALS.forEach(merged::remove);
    merged.remove(ConnectionConfig.PROFILE);
  }

  /** Tells whether the profile held a credential, or signs in with tokens kept under its name. */
  boolean holdsCredentials() {
    return CREDENTIALS.stream().anyMatch(saved::containsKey)
        || List.of("oauth", "entra")
            .contains(saved.getOrDefault(ConnectionConfig.AUTH, "").toLowerCase(Locale.ROOT));
  }

  /**
   * Tells whether the final values still sign in with something the profile holds (not replaced by
   * a higher layer).
   */
  boolean credentialsUsed(Map<String, String> merged, List<Map<String, String>> above) {
    if (otherOrganization()) {
      return false;
    }
    for (String k : CREDENTIALS) {
      if (saved.containsKey(k)
          && saved.get(k).equals(merged.get(k))
          && above.stream().noneMatch(l -> l.containsKey(k))) {
        return true;
      }
    }
    String auth = merged.getOrDefault(ConnectionConfig.AUTH, "pat").toLowerCase(Locale.ROOT);
    return (auth.equals("oauth") || auth.equals("entra"))
        && merged.containsKey(ConnectionConfig.PROFILE)
        && !merged.containsKey(ConnectionConfig.OAUTH_TOKEN_FILE);
  }

  /** The one line for another URL with no credential of its own. */
  String missingCredentialMessage() {
    return "profile '"
        + profile
        + "' holds credentials for "
        + profileUrl
        + ", not for "
        + requestedUrl
        + "; give --pat-file or AZDO_PAT, or --profile NAME";
  }

  /** Returns the profile's organization URL. */
  URI profileUrl() {
    return profileUrl;
  }

  /** Tells whether two organization URLs name the same organization or collection. */
  static boolean sameOrganization(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b)
        // Organization and collection names are case-insensitive in Azure DevOps.
        && path(a).equalsIgnoreCase(path(b));
  }

  private static Optional<URI> orgUrl(Map<String, String> layer) {
    try {
      if (layer.get(ConnectionConfig.ORG_URL) != null) {
        return Optional.of(
            ConnectionValues.parseOrgUrl(layer.get(ConnectionConfig.ORG_URL).trim()));
      }
      if (layer.get(ConnectionConfig.ORG) != null) {
        return Optional.of(ConnectionConfig.servicesUrl(layer.get(ConnectionConfig.ORG).trim()));
      }
    } catch (IllegalArgumentException bad) {
      // Reported by the validation of the merged values.
    }
    return Optional.empty();
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static String path(URI u) {
    String p = u.getPath() == null ? "" : u.getPath();
    return p.replaceAll("/+$", "");
  }
}
