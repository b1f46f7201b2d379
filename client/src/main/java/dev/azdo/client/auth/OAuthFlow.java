package dev.azdo.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.azdo.client.AuthenticationException;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.http.HttpPipeline;
import dev.azdo.client.http.LoggingInterceptor;
import dev.azdo.client.http.Redactor;
import dev.azdo.client.http.Request;
import dev.azdo.client.http.Response;
import dev.azdo.client.http.TransportInterceptor;
import dev.azdo.client.internal.Urls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure DevOps OAuth 2.0 authorization code flow: sign-in URL, localhost redirect listener, code
 * exchange and refresh (the service's JWT-bearer assertion variant).
 */
public final class OAuthFlow {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthFlow.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  // Azure DevOps OAuth sends the client secret and the code/refresh token as JWT assertions.
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final String CODE_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final ConnectionSettings settings;
  private final Clock clock;
  private final Redactor redactor;
  private final HttpPipeline http;
  private final SecureRandom random = new SecureRandom();

  /** Creates the flow for settings with auth=oauth. */
  public OAuthFlow(ConnectionSettings settings, Clock clock, Redactor redactor) {
    this.settings = settings;
    this.clock = clock;
    this.redactor = redactor;
    settings.oauthClientSecret().ifPresent(s -> redactor.addSecret(s.reveal()));
    this.http =
        new HttpPipeline(
            List.of(
                new LoggingInterceptor(redactor, clock),
                new TransportInterceptor(settings.connectTimeout(), settings.requestTimeout())));
  }

  /** Returns the sign-in URL the user opens in a browser. */
  public URI authorizeUrl(String state) {
    String clientId = settings.oauthClientId().orElseThrow();
    return URI.create(
        settings.oauthAuthorizeUrl()
            + "?client_id="
            + Urls.query(clientId)
            + "&response_type=Assertion&state="
            + Urls.query(state)
            + "&scope="
            + Urls.query(String.join(" ", settings.oauthScopes()))
            + "&redirect_uri="
            + Urls.query(settings.oauthRedirectUri().toString()));
  }

  /**
   * Runs the whole sign-in: listens on the redirect URI, hands the sign-in URL to showUrl (print or
   * open it), waits for the code and exchanges it.
   *
   * @throws AuthenticationException if sign-in is refused, times out or the state does not match
   */
  public OAuthTokens signIn(Consumer<URI> showUrl, Duration timeout) throws IOException {
    URI redirect = settings.oauthRedirectUri();
    String state = newState();
    CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();
    String host = redirect.getHost();
    InetAddress bind =
        "localhost".equalsIgnoreCase(host)
            ? InetAddress.getLoopbackAddress()
            : InetAddress.getByName(host);
    if (!bind.isLoopbackAddress()) {
      throw new AuthenticationException(
          0,
          null,
          null,
          "OAuth sign-in failed: the redirect URI must point at localhost, not " + host);
    }
    int port = redirect.getPort() > 0 ? redirect.getPort() : 80;
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    String path =
        redirect.getPath() == null || redirect.getPath().isEmpty() ? "/" : redirect.getPath();
    server.createContext(
        path,
        ex -> {
          try (ex) {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            byte[] page =
                ("<html><body><p>"
                        + (q.containsKey("code")
                            ? "Signed in to Azure DevOps. You can close this window."
                            : "Sign-in failed. Return to the terminal.")
                        + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            try (OutputStream os = ex.getResponseBody()) {
              os.write(page);
            }
            callback.complete(q);
          }
        });
    server.start();
    try {
      showUrl.accept(authorizeUrl(state));
      Map<String, String> q = callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (q.containsKey("error")) {
        throw new AuthenticationException(
            0,
            null,
            null,
            "OAuth sign-in failed: "
                + redactor.redact(q.get("error"))
                + " "
                + redactor.redact(q.getOrDefault("error_description", "")));
      }
      if (!state.equals(q.get("state"))) {
        // A state mismatch means the callback did not come from our sign-in (CSRF).
        throw new AuthenticationException(
            0, null, null, "OAuth sign-in failed: the state parameter did not match");
      }
      String code = q.get("code");
      if (code == null || code.isEmpty()) {
        throw new AuthenticationException(
            0, null, null, "OAuth sign-in failed: no code in the redirect");
      }
      return exchangeCode(code);
    } catch (TimeoutException e) {
      throw new AuthenticationException(
          0, null, null, "OAuth sign-in failed: no redirect within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuthenticationException(0, null, null, "OAuth sign-in interrupted");
    } catch (ExecutionException e) {
      throw new IOException("redirect listener failed", e.getCause());
    } finally {
      server.stop(0);
    }
  }

  /** Exchanges an authorization code for tokens. */
  public OAuthTokens exchangeCode(String code) throws IOException {
    redactor.addSecret(code);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_assertion_type", ASSERTION_TYPE);
    form.put("client_assertion", clientSecret());
    form.put("grant_type", CODE_GRANT);
    form.put("assertion", code);
    form.put("redirect_uri", settings.oauthRedirectUri().toString());
    return token(form, "exchange the authorization code");
  }

  /** Gets a new access token with a refresh token. */
  public OAuthTokens refresh(OAuthTokens current) throws IOException {
    if (current.refreshToken() == null) {
      throw new AuthenticationException(
          0,
          null,
          null,
          "OAuth token expired and no refresh token is saved; run 'azdo token generate' again");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_assertion_type", ASSERTION_TYPE);
    form.put("client_assertion", clientSecret());
    form.put("grant_type", "refresh_token");
    form.put("assertion", current.refreshToken().reveal());
    form.put("redirect_uri", settings.oauthRedirectUri().toString());
    OAuthTokens fresh = token(form, "refresh the OAuth token");
    // Some servers omit a new refresh token; keep using the old one then.
    return fresh.refreshToken() == null
        ? new OAuthTokens(
            fresh.accessToken(), current.refreshToken(), fresh.expiresAt(), fresh.scopes())
        : fresh;
  }

  private OAuthTokens token(Map<String, String> form, String what) throws IOException {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(Urls.query(v)));
    Request request =
        Request.builder("POST", settings.oauthTokenUrl())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(body.toString().getBytes(StandardCharsets.UTF_8))
            .build();
    Response r = http.execute(request);
    JsonNode n;
    try {
      n = JSON.readTree(r.body());
    } catch (IOException e) {
      n = null;
    }
    if (r.status() != 200 || n == null || !n.hasNonNull("access_token")) {
      String error = n == null ? "" : n.path("Error").asText(n.path("error").asText(""));
      String desc =
          n == null
              ? ""
              : n.path("ErrorDescription").asText(n.path("error_description").asText(""));
      throw new AuthenticationException(
          r.status(),
          null,
          null,
          "OAuth sign-in failed: could not "
              + what
              + " (HTTP "
              + r.status()
              + ") "
              + redactor.redact((error + " " + desc).trim()));
    }
    OAuthTokens tokens = OAuthTokens.fromTokenResponse(n, clock);
    redactor.addSecret(tokens.accessToken().reveal());
    if (tokens.refreshToken() != null) {
      redactor.addSecret(tokens.refreshToken().reveal());
    }
    List<String> missing =
        settings.oauthScopes().stream()
            .filter(s -> !tokens.scopes().isEmpty() && !tokens.scopes().contains(s))
            .toList();
    if (!missing.isEmpty()) {
      LOG.warn("OAuth token was granted without scopes {}; calls needing them will fail", missing);
    }
    return tokens;
  }

  private String clientSecret() {
    return settings
        .oauthClientSecret()
        .orElseThrow(
            () ->
                new AuthenticationException(
                    0, null, null, "OAuth sign-in needs oauth-client-secret"))
        .reveal();
  }

  private String newState() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          java.net.URLDecoder.decode(k, StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}
