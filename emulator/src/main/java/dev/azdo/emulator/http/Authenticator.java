package dev.azdo.emulator.http;

import dev.azdo.emulator.model.Identity;

/** Turns a credential (a PAT or a bearer token) into the identity it belongs to. */
public interface Authenticator {
  /**
   * Returns the identity for a secret sent as Basic password or Bearer token, or null when the
   * secret is unknown or expired.
   */
  Identity authenticate(String secret, boolean bearer);
}
