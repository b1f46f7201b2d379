package dev.azdo.client.auth;

import dev.azdo.client.AuthenticationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Sends a saved OAuth access token, refreshing it before expiry and once after a 401. */
public final class OAuthCredentials implements Credentials {
  // Refresh a little early so a token never expires between the check and the call.
  private static final Duration EARLY = Duration.ofMinutes(5);

  private final OAuthFlow flow;
  private final Path tokenFile;
  private final Path backupFile;
  private final Clock clock;
  private OAuthTokens tokens;

  /** Creates credentials over a token file; backupFile (nullable) gets a copy of every save. */
  public OAuthCredentials(OAuthFlow flow, Path tokenFile, Path backupFile, Clock clock) {
    this.flow = flow;
    this.tokenFile = tokenFile;
    this.backupFile = backupFile;
    this.clock = clock;
  }

  @Override
  public synchronized String headerValue() throws IOException {
    if (tokens == null) {
      tokens = load();
    }
    if (tokens.expiresWithin(EARLY, clock)) {
      save(flow.refresh(tokens));
    }
    return "Bearer " + tokens.accessToken().reveal();
  }

  @Override
  public synchronized boolean refreshAfterUnauthorized() throws IOException {
    if (tokens == null || tokens.refreshToken() == null) {
      return false;
    }
    save(flow.refresh(tokens));
    return true;
  }

  @Override
  public String describe() {
    return "OAuth token from " + tokenFile;
  }

  private OAuthTokens load() throws IOException {
    if (!Files.exists(tokenFile)) {
      throw new AuthenticationException(
          0,
          null,
          null,
          "no OAuth token saved at " + tokenFile + "; run 'azdo token generate' first");
    }
    return OAuthTokens.read(tokenFile);
  }

  private void save(OAuthTokens fresh) {
    tokens = fresh;
    fresh.write(tokenFile);
    if (backupFile != null) {
      fresh.write(backupFile);
    }
  }

  /** Signs in, saves the tokens owner-only (and a backup if asked) and returns them. */
  public static OAuthTokens generate(
      OAuthFlow flow,
      Path tokenFile,
      Path backupFile,
      java.util.function.Consumer<java.net.URI> showUrl,
      Duration timeout)
      throws IOException {
    return keep(flow.signIn(showUrl, timeout), tokenFile, backupFile);
  }

  /** Saves fresh tokens owner-only in tokenFile (and backupFile when not null); returns them. */
  static OAuthTokens keep(OAuthTokens t, Path tokenFile, Path backupFile) {
    t.write(tokenFile);
    if (backupFile != null) {
      t.write(backupFile);
    }
    return t;
  }

  /** Tells whether a token file exists. */
  public boolean hasSavedToken() {
    return Files.exists(tokenFile);
  }
}
