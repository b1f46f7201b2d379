package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.ServerRelease;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.realism.ControlApi;
import dev.azdo.emulator.signin.SignInRecords.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * OAuth sign-in, tested end to end without a browser: the legacy Azure DevOps endpoints
 * (/oauth2/authorize, /oauth2/token) and Microsoft Entra ID style endpoints
 * (/{tenant}/oauth2/v2.0/authorize, token, devicecode, and the OpenID discovery document). Tokens
 * they issue are accepted by the REST API as Bearer until they expire. Apps and settings are
 * managed through /_emulator/oauth/.
 */
public final class SignInModule implements EmulatorModule {
  /** The client id of the app every fresh emulator has registered. */
  public static final String DEFAULT_CLIENT_ID = "7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d";

  /** The default app's client secret (the legacy flow's client assertion). */
  public static final String DEFAULT_CLIENT_SECRET = "emulator-client-secret";

  /** The default app's redirect URL (any port on localhost is accepted, as Entra does). */
  public static final String DEFAULT_REDIRECT_URI = "http://localhost/callback";

  /** The scopes the default app is registered with. */
  public static final List<String> DEFAULT_SCOPES =
      List.of(
          "vso.profile",
          "vso.project",
          "vso.project_write",
          "vso.project_manage",
          "vso.work",
          "vso.work_write",
          "vso.work_full",
          EntraScopes.DEVOPS_RESOURCE + "/.default",
          EntraScopes.DEVOPS_RESOURCE + "/user_impersonation");

  private SignInState state;

  /**
   * The lines `azdo emulator` prints after its URL line: the PAT and the seeded test app, so a
   * person can try "Generate Token" without reading code. None of these values is a real secret. An
   * Azure DevOps Server has no sign-in endpoints, so its lines name only the PAT.
   */
  public static List<String> describe(
      String rootUrl, String orgUrl, String pat, ServerRelease release) {
    if (release.onPremises()) {
      return List.of(
          "  PAT: " + pat + " (Basic with any user name, or Bearer)",
          "  " + release.productName() + " has no OAuth or Entra ID sign-in: use the PAT");
    }
    return List.of(
        "  PAT: " + pat + " (Basic with any user name, or Bearer)",
        "  OAuth test app (legacy Azure DevOps OAuth, \"Generate Token\"): client id "
            + DEFAULT_CLIENT_ID
            + ", client secret "
            + DEFAULT_CLIENT_SECRET,
        "    authorize " + rootUrl + "/oauth2/authorize, token " + rootUrl + "/oauth2/token",
        "    redirect http://localhost:PORT/callback or http://127.0.0.1:PORT/callback (any port);"
            + " consent page signs in a seeded user (alice@example.com, bob@, carol@, ...)",
        "  Entra ID test app: the same client id and secret, authority "
            + rootUrl
            + " (any tenant): "
            + rootUrl
            + "/TENANT/oauth2/v2.0/authorize, /token, /devicecode; discovery "
            + rootUrl
            + "/TENANT/v2.0/.well-known/openid-configuration (MSAL needs --https)",
        "  Try: azdo token generate --org-url " + orgUrl + " --auth oauth");
  }

  @Override
  public void register(EmulatorContext ctx) {
    if (ctx.release().onPremises()) {
      // Azure DevOps Server signs in with PATs and Windows accounts only: its /oauth2 and
      // /{tenant}/oauth2/v2.0 paths are outside every collection and answer its plain 404, and
      // it accepts no OAuth or Entra bearer token.
      return;
    }
    state = new SignInState(ctx);
    Consent consent = new Consent(state);
    ctx.handler().root("oauth2", new LegacyOAuth(state, consent));
    ctx.handler().root(EntraEndpoints::matches, new EntraEndpoints(state, consent));
    ctx.handler().addAuthenticator((secret, bearer) -> bearer ? state.authenticate(secret) : null);
    ctx.require(ControlApi.class).section("oauth", this::control);
  }

