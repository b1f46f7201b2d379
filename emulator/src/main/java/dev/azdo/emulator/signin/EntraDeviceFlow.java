package dev.azdo.emulator.signin;

import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.signin.SignInRecords.DeviceGrant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entra's device code flow: hands out device and user codes and serves the page where a user
 * approves or declines one; the token endpoint redeems the approved codes.
 */
final class EntraDeviceFlow {
  // Device codes live 15 minutes and clients poll every 5 seconds, as Entra announces.
  private static final int DEVICE_SECONDS = 900;
  private static final int DEVICE_INTERVAL = 5;

  private final SignInState state;
  private final EntraErrors errors;

  EntraDeviceFlow(SignInState state, EntraErrors errors) {
    this.state = state;
    this.errors = errors;
  }

  /** Answers POST /{tenant}/oauth2/v2.0/devicecode: a new device code and its user code. */
  ApiResponse deviceCode(ApiRequest req, String base) {
    Map<String, String> p = Forms.params(req);
    OAuthApp app = state.app(p.get("client_id"));
    if (app == null) {
      return errors.unknownClient(p.get("client_id"), "");
    }
    List<String> scopes = Forms.scopes(p.get("scope"));
    EntraScopes.Problem bad = EntraScopes.problem(app, scopes, false);
    if (bad != null) {
      return errors.reply(400, bad.error(), bad.code(), bad.message());
    }
    String device = SignInState.secret(32);
    String userCode = userCode();
    String approved = state.settings().autoApprove() ? state.ctx.directory().owner().id() : null;
    DeviceGrant g =
        new DeviceGrant(
            SignInState.sha256(device),
            userCode,
            app.clientId(),
            List.copyOf(scopes),
            state.now() + DEVICE_SECONDS * 1000L,
            approved,
            false);
    state.ctx.store().run(tx -> tx.put(state.devices, g.deviceCodeHash(), g));
    String uri = base + "/oauth2/v2.0/devicelogin";
    return Forms.json(
        200,
        Json.object()
            .put("user_code", userCode)
            .put("device_code", device)
            .put("verification_uri", uri)
            .put("expires_in", DEVICE_SECONDS)
            .put("interval", DEVICE_INTERVAL)
            .put(
                "message",
                "To sign in, use a web browser to open the page "
                    + uri
                    + " and enter the code "
                    + userCode
                    + " to authenticate."));
  }

  private static String userCode() {
    // Unambiguous letters and digits, nine characters like Entra's codes.
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder b = new StringBuilder();
    java.security.SecureRandom r = new java.security.SecureRandom();
    for (int i = 0; i < 9; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** The device login page: GET shows the form, POST approves or declines a user code. */
  ApiResponse deviceLogin(ApiRequest req) {
    Map<String, String> p = Forms.params(req);
    if (!req.method().equals("POST")) {
      return Forms.html(
          200,
          "Enter code",
          "<form id=\"devicelogin\" method=\"post\"><input name=\"user_code\">"
              + "<input name=\"user\" value=\"alice@example.com\">"
              + "<button type=\"submit\" name=\"approve\" value=\"true\">Continue</button>"
              + "<button type=\"submit\" name=\"approve\" value=\"false\">Cancel</button></form>");
    }
    String code = p.getOrDefault("user_code", "").trim().replace("-", "").toUpperCase(Locale.ROOT);
    DeviceGrant g = null;
    for (DeviceGrant d : state.devices.values()) {
      if (d.userCode().equals(code)) {
        g = d;
      }
    }
    if (g == null || g.expiresAtMillis() <= state.now()) {
      return Forms.html(
          400,
          "Enter code",
          "<p id=\"error\">That code didn't work. Check the code and try again.</p>");
    }
    boolean approve = "true".equalsIgnoreCase(p.get("approve"));
    Identity user = state.ctx.directory().resolve(p.get("user"));
    if (user == null) {
      user = state.ctx.directory().owner();
    }
    DeviceGrant done =
        new DeviceGrant(
            g.deviceCodeHash(),
            g.userCode(),
            g.clientId(),
            g.scopes(),
            g.expiresAtMillis(),
            approve ? user.id() : null,
            !approve);
    state.ctx.store().run(tx -> tx.put(state.devices, done.deviceCodeHash(), done));
    return Forms.html(
        200,
        "Signed in",
        approve
            ? "<p id=\"done\">You have signed in. You may now close this window.</p>"
            : "<p id=\"done\">You declined the sign-in.</p>");
  }
}
