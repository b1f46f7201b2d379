package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiHandler;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.signin.SignInRecords.AuthCode;
import dev.azdo.emulator.signin.SignInRecords.DeviceGrant;
import dev.azdo.emulator.signin.SignInRecords.IssuedToken;
import dev.azdo.emulator.signin.SignInRecords.Settings;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Microsoft Entra ID style endpoints for any tenant: /{tenant}/oauth2/v2.0/authorize, token and
 * devicecode, the OpenID discovery document MSAL reads, and a device login page.
 */
final class EntraEndpoints implements ApiHandler {
  /** Azure DevOps' resource (application) id in Entra ID. */
  static final String DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";

  static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

  private static final Set<String> OIDC_SCOPES =
      Set.of("openid", "profile", "offline_access", "email");
  // Device codes live 15 minutes and clients poll every 5 seconds, as Entra announces.
  private static final int DEVICE_SECONDS = 900;
  private static final int DEVICE_INTERVAL = 5;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final SignInState state;
  private final Consent consent;

  EntraEndpoints(SignInState state, Consent consent) {
    this.state = state;
    this.consent = consent;
  }

  /** True for the paths this handler serves: /{tenant}/oauth2/v2.0/..., discovery documents. */
  static boolean matches(List<String> s) {
    if (s.size() < 3) {
      return false;
    }
    String a = s.get(1).toLowerCase(Locale.ROOT);
    String b = s.get(2).toLowerCase(Locale.ROOT);
    return (a.equals("oauth2") && b.equals("v2.0"))
        || (a.equals("v2.0") && b.equals(".well-known"))
        || (a.equals("discovery"));
  }

  @Override
  public Object handle(ApiRequest req) {
    String[] s = req.path().split("/");
    String tenant = s[0];
    String rest = String.join("/", java.util.Arrays.copyOfRange(s, 1, s.length));
    String base = Forms.root(req) + "/" + tenant;
    switch (rest.toLowerCase(Locale.ROOT)) {
      case "v2.0/.well-known/openid-configuration":
        return openidConfiguration(req, tenant);
      case "discovery/v2.0/keys":
      case "discovery/keys":
        return Forms.json(200, Json.object().set("keys", Json.array()));
      case "discovery/instance":
        return instanceDiscovery(req);
      case "oauth2/v2.0/authorize":
        return authorize(req, base);
      case "oauth2/v2.0/token":
        return req.method().equals("POST") ? token(req) : notFound();
      case "oauth2/v2.0/devicecode":
        return req.method().equals("POST") ? deviceCode(req, base) : notFound();
      case "oauth2/v2.0/devicelogin":
        return deviceLogin(req);
      default:
        return notFound();
    }
  }

  private static ApiResponse notFound() {
    return Forms.html(404, "Not found", "<p>The resource cannot be found.</p>");
  }

  private ApiResponse openidConfiguration(ApiRequest req, String tenant) {
    String root = Forms.root(req);
    String t = root + "/" + tenant;
    String issuerTenant = isAlias(tenant) ? "{tenantid}" : state.tenantId();
    ObjectNode n = Json.object();
    n.put("token_endpoint", t + "/oauth2/v2.0/token");
    n.set(
        "token_endpoint_auth_methods_supported",
        strings("client_secret_post", "client_secret_basic"));
    n.put("jwks_uri", t + "/discovery/v2.0/keys");
    n.set("response_modes_supported", strings("query", "fragment", "form_post"));
    n.set("subject_types_supported", strings("pairwise"));
    n.set("id_token_signing_alg_values_supported", strings("RS256"));
    n.set(
        "response_types_supported", strings("code", "id_token", "code id_token", "id_token token"));
    n.set("scopes_supported", strings("openid", "profile", "email", "offline_access"));
    n.put("issuer", root + "/" + issuerTenant + "/v2.0");
    n.put("request_uri_parameter_supported", false);
    n.put("userinfo_endpoint", root + "/oidc/userinfo");
    n.put("authorization_endpoint", t + "/oauth2/v2.0/authorize");
    n.put("device_authorization_endpoint", t + "/oauth2/v2.0/devicecode");
    n.put("http_logout_supported", true);
    n.put("frontchannel_logout_supported", true);
    n.put("end_session_endpoint", t + "/oauth2/v2.0/logout");
    n.set(
        "claims_supported",
        strings(
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "nonce",
            "name",
            "preferred_username",
            "oid",
            "tid"));
    n.put("tenant_region_scope", "WW");
    n.put("cloud_instance_name", "microsoftonline.com");
    n.put("cloud_graph_host_name", "graph.windows.net");
    n.put("msgraph_host", "graph.microsoft.com");
    n.put("rbac_url", "https://pas.windows.net");
    return Forms.json(200, n);
  }

