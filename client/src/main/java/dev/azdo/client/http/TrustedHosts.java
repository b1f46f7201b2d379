package dev.azdo.client.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Decides which hosts may receive credentials: the organization's, Azure DevOps' own, listed. */
public final class TrustedHosts {
  // Azure DevOps Services spreads one organization over several hosts (vssps, vsrm, feeds,
  // almsearch under dev.azure.com; legacy ORG.visualstudio.com and *.vssps.visualstudio.com).
  private static final List<String> SERVICE_SUFFIXES = List.of("dev.azure.com", "visualstudio.com");

  private final URI orgUri;
  private final List<String> trustedDomains;
  private final boolean orgIsService;

  /** Creates the rule set for an organization URL and extra trusted domains. */
  public TrustedHosts(URI orgUri, List<String> trustedDomains) {
    this.orgUri = orgUri;
    this.trustedDomains =
        trustedDomains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
    this.orgIsService = "https".equalsIgnoreCase(orgUri.getScheme()) && isServiceHost(host(orgUri));
  }

  /** Tells whether credentials may be sent to this URI. */
  public boolean isTrusted(URI uri) {
    String host = host(uri);
    if (host.isEmpty()) {
      return false;
    }
    if (sameOrigin(uri, orgUri)) {
      return true;
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    // No downgrade, trusted domain or not: what the organization gets over TLS never goes clear.
    if (!https && "https".equalsIgnoreCase(orgUri.getScheme())) {
      return false;
    }
    // Azure DevOps' own hosts only count when the organization lives there, and only over TLS.
    if (orgIsService && https && isServiceHost(host)) {
      return true;
    }
    String scheme = https ? "https" : "http";
    String hostPort = host + ":" + port(uri);
    for (String entry : trustedDomains) {
      // A bare host means https only (as the seed's Security tab writes https://host).
      String d = entry;
      String entryScheme = "https";
      int sep = entry.indexOf("://");
      if (sep > 0) {
        entryScheme = entry.substring(0, sep);
        d = entry.substring(sep + 3).replaceAll("/+$", "");
      }
      if (!entryScheme.equals(scheme)) {
        continue;
      }
      if (d.startsWith("*.") || d.startsWith(".")) {
        String suffix = d.substring(d.indexOf('.'));
        if (host.endsWith(suffix)) {
          return true;
        }
      } else if (d.equals(host) || d.equals(hostPort)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Says what would make a host trusted, for the message when credentials are withheld from it;
   * never suggests anything that would send them over plain http from an https organization.
   */
  public String advice(URI uri) {
    String host = host(uri);
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    if (!https && "https".equalsIgnoreCase(orgUri.getScheme())) {
      return "credentials are never sent over plain http when the organization URL is https;"
          + " have the server redirect to https";
    }
    String entry =
        (https ? "https://" : "http://") + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    return "credentials are not sent there (add --trusted-domain "
        + entry
        + " if it belongs to you)";
  }

  private static boolean isServiceHost(String host) {
    for (String s : SERVICE_SUFFIXES) {
      if (host.equals(s) || host.endsWith("." + s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return host(a).equals(host(b))
        && port(a) == port(b)
        && String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()));
  }

  private static String host(URI u) {
    return u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