  @Override
  public void seed(EmulatorContext ctx) {
    if (state == null) {
      return;
    }
    OAuthApp app =
        new OAuthApp(
            DEFAULT_CLIENT_ID,
            "Emulator sample app",
            DEFAULT_CLIENT_SECRET,
            List.of(DEFAULT_REDIRECT_URI, "http://127.0.0.1/callback", "urn:ietf:wg:oauth:2.0:oob"),
            DEFAULT_SCOPES,
            true);
    ctx.store().run(tx -> tx.put(state.apps, app.clientId(), app));
  }

  // /_emulator/oauth/apps[/{clientId}] and /_emulator/oauth/settings.
  private Object control(ApiRequest req) {
    String[] p = req.path().split("/");
    String what = p.length > 1 ? p[1].toLowerCase() : "";
    if (what.equals("settings")) {
      if (req.method().equals("PUT") || req.method().equals("POST")) {
        JsonNode b = req.json();
        Settings cur = state.settings();
        Settings s =
            new Settings(
                b.path("autoApprove").asBoolean(cur.autoApprove()),
                b.path("accessTokenSeconds").asInt(cur.accessTokenSeconds()),
                b.path("refreshTokenSeconds").asInt(cur.refreshTokenSeconds()));
        if (s.accessTokenSeconds() < 2 || s.refreshTokenSeconds() < 2) {
          throw ApiException.badRequest(
              "InvalidArgumentValueException", "Token lifetimes must be at least 2 seconds.");
        }
        state.ctx.store().run(tx -> tx.put(state.settings, SignInState.SETTINGS_KEY, s));
      }
      Settings s = state.settings();
      return Json.object()
          .put("autoApprove", s.autoApprove())
          .put("accessTokenSeconds", s.accessTokenSeconds())
          .put("refreshTokenSeconds", s.refreshTokenSeconds());
    }
    if (!what.equals("apps")) {
      throw ApiException.notFound("NotFoundException", "No such control resource.");
    }
    if (p.length > 2) {
      OAuthApp app = state.app(p[2]);
      if (app == null) {
        throw ApiException.notFound("NotFoundException", "No app with client id " + p[2] + ".");
      }
      if (req.method().equals("DELETE")) {
        state.ctx.store().run(tx -> tx.remove(state.apps, app.clientId()));
        return null;
      }
      return appJson(app);
    }
    if (req.method().equals("GET")) {
      List<JsonNode> all = new ArrayList<>();
      for (OAuthApp a : state.apps.values()) {
        all.add(appJson(a));
      }
      return Json.list(all);
    }
    if (!req.method().equals("POST")) {
      throw new ApiException(
          405,
          "HttpMethodNotAllowedException",
          "The requested resource does not support http method '" + req.method() + "'.");
    }
    JsonNode b = req.json();
    List<String> redirects = strings(b.path("redirectUris"));
    List<String> scopes = strings(b.path("scopes"));
    if (redirects.isEmpty() || scopes.isEmpty()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException", "An app needs redirectUris and scopes.");
    }
    OAuthApp app =
        new OAuthApp(
            b.path("clientId").asText(UUID.randomUUID().toString()),
            b.path("name").asText("Test app"),
            b.path("secret").asText(SignInState.secret(24)),
            redirects,
            scopes,
            b.path("publicClient").asBoolean(false));
    state.ctx.store().run(tx -> tx.put(state.apps, app.clientId(), app));
    return ApiResponse.json(201, appJson(app));
  }

  private static ObjectNode appJson(OAuthApp a) {
    ObjectNode n = Json.object();
    n.put("clientId", a.clientId());
    n.put("name", a.name());
    n.put("secret", a.secret());
    n.set("redirectUris", Json.tree(a.redirectUris()));
    n.set("scopes", Json.tree(a.scopes()));
    n.put("publicClient", a.publicClient());
    return n;
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else if (n.isTextual()) {
      out.addAll(Forms.scopes(n.asText()));
    }
    return out;
  }
}