  private ApiResponse instanceDiscovery(ApiRequest req) {
    String root = Forms.root(req);
    String host = java.net.URI.create(root).getRawAuthority();
    ObjectNode n = Json.object();
    n.put("tenant_discovery_endpoint", root + "/common/v2.0/.well-known/openid-configuration");
    n.put("api-version", "1.1");
    ObjectNode meta = n.putArray("metadata").addObject();
    meta.put("preferred_network", host).put("preferred_cache", host);
    meta.set("aliases", strings(host));
    return Forms.json(200, n);
  }

  private static boolean isAlias(String tenant) {
    String t = tenant.toLowerCase(Locale.ROOT);
    return t.equals("common") || t.equals("organizations") || t.equals("consumers");
  }

  private ApiResponse authorize(ApiRequest req, String base) {
    Map<String, String> p = Forms.params(req);
    OAuthApp app = state.app(p.get("client_id"));
    if (app == null) {
      return Forms.html(
          400,
          "Sign in to your account",
          "<p id=\"error\">AADSTS700016: Application with identifier '"
              + Forms.escape(p.get("client_id"))
              + "' was not found in the directory.</p>");
    }
    String redirect = p.get("redirect_uri");
    if (!Forms.redirectAllowed(app.redirectUris(), redirect)) {
      return Forms.html(
          400,
          "Sign in to your account",
          "<p id=\"error\">AADSTS50011: The redirect URI '"
              + Forms.escape(redirect)
              + "' specified in the request does not match the redirect URIs configured for the"
              + " application '"
              + Forms.escape(app.clientId())
              + "'.</p>");
    }
    if (!"code".equals(p.get("response_type"))) {
      return Forms.back(
          redirect,
          Forms.map(
              "error",
              "unsupported_response_type",
              "error_description",
              describe(
                  70005,
                  "The provided value for the input parameter 'response_type' is not allowed for this request."),
              "state",
              p.get("state")),
          p.get("response_mode"));
    }
    String[] bad = scopeProblem(app, Forms.scopes(p.get("scope")), false);
    if (bad != null) {
      return Forms.back(
          redirect,
          Forms.map(
              "error",
              bad[0],
              "error_description",
              describe(Integer.parseInt(bad[1]), bad[2]),
              "state",
              p.get("state")),
          p.get("response_mode"));
    }
    return consent.answer(
        "entra",
        req.method(),
        p,
        app,
        Forms.scopes(p.get("scope")),
        redirect,
        base + "/oauth2/v2.0/authorize");
  }

