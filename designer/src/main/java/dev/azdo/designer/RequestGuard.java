package dev.azdo.designer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Decides whether a request may reach the designer: it must carry this start's random token (the
 * {@code token} query parameter on the first load, then the cookie or the header the page sends),
 * name this server in {@code Host} (no DNS rebinding) and come from no other site ({@code Origin}
 * absent or this server).
 */
final class RequestGuard {
  /** The cookie that carries the token after the first load. */
  static final String COOKIE = "azdo_designer_token";

  /** The header the page's script sends the token in. */
  static final String HEADER = "X-Designer-Token";

  private final String token;
  private volatile int port;

  RequestGuard(String token) {
    this.token = token;
  }

  /** A guard with a new random token of 32 bytes, URL-safe Base64. */
  static RequestGuard withRandomToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new RequestGuard(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  String token() {
    return token;
  }

  /** Sets the port the server listens on, once known (Host and Origin must name it). */
  void port(int port) {
    this.port = port;
  }

  /**
   * Returns why the request is refused, or null when it may pass.
   *
   * @param host the Host header
   * @param origin the Origin header, or null
   * @param presented the token from the query, the header or the cookie, or null
   */
  String refusal(String host, String origin, String presented) {
    String site = siteRefusal(host, origin);
    if (site != null) {
      return site;
    }
    if (presented == null || !sameToken(presented)) {
      return "missing or wrong token: open the address the designer printed";
    }
    return null;
  }

  /**
   * Returns why a request is refused by its Host and Origin alone, or null: for the sign-in
   * redirect, which arrives from the service's page without the token (its single-use state stands
   * in for it).
   */
  String siteRefusal(String host, String origin) {
    if (host == null || !isThisServer(host)) {
      return "Host must be 127.0.0.1:" + port + " or localhost:" + port;
    }
    if (origin != null && !origin.equals("null") && !isThisServer(stripScheme(origin))) {
      return "cross-site request refused (Origin " + origin + ")";
    }
    if (origin != null && origin.equals("null")) {
      return "cross-site request refused (opaque Origin)";
    }
    return null;
  }

  private boolean isThisServer(String hostAndPort) {
    String h = hostAndPort.toLowerCase(Locale.ROOT);
    return h.equals("127.0.0.1:" + port) || h.equals("localhost:" + port);
  }

  private static String stripScheme(String origin) {
    String o = origin.toLowerCase(Locale.ROOT);
    // Only http: the designer never serves https, so an https origin is another site.
    return o.startsWith("http://") ? o.substring("http://".length()) : "";
  }

  // Constant time, so the token cannot be guessed byte by byte from response times.
  private boolean sameToken(String presented) {
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
