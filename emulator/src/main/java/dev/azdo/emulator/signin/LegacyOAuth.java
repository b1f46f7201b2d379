package dev.azdo.emulator.signin;

import dev.azdo.emulator.http.ApiHandler;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.signin.SignInRecords.AuthCode;
import dev.azdo.emulator.signin.SignInRecords.IssuedToken;
import dev.azdo.emulator.signin.SignInRecords.Settings;
import java.util.List;
import java.util.Map;

/**
 * The legacy Azure DevOps OAuth endpoints of app.vssps.visualstudio.com: /oauth2/authorize
 * (response_type=Assertion) and /oauth2/token (jwt-bearer assertion or refresh_token grant).
 */
final class LegacyOAuth implements ApiHandler {
  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final SignInState state;
  private final Consent consent;

  LegacyOAuth(SignInState state, Consent consent) {
    this.state = state;
    this.consent = consent;
  }

  @Override
  public Object handle(ApiRequest req) {
    String path = req.path().toLowerCase();
    if (path.equals("authorize")) {
      return authorize(req);
    }
    if (path.equals("token") && req.method().equals("POST")) {
      return token(req);
    }
    return Forms.html(404, "Not found", "<p>The resource cannot be found.</p>");
  }

  private ApiResponse authorize(ApiRequest req) {
    Map<String, String> p = Forms.params(req);
    OAuthApp app = state.app(p.get("client_id"));
    if (app == null) {
      // Without a known app there is no safe place to redirect to: the service shows an error page.
      return Forms.html(
          400, "Error", "<p id=\"error\">invalid_client: The client_id is not registered.</p>");
    }
    String redirect = p.get("redirect_uri");
    if (!Forms.redirectAllowed(app.redirectUris(), redirect)) {
      return Forms.html(
          400,
          "Error",
          "<p id=\"error\">invalid_request: The redirect_uri does not match the callback URL"
              + " registered for the application.</p>");
    }
    if (!"Assertion".equalsIgnoreCase(p.get("response_type"))) {
      return Forms.redirect(
          redirect,
          Forms.map(
              "error",
              "unsupported_response_type",
              "error_description",
              "response_type must be Assertion.",
              "state",
              p.get("state")));
    }
    List<String> scopes = Forms.scopes(p.get("scope"));
    if (scopes.isEmpty() || !app.scopes().containsAll(scopes)) {
      // The legacy service only grants scopes the app was registered with.
      return Forms.redirect(
          redirect,
          Forms.map(
              "error",
              "InvalidScope",
              "error_description",
              "The requested scopes do not match the scopes registered for the application.",
              "state",
              p.get("state")));
    }
    return consent.answer(
        "legacy", req.method(), p, app, scopes, redirect, Forms.root(req) + "/oauth2/authorize");
  }

  private ApiResponse token(ApiRequest req) {
    Map<String, String> p = Forms.params(req);
    if (!ASSERTION_TYPE.equals(p.get("client_assertion_type"))) {
      return error(400, "invalid_request", "client_assertion_type must be " + ASSERTION_TYPE + ".");
    }
    OAuthApp app = null;
    String secret = p.get("client_assertion");
    for (OAuthApp a : state.apps.values()) {
      if (secret != null && a.secret() != null && a.secret().equals(secret)) {
        app = a;
      }
    }
    if (app == null) {
      return error(401, "invalid_client", "The client assertion (client secret) is not valid.");
    }
    String grant = p.get("grant_type");
    Settings s = state.settings();
    Identity user;
    List<String> scopes;
    if (JWT_BEARER.equals(grant)) {
      String code = p.get("assertion");
      AuthCode c = code == null ? null : state.codes.get(SignInState.sha256(code));
      if (c == null || !c.flavor().equals("legacy") || !c.clientId().equals(app.clientId())) {
        return error(400, "invalid_grant", "The authorization code is not valid.");
      }
      // A code is good for one redemption only.
      state.ctx.store().run(tx -> tx.remove(state.codes, c.codeHash()));
      if (c.expiresAtMillis() <= state.now()) {
        return error(400, "invalid_grant", "The authorization code has expired.");
      }
      if (!c.redirectUri().equals(p.get("redirect_uri"))) {
        return error(
            400, "invalid_request", "The redirect_uri does not match the authorization request.");
      }
      user = state.ctx.directory().byId(c.userId());
      scopes = c.scopes();
    } else if ("refresh_token".equals(grant)) {
      String refresh = p.get("assertion");
      IssuedToken t = refresh == null ? null : state.tokens.get(SignInState.sha256(refresh));
      if (t == null
          || !t.kind().equals("refresh")
          || !t.flavor().equals("legacy")
          || !t.clientId().equals(app.clientId())) {
        return error(400, "invalid_grant", "The refresh token is not valid.");
      }
      // Refresh tokens rotate: the one just used cannot be used again.
      state.ctx.store().run(tx -> tx.remove(state.tokens, t.hash()));
      if (t.expiresAtMillis() <= state.now()) {
        return error(400, "invalid_grant", "The refresh token has expired.");
      }
      user = state.subject(t);
      scopes = t.scopes();
    } else {
      return error(400, "unsupported_grant_type", "The grant_type is not supported.");
    }
    String access =
        state.issue(
            "access",
            "legacy",
            app,
            user,
            scopes,
            s.accessTokenSeconds(),
            "app.vstoken.visualstudio.com");
    String refresh =
        state.issue(
            "refresh", "legacy", app, user, scopes, s.refreshTokenSeconds(), app.clientId());
    return Forms.json(
        200,
        Json.object()
            .put("access_token", access)
            .put("token_type", "jwt-bearer")
            // The legacy service sends expires_in as a string of seconds.
            .put("expires_in", Integer.toString(s.accessTokenSeconds() - 1))
            .put("refresh_token", refresh)
            .put("scope", String.join(" ", scopes)));
  }

  private static ApiResponse error(int status, String code, String description) {
    return Forms.json(
        status, Json.object().put("Error", code).put("ErrorDescription", description));
  }
}
