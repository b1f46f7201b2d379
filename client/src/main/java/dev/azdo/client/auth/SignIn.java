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
      return new EntraCredentials(
          settings,
          new EntraCredentials.Prompts(
              System.err::println,
              null,
              savesEntraTokens(settings) ? entraTokenCache(settings) : null,
              Duration.ofMinutes(2)),
          Clock.systemUTC(),
          null);
    }
    OAuthFlow flow = new OAuthFlow(settings, Clock.systemUTC(), new Redactor());
    return new OAuthCredentials(flow, tokenFile(settings), null, Clock.systemUTC());
  }

  /**
   * Returns the token file: oauth-token-file, else tokens/PROFILE-or-ORG.json in the config dir.
   */
  public static Path tokenFile(ConnectionSettings settings) {
    return tokenFile(settings, ProfileStore.defaultDirectory(System.getenv()));
  }

  /** Like {@link #tokenFile(ConnectionSettings)} for a profile store in configDir. */
  public static Path tokenFile(ConnectionSettings settings, Path configDir) {
    return settings
        .oauthTokenFile()
        .orElseGet(
            () ->
                configDir
                    .resolve("tokens")
                    .resolve(settings.profile().orElse(settings.organization()) + ".json"));
  }

  /**
   * Returns the owner-only MSAL token cache for the interactive and device code Entra flows:
   * oauth-token-file, else tokens/PROFILE-or-ORG.entra.json in the config dir.
   */
  public static Path entraTokenCache(ConnectionSettings settings) {
    return settings
        .oauthTokenFile()
        .orElseGet(
            () ->
                ProfileStore.defaultDirectory(System.getenv())
                    .resolve("tokens")
                    .resolve(settings.profile().orElse(settings.organization()) + ".entra.json"));
  }

  /** Tells whether the Entra flow signs a person in, so its tokens are kept between runs. */
  public static boolean savesEntraTokens(ConnectionSettings settings) {
    return settings.auth() == AuthMethod.ENTRA
        && ("interactive".equals(settings.entraFlow())
            || "device-code".equals(settings.entraFlow()));
  }

  /**
   * Runs {@code azdo token generate} for auth=entra: a fresh interactive (PKCE) or device code
   * sign-in through MSAL4J whose token cache (access and refresh tokens) is saved owner-only, with
   * an owner-only copy in backupFile when it is not null.
   *
   * @param browser receives the sign-in URL (interactive); null opens the system browser
   * @param deviceCodeMessage receives the device code prompt (device-code)
   * @param httpClient MSAL's HTTP client, or null for its default
   */
  public static EntraCredentials.AccessToken generateEntraToken(
      ConnectionSettings settings,
      Consumer<URI> browser,
      Consumer<String> deviceCodeMessage,
      Path backupFile,
      Duration timeout,
      com.microsoft.aad.msal4j.IHttpClient httpClient)
      throws IOException {
    if (!savesEntraTokens(settings)) {
      throw new dev.azdo.client.AuthenticationException(
          0,
          null,
          null,
          "token generate signs a person in: use entra-flow interactive or device-code, not "
              + settings.entraFlow());
    }
    Path cache = entraTokenCache(settings);
    EntraCredentials credentials =
        new EntraCredentials(
            settings,
            new EntraCredentials.Prompts(deviceCodeMessage, browser, cache, timeout),
            Clock.systemUTC(),
            httpClient);
    EntraCredentials.AccessToken token = credentials.signIn();
    if (backupFile != null) {
      OwnerOnlyFile.write(backupFile, java.nio.file.Files.readAllBytes(cache));
    }
    return token;
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

  /**
   * The first half of {@link #generateToken} for a caller that serves the redirect URI itself (the
   * designer's /callback): the sign-in URL carrying state, which the caller checks on the way back.
   */
  public static URI oauthSignInUrl(ConnectionSettings settings, String state) {
    return new OAuthFlow(settings, Clock.systemUTC(), new Redactor()).authorizeUrl(state);
  }

  /**
   * The second half: exchanges the code the redirect brought (its state already checked) and saves
   * the tokens owner-only in tokenFile, as {@link #generateToken} does.
   */
  public static OAuthTokens redeemOAuthCode(
      ConnectionSettings settings, String code, Path tokenFile) throws IOException {
    OAuthFlow flow = new OAuthFlow(settings, Clock.systemUTC(), new Redactor());
    return OAuthCredentials.keep(flow.exchangeCode(code), tokenFile, null);
  }
}
