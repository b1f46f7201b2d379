package dev.azdo.emulator.signin;

import java.util.List;

/** The sign-in state kept in the store's tables (so it survives a restart with --data). */
final class SignInRecords {
  private SignInRecords() {}

  /** Sign-in settings the control API changes: consent without a click, token lifetimes. */
  record Settings(boolean autoApprove, int accessTokenSeconds, int refreshTokenSeconds) {}

  /** An authorization code waiting to be redeemed once. */
  record AuthCode(
      String codeHash,
      String flavor,
      String clientId,
      String userId,
      List<String> scopes,
      String redirectUri,
      String codeChallenge,
      String codeChallengeMethod,
      String nonce,
      long expiresAtMillis) {}

  /** An issued access or refresh token, stored under the SHA-256 of its text. */
  record IssuedToken(
      String hash,
      String kind,
      String flavor,
      String clientId,
      String subjectId,
      List<String> scopes,
      long expiresAtMillis) {}

  /** A device code sign-in: pending until someone approves its user code. */
  record DeviceGrant(
      String deviceCodeHash,
      String userCode,
      String clientId,
      List<String> scopes,
      long expiresAtMillis,
      String approvedUserId,
      boolean denied) {}
}
