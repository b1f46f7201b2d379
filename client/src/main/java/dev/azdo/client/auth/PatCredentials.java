package dev.azdo.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** Sends a personal access token as Basic (any user name) or as Bearer. */
public final class PatCredentials implements Credentials {
  /** How the token goes on the wire. */
  public enum Scheme {
    /** {@code Basic base64(user:pat)}, what Azure DevOps documents for PATs. */
    BASIC,
    /** {@code Bearer pat}, for OAuth or Entra tokens passed in directly. */
    BEARER
  }

  private final String token;
  private final Scheme scheme;
  private final String header;
  private final String userName;

  /** Creates PAT credentials; userName may be empty since Azure DevOps ignores it. */
  public PatCredentials(String token, Scheme scheme, String header, String userName) {
    this.token = Objects.requireNonNull(token, "token");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.header = header == null || header.isBlank() ? "Authorization" : header;
    this.userName = userName == null ? "" : userName;
  }

  @Override
  public String headerName() {
    return header;
  }

  @Override
  public String headerValue() {
    if (scheme == Scheme.BEARER) {
      return "Bearer " + token;
    }
    String pair = userName + ":" + token;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String describe() {
    return "personal access token (" + scheme.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  @Override
  public String toString() {
    return "PatCredentials[" + describe() + "]";
  }
}
