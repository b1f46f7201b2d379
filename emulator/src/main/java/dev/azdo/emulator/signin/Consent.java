package dev.azdo.emulator.signin;

import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.signin.SignInRecords.AuthCode;
import java.util.List;
import java.util.Map;

/**
 * The consent step both sign-in flavors share: an HTML form a script can post (approve=true), or an
 * immediate redirect with a code when the control API turned on auto-approval.
 */
final class Consent {
  // Authorization codes are short-lived on both services (Entra: about ten minutes).
  static final long CODE_SECONDS = 600;

  private final SignInState state;

  Consent(SignInState state) {
    this.state = state;
  }

  /**
   * Answers a validated authorize request: the consent page on GET, or the redirect with a code (or
   * access_denied) once approved.
   */
  ApiResponse answer(
      String flavor,
      String method,
      Map<String, String> p,
      OAuthApp app,
      List<String> scopes,
      String redirectUri,
      String formAction) {
    boolean auto = state.settings().autoApprove();
    if (method.equals("GET") && !auto) {
      StringBuilder users = new StringBuilder();
      for (Identity u : state.ctx.directory().users()) {
        users
            .append("<option value=\"")
            .append(Forms.escape(u.uniqueName()))
            .append("\">")
            .append(Forms.escape(u.displayName()))
            .append("</option>");
      }
      String body =
          "<h1>Authorize application</h1><p id=\"app\">"
              + Forms.escape(app.name())
              + " would like permission to access your resources: <span id=\"scopes\">"
              + Forms.escape(String.join(" ", scopes))
              + "</span></p><form id=\"consent\" method=\"post\" action=\""
              + Forms.escape(formAction)
              + "\">"
              + Forms.hidden(
                  p,
                  "client_id",
                  "response_type",
                  "state",
                  "scope",
                  "redirect_uri",
                  "code_challenge",
                  "code_challenge_method",
                  "nonce",
                  "response_mode",
                  "login_hint")
              + "<select name=\"user\">"
              + users
              + "</select>"
              + "<button type=\"submit\" name=\"approve\" value=\"true\">Accept</button>"
              + "<button type=\"submit\" name=\"approve\" value=\"false\">Deny</button>"
              + "</form>";
      return Forms.html(200, "Authorize application", body);
    }
    if (!auto && !"true".equalsIgnoreCase(p.get("approve"))) {
      return Forms.back(
          redirectUri,
          Forms.map(
              "error",
              "access_denied",
              "error_description",
              "The user denied the application access.",
              "state",
              p.get("state")),
          p.get("response_mode"));
    }
    Identity user = pickUser(p);
    String code = SignInState.secret(32);
    String hash = SignInState.sha256(code);
    AuthCode c =
        new AuthCode(
            hash,
            flavor,
            app.clientId(),
            user.id(),
            List.copyOf(scopes),
            redirectUri,
            p.get("code_challenge"),
            p.get("code_challenge_method"),
            p.get("nonce"),
            state.now() + CODE_SECONDS * 1000);
    state.ctx.store().run(tx -> tx.put(state.codes, hash, c));
    return Forms.back(
        redirectUri, Forms.map("code", code, "state", p.get("state")), p.get("response_mode"));
  }

  private Identity pickUser(Map<String, String> p) {
    Identity u = state.ctx.directory().resolve(p.get("user"));
    if (u == null) {
      u = state.ctx.directory().resolve(p.get("login_hint"));
    }
    return u != null ? u : state.ctx.directory().owner();
  }
}
