package dev.azdo.client.auth;

import dev.azdo.client.AuthMethod;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ProfileStore;
import dev.azdo.client.http.Redactor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Entry points for the OAuth and Entra sign-in methods (used by the CLI and the client). */
public final class SignIn {
  private SignIn() {}

  /** Returns credentials for auth=oauth (saved token file) or auth=entra (MSAL4J). */
  public static Credentials credentialsFor(ConnectionSettings settings) {
    if (settings.auth() == AuthMethod.ENTRA) {
      return new EntraCredentials(settings, System.err::println, Clock.systemUTC());
    }
    OAuthFlow flow = new OAuthFlow(settings, Clock.systemUTC(), new Redactor());
    return new OAuthCredentials(flow, tokenFile(settings), null, Clock.systemUTC());
  }

  /**
   * Returns the token file: oauth-token-file, else tokens/PROFILE-or-ORG.json in the config dir.
   */
  public static Path tokenFile(ConnectionSettings settings) {
    return settings
        .oauthTokenFile()
        .orElseGet(
            () ->
                ProfileStore.defaultDirectory(System.getenv())
                    .resolve("tokens")
                    .resolve(settings.profile().orElse(settings.organization()) + ".json"));
  }

  /**
   * Runs {@code azdo token generate}: shows the sign-in URL, waits for the localhost redirect,
   * saves the tokens owner-only and, if backupFile is not null, a backup copy.
   */
  public static OAuthTokens generateToken(
      ConnectionSettings settings, Consumer<URI> showUrl, Path backupFile, Duration timeout)
      throws IOException {
    OAuthFlow flow = new OAuthFlow(settings, Clock.systemUTC(), new Redactor());
    return OAuthCredentials.generate(flow, tokenFile(settings), backupFile, showUrl, timeout);
  }
}
