package dev.azdo.designer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AuthMethod;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ConnectionTester;
import dev.azdo.client.auth.OAuthTokens;
import dev.azdo.client.auth.SignIn;
import dev.azdo.client.http.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * "Generate Token" for auth=oauth: the page asks for the sign-in URL and opens it in a window; the
 * service sends the browser back to this designer's own {@link #CALLBACK}, whose single-use state
 * must match the one handed out; the code is redeemed and the tokens saved owner-only in the
 * profile's token file by the same client code {@code azdo token generate} uses. The page only ever
 * learns who signed in and when the access token expires.
 */
final class SignInApi implements Designer.Api {
  /** The path the service redirects the browser to: {@code http://127.0.0.1:PORT/callback}. */
  static final String CALLBACK = "/callback";

  // As long as the service's own codes live, give or take a person reading the consent page.
  private static final Duration PENDING = Duration.ofMinutes(10);

  private final Workspace ws;
  private final ConnectionApi connections;
  private final Supplier<String> callbackUri;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile ObjectNode status = status("idle", "", null);

  SignInApi(Workspace ws, ConnectionApi connections, Supplier<String> callbackUri) {
    this.ws = ws;
    this.connections = connections;
    this.callbackUri = callbackUri;
  }

  @Override
  public Exchange.Answer handle(Exchange ex) {
    return switch (ex.method() + " " + ex.path()) {
      case "POST connection/signin" -> Exchange.Answer.json(start(ex.json()));
      case "GET connection/signin" -> Exchange.Answer.json(status);
      default -> null;
    };
  }

  /** The redirect URI this designer receives sign-ins at. */
  String redirectUri() {
    return callbackUri.get();
  }

  /** Saves the typed connection, then returns the sign-in URL with a new single-use state. */
  private ObjectNode start(ObjectNode body) {
    ObjectNode saved = connections.save(body);
    if (saved.has("errors")) {
      saved.put("ok", false);
      saved.put("line", "sign-in not started: " + saved.path("errors").path(0).asText());
      return saved;
    }
    String profile = ws.profile();
    String given =
        ws.profiles()
            .load(profile)
            .orElse(Map.of())
            .getOrDefault(ConnectionConfig.OAUTH_REDIRECT_URI, "");
    if (!given.isEmpty() && !given.equals(redirectUri())) {
      // Only this designer's own address can receive the code; another would lose it.
      throw new Exchange.BadRequest(
          ConnectionConfig.OAUTH_REDIRECT_URI
              + ": the designer receives the sign-in at "
              + redirectUri()
              + " (register that for the app, start the designer with --port to keep it), not "
              + given);
    }
    ConnectionSettings settings = settings(profile);
    if (settings.auth() != AuthMethod.OAUTH) {
      throw new Exchange.BadRequest(
          "Generate Token signs in with AuthType oauth, not " + settings.auth().cliName());
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    // One sign-in at a time: a new Generate Token makes the window opened before useless.
    pending.clear();
    pending.put(state, new Pending(profile, settings, Instant.now().plus(PENDING)));
    status = status("waiting", "Waiting for the sign-in window…", null);
    ObjectNode out = Exchange.JSON.createObjectNode();
    out.put("profile", profile);
    out.put("url", SignIn.oauthSignInUrl(settings, state).toString());
    return out;
  }

  /**
   * Answers the service's redirect: a known, unused, unexpired state redeems the code; anything
   * else is refused and changes nothing.
   */
  Exchange.Answer callback(String method, Map<String, String> query) {
    if (!method.equals("GET")) {
      return page(405, "The sign-in redirect is a GET request.");
    }
    String state = query.get("state");
    Pending p = state == null ? null : pending.remove(state);
    if (p == null || p.expires().isBefore(Instant.now())) {
      return page(
          400,
          "Sign-in refused: this sign-in link is unknown, already used or expired (state)."
              + " Start again with Generate Token in the designer.");
    }
    if (query.containsKey("error")) {
      String why =
          Redactor.redactText(
              (query.get("error") + " " + query.getOrDefault("error_description", "")).strip());
      status = status("failed", "sign-in failed: " + why, false);
      return page(200, "Sign-in failed: " + why + ". Return to the designer.");
    }
    String code = query.getOrDefault("code", "");
    if (code.isEmpty()) {
      status = status("failed", "sign-in failed: no code in the redirect", false);
      return page(400, "Sign-in failed: no code in the redirect.");
    }
    try {
      Path file = SignIn.tokenFile(p.settings(), ws.profiles().directory());
      OAuthTokens tokens = SignIn.redeemOAuthCode(p.settings(), code, file);
      rememberTokenFile(p, file);
      ConnectionTester.Result r = ConnectionTester.test(settings(p.profile()));
      String who = r.ok() ? " as " + r.user() : "";
      String line =
          "Signed in"
              + who
              + " (profile '"
              + p.profile()
              + "'); tokens saved owner-only in "
              + file
              + "; the access token expires "
              + tokens.expiresAt().truncatedTo(ChronoUnit.SECONDS)
              + (r.ok() ? "" : "; but the connection test failed: " + r.reason());
      ObjectNode done = status("signed-in", line, r.ok());
      done.put("expiresAt", tokens.expiresAt().truncatedTo(ChronoUnit.SECONDS).toString());
      if (r.ok()) {
        done.put("user", r.user());
      }
      status = done;
      return page(200, "Signed in to Azure DevOps" + who + ". You can close this window.");
    } catch (IOException | RuntimeException e) {
      status = status("failed", "sign-in failed: " + Messages.of(e), false);
      return page(400, "Sign-in failed: " + Messages.of(e) + ". Return to the designer.");
    }
  }

  private ConnectionSettings settings(String profile) {
    return ws.settings(
        Map.of(
            ConnectionConfig.PROFILE, profile, ConnectionConfig.OAUTH_REDIRECT_URI, redirectUri()));
  }

  /**
   * The client reads tokens from the default config folder unless the profile names a file; a
   * designer over another profile store (a test's) records where it saved them.
   */
  private void rememberTokenFile(Pending p, Path file) {
    if (file.equals(SignIn.tokenFile(p.settings()))) {
      return;
    }
    Map<String, String> values =
        new LinkedHashMap<>(ws.profiles().load(p.profile()).orElse(Map.of()));
    values.put(ConnectionConfig.OAUTH_TOKEN_FILE, file.toString());
    ws.profiles().save(p.profile(), values, false);
  }

  private static ObjectNode status(String state, String line, Boolean ok) {
    ObjectNode n = Exchange.JSON.createObjectNode().put("state", state).put("line", line);
    if (ok != null) {
      n.put("ok", ok);
    }
    return n;
  }

  // The window the sign-in ran in: a short page with no script (the page polls for the outcome).
  private static Exchange.Answer page(int status, String text) {
    String html =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>azdo designer"
            + " sign-in</title></head><body><p id=\"signin-result\">"
            + escape(text)
            + "</p></body></html>";
    return new Exchange.Answer(
        status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** A sign-in handed out and not yet come back. */
  private record Pending(String profile, ConnectionSettings settings, Instant expires) {}
}