  // Returns {error, AADSTS number, message} when the scopes are not acceptable, else null.
  private static String[] scopeProblem(OAuthApp app, List<String> scopes, boolean appOnly) {
    if (scopes.isEmpty()) {
      return new String[] {
        "invalid_request",
        "900144",
        "The request body must contain the following parameter: 'scope'."
      };
    }
    for (String s : scopes) {
      if (OIDC_SCOPES.contains(s.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (appOnly && !s.endsWith("/.default")) {
        return new String[] {
          "invalid_scope",
          "1002012",
          "The provided value for scope "
              + s
              + " is not valid. Client credential flows must have a scope value with /.default"
              + " suffixed to the resource identifier (application ID URI)."
        };
      }
      int slash = s.lastIndexOf('/');
      String resource = slash < 0 ? s : s.substring(0, slash);
      if (!resource.equalsIgnoreCase(DEVOPS_RESOURCE)
          && !resource.equalsIgnoreCase("https://app.vssps.visualstudio.com")) {
        return new String[] {
          "invalid_resource",
          "500011",
          "The resource principal named " + resource + " was not found in the tenant."
        };
      }
      if (!app.scopes().contains(s)) {
        return new String[] {
          "invalid_scope",
          "70011",
          "The provided request must include a 'scope' input parameter. The provided value for"
              + " the input parameter 'scope' is not valid. The scope '"
              + s
              + "' is not registered for the application."
        };
      }
    }
    return null;
  }

  private ApiResponse token(ApiRequest req) {
    Map<String, String> p = Forms.params(req);
    basicClientAuth(req, p);
    OAuthApp app = state.app(p.get("client_id"));
    if (app == null) {
      return error(
          400,
          "unauthorized_client",
          700016,
          "Application with identifier '"
              + p.get("client_id")
              + "' was not found in the directory '"
              + state.tenantId()
              + "'.");
    }
    String grant = p.get("grant_type");
    if ("device_code".equals(grant)) {
      // Entra takes the short name too (MSAL4J sends it).
      grant = DEVICE_CODE_GRANT;
    }
    if (grant == null) {
      return error(
          400,
          "invalid_request",
          900144,
          "The request body must contain the following parameter: 'grant_type'.");
    }
    boolean appOnly = grant.equals("client_credentials");
    String secret = p.get("client_secret");
    if (secret != null && !secret.equals(app.secret())) {
      return error(
          401,
          "invalid_client",
          7000215,
          "Invalid client secret provided. Ensure the secret being sent in the request is the client"
              + " secret value, not the client secret ID, for a secret added to app '"
              + app.clientId()
              + "'.");
    }
    if (secret == null && (appOnly || !app.publicClient())) {
      return error(
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
          return error(
              400,
              "invalid_grant",
              70008,
              "The provided authorization code or refresh token has expired due to inactivity."
                  + " Send a new interactive authorization request for this user and resource.");
        }
        state.ctx.store().run(tx -> tx.remove(state.codes, c.codeHash()));
        if (c.expiresAtMillis() <= state.now()) {
          return error(
              400,
              "invalid_grant",
              70008,
              "The provided authorization code or refresh token has expired due to inactivity."
                  + " Send a new interactive authorization request for this user and resource.");
        }
        if (!c.redirectUri().equals(p.get("redirect_uri"))) {
          return error(
              400,
              "invalid_grant",
              50148,
              "The redirect_uri does not match the one used in the authorization request.");
        }
        if (!SignInState.pkceMatches(
            c.codeChallenge(), c.codeChallengeMethod(), p.get("code_verifier"))) {
          return error(
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
          return error(
              400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
        }
        state.ctx.store().run(tx -> tx.remove(state.tokens, t.hash()));
        if (t.expiresAtMillis() <= state.now()) {
          return error(
              400, "invalid_grant", 700082, "The refresh token has expired due to inactivity.");
        }
        subject = state.subject(t);
        List<String> asked = Forms.scopes(p.get("scope"));
        scopes = asked.isEmpty() ? t.scopes() : asked;
        String[] bad = scopeProblem(app, scopes, false);
        if (bad != null) {
          return error(400, bad[0], Integer.parseInt(bad[1]), bad[2]);
        }
      }
      case "client_credentials" -> {
        scopes = Forms.scopes(p.get("scope"));
        String[] bad = scopeProblem(app, scopes, true);
        if (bad != null) {
          return error(400, bad[0], Integer.parseInt(bad[1]), bad[2]);
        }
        subject = SignInState.servicePrincipal(app);
      }
      case DEVICE_CODE_GRANT -> {
        String device = p.containsKey("device_code") ? p.get("device_code") : p.get("code");
        DeviceGrant g = device == null ? null : state.devices.get(SignInState.sha256(device));
        if (g == null || !g.clientId().equals(app.clientId())) {
          return error(
              400,
              "invalid_grant",
              70000,
              "The provided value for the 'device_code' is not valid.");
        }
        if (g.expiresAtMillis() <= state.now()) {
          return error(
              400,
              "expired_token",
              70020,
              "The provided value for the input parameter 'device_code' is not valid. This device"
                  + " code has expired.");
        }
        if (g.denied()) {
          return error(
              400, "authorization_declined", 70000, "The user declined the authorization request.");
        }
        if (g.approvedUserId() == null) {
          return error(
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
        return error(
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
      if (!OIDC_SCOPES.contains(sc.toLowerCase(Locale.ROOT))) {
        resourceScopes.add(sc);
      }
    }
    if (resourceScopes.isEmpty()) {
      // MSAL asks for OIDC scopes alone when it only signs in: Entra then issues a Graph-less
      // token.
      resourceScopes.add(DEVOPS_RESOURCE + "/.default");
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
            DEVOPS_RESOURCE));
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

  private ApiResponse deviceCode(ApiRequest req, String base) {
    Map<String, String> p = Forms.params(req);
    OAuthApp app = state.app(p.get("client_id"));
    if (app == null) {
      return error(
          400,
          "unauthorized_client",
          700016,
          "Application with identifier '"
              + p.get("client_id")
              + "' was not found in the directory.");
    }
    List<String> scopes = Forms.scopes(p.get("scope"));
    String[] bad = scopeProblem(app, scopes, false);
    if (bad != null) {
      return error(400, bad[0], Integer.parseInt(bad[1]), bad[2]);
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

  private ApiResponse deviceLogin(ApiRequest req) {
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

  private static String describe(int code, String message) {
    return "AADSTS" + code + ": " + message;
  }

  private ApiResponse error(int status, String error, int code, String message) {
    String trace = UUID.randomUUID().toString();
    String correlation = UUID.randomUUID().toString();
    String stamp = STAMP.format(state.ctx.clock().instant());
    ObjectNode n = Json.object();
    n.put("error", error);
    n.put(
        "error_description",
        describe(code, message)
            + "\r\nTrace ID: "
            + trace
            + "\r\nCorrelation ID: "
            + correlation
            + "\r\nTimestamp: "
            + stamp);
    n.putArray("error_codes").add(code);
    n.put("timestamp", stamp);
    n.put("trace_id", trace);
    n.put("correlation_id", correlation);
    n.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    return Forms.json(status, n);
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode strings(String... values) {
    com.fasterxml.jackson.databind.node.ArrayNode a = Json.array();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
