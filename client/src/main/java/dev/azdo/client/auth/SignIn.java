package dev.azdo.client.auth;

import dev.azdo.client.ConfigException;
import dev.azdo.client.ConnectionSettings;
import java.util.List;

/** Builds credentials for the OAuth and Entra sign-in methods. */
public final class SignIn {
  private SignIn() {}

  /** Returns credentials for auth=oauth or auth=entra settings. */
  public static Credentials credentialsFor(ConnectionSettings settings) {
    throw new ConfigException(
        List.of("auth: " + settings.auth().cliName() + " is not available yet"));
  }
}
