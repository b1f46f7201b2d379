package dev.azdo.client;

import java.util.Locale;

/** How the client signs in, as chosen by {@code --auth}. */
public enum AuthMethod {
  /** A personal access token, sent as Basic by default. */
  PAT,
  /** A ready-made bearer token (OAuth or Entra access token) supplied by the caller. */
  BEARER,
  /** Azure DevOps OAuth authorization code flow with a saved, refreshed token. */
  OAUTH,
  /** Microsoft Entra ID through MSAL4J. */
  ENTRA;

  /** Returns the lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
