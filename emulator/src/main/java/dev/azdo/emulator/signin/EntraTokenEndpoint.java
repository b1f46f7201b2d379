package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.signin.SignInRecords.AuthCode;
import dev.azdo.emulator.signin.SignInRecords.DeviceGrant;
import dev.azdo.emulator.signin.SignInRecords.IssuedToken;
import dev.azdo.emulator.signin.SignInRecords.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entra's token endpoint: redeems authorization codes, refresh tokens, client credentials and
 * approved device codes, and issues the access, refresh and id tokens.
 */
final class EntraTokenEndpoint {
  static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private final SignInState state;
  private final EntraErrors errors;

  EntraTokenEndpoint(SignInState state, EntraErrors errors) {
    this.state = state;
    this.errors = errors;
  }

  /** Answers POST /{tenant}/oauth2/v2.0/token for every grant type Entra takes. */
  ApiResponse token(ApiRequest req) {
    Map<String, String> p = Forms.params(req);
    basicClientAuth(req, p);
    OAuthApp app = state.app(p.get("client_id"));
    if (app == null) {
      return errors.unknownClient(p.get("client_id"), " '" + state.tenantId() + "'");
    }
    String grant = p.get("grant_type");
    if ("device_code".equals(grant)) {
      // Entra takes the short name too (MSAL4J sends it).
      grant = DEVICE_CODE_GRANT;
    }
    if (grant == null) {
      return errors.reply(
          400,
          "invalid_request",
          900144,
          "The request body must contain the following parameter: 'grant_type'.");
    }
    boolean appOnly = grant.equals("client_credentials");
    String secret = p.get("client_secret");
    if (secret != null && !secret.equals(app.secret())) {
      return errors.reply(
          401,
          "invalid_client",
          7000215,
          "Invalid client secret provided. Ensure the secret being sent in the request is the client"
              + " secret value, not the client secret ID, for a secret added to app '"
              + app.clientId()
              + "'.");
    }
    if (secret == null && (appOnly || !app.publicClient())) {
      return errors.reply(
          401,
          "invalid_client",
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or"
              + " 'client_secret'.");
    }
    Settings s = state.settings();
    Identity subject;
    List<String> scopes;
    String nonce = null;
    switch (grant) {
      case "authorization_code" -> {
        String code = p.get("code");
        AuthCode c = code == null ? null : state.codes.get(SignInState.sha256(code));
        if (c == null || !c.flavor().equals("entra") || !c.clientId().equals(app.clientId())) {
          return errors.reply(
              400,
              "invalid_grant",
              70008,
              "The provided authorization code or refresh token has expired due to inactivity."
                  + " Send a new interactive authorization request for this user and resource.");
        }
        state.ctx.store().run(tx -> tx.remove(state.codes, c.codeHash()));
        if (c.expiresAtMillis() <= state.now()) {
          return errors.reply(
              400,
              "invalid_grant",
              70008,
              "The provided authorization code or refresh token has expired due to inactivity."
                  + " Send a new interactive authorization request for this user and resource.");
        }
        if (!c.redirectUri().equals(p.get("redirect_uri"))) {
          return errors.reply(
              400,
              "invalid_grant",
              50148,
              "The redirect_uri does not match the one used in the authorization request.");
        }
        if (!SignInState.pkceMatches(
            c.codeChallenge(), c.codeChallengeMethod(), p.get("code_verifier"))) {
          return errors.reply(
              400,
              "invalid_grant",
              501481,
              "The Code_Verifier does not match the code_challenge supplied in the authorization"
                  + " request.");
        }
        subject = state.ctx.directory().byId(c.userId());
        scopes = c.scopes();
        nonce = c.nonce();
      }
      case "refresh_token" -> {
        String refresh = p.get("refresh_token");
        IssuedToken t = refresh == null ? null : state.tokens.get(SignInState.sha256(refresh));
        if (t == null
            || !t.kind().equals("refresh")
            || !t.flavor().equals("entra")
            || !t.clientId().equals(app.clientId())) {
          return errors.reply(
              400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        }
        state.ctx.store().run(tx -> tx.remove(state.tokens, t.hash()));
        if (t.expiresAtMillis() <= state.now()) {
          return errors.reply(
              400, "invalid_grant", 700082, "The refresh token has expired due to inactivity.");
        }
        subject = state.subject(t);
        List<String> asked = Forms.scopes(p.get("scope"));
        scopes = asked.isEmpty() ? t.scopes() : asked;
        EntraScopes.Problem bad = EntraScopes.problem(app, scopes, false);
        if (bad != null) {
          return errors.reply(400, bad.error(), bad.code(), bad.message());
        }
      }
      case "client_credentials" -> {
        scopes = Forms.scopes(p.get("scope"));
        EntraScopes.Problem bad = EntraScopes.problem(app, scopes, true);
        if (bad != null) {
          return errors.reply(400, bad.error(), bad.code(), bad.message());
        }
        subject = SignInState.servicePrincipal(app);
      }
      case DEVICE_CODE_GRANT -> {
        String device = p.containsKey("device_code") ? p.get("device_code") : p.get("code");
        DeviceGrant g = device == null ? null : state.devices.get(SignInState.sha256(device));
        if (g == null || !g.clientId().equals(app.clientId())) {
          return errors.reply(
              400,
              "invalid_grant",
              70000,
              "The provided value for the 'device_code' is not valid.");
        }
        if (g.expiresAtMillis() <= state.now()) {
          return errors.reply(
              400,
              "expired_token",
              70020,
              "The provided value for the input parameter 'device_code' is not valid. This device"
                  + " code has expired.");
        }
        if (g.denied()) {
          return errors.reply(
              400, "authorization_declined", 70000, "The user declined the authorization request.");
        }
        if (g.approvedUserId() == null) {
          return errors.reply(
              400,
              "authorization_pending",
              70016,
              "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
        }
        state.ctx.store().run(tx -> tx.remove(state.devices, g.deviceCodeHash()));
        subject = state.ctx.directory().byId(g.approvedUserId());
        scopes = g.scopes();
      }
      default -> {
        return errors.reply(
            400,
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type '" + grant + "'.");
      }
    }
    return tokens(req, p, app, subject, scopes, appOnly, nonce, s);
  }

  // Accepts client_id/client_secret in an HTTP Basic header too, as Entra does.
  private static void basicClientAuth(ApiRequest req, Map<String, String> p) {
    String auth = req.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return;
    }
    try {
      String d =
          new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = d.indexOf(':');
      if (colon > 0) {
        p.putIfAbsent(
            "client_id", java.net.URLDecoder.decode(d.substring(0, colon), StandardCharsets.UTF_8));
        p.putIfAbsent(
            "client_secret",
            java.net.URLDecoder.decode(d.substring(colon + 1), StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      // not Basic credentials: the body decides
    }
  }

  private ApiResponse tokens(
      ApiRequest req,
      Map<String, String> p,
      OAuthApp app,
      Identity subject,
      List<String> scopes,
      boolean appOnly,
      String nonce,
      Settings s) {
    List<String> resourceScopes = new ArrayList<>();
    for (String sc : scopes) {
      if (!EntraScopes.isOpenId(sc.toLowerCase(Locale.ROOT))) {
        resourceScopes.add(sc);
      }
    }
    if (resourceScopes.isEmpty()) {
      // MSAL asks for OIDC scopes alone when it only signs in: Entra then issues a Graph-less
      // token.
      resourceScopes.add(EntraScopes.DEVOPS_RESOURCE + "/.default");
    }
    ObjectNode n = Json.object();
    n.put("token_type", "Bearer");
    n.put("scope", String.join(" ", resourceScopes));
    n.put("expires_in", s.accessTokenSeconds() - 1);
    n.put("ext_expires_in", s.accessTokenSeconds() - 1);
    n.put(
        "access_token",
        state.issue(
            "access",
            "entra",
            app,
            subject,
            resourceScopes,
            s.accessTokenSeconds(),
            EntraScopes.DEVOPS_RESOURCE));
    boolean offline = scopes.stream().anyMatch(x -> x.equalsIgnoreCase("offline_access"));
    boolean openid = scopes.stream().anyMatch(x -> x.equalsIgnoreCase("openid"));
    if (!appOnly) {
      // Entra returns a refresh token to user flows (MSAL always asks for offline_access).
      n.put(
          "refresh_token",
          state.issue(
              "refresh", "entra", app, subject, scopes, s.refreshTokenSeconds(), app.clientId()));
      if (openid || offline) {
        n.put("id_token", idToken(req, app, subject, nonce));
      }
      if ("1".equals(p.get("client_info"))) {
        String info =
            Json.write(Json.object().put("uid", subject.id()).put("utid", state.tenantId()));
        n.put(
            "client_info",
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return Forms.json(200, n);
  }

  private String idToken(ApiRequest req, OAuthApp app, Identity user, String nonce) {
    long now = state.now() / 1000;
    ObjectNode c = Json.object();
    c.put("aud", app.clientId());
    c.put("iss", Forms.root(req) + "/" + state.tenantId() + "/v2.0");
    c.put("iat", now);
    c.put("nbf", now);
    c.put("exp", now + 3600);
    c.put("name", user.displayName());
    c.put("oid", user.id());
    c.put("preferred_username", user.uniqueName());
    c.put("sub", user.id());
    c.put("tid", state.tenantId());
    c.put("ver", "2.0");
    if (nonce != null) {
      c.put("nonce", nonce);
    }
    return state.jwt(c);
  }
}
