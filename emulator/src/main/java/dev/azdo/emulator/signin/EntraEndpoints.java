package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiHandler;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Entra ID style endpoints for any tenant: routes /{tenant}/oauth2/v2.0/... and serves
 * the OpenID discovery documents MSAL reads and the authorize step; the token endpoint and the
 * device code flow live in {@link EntraTokenEndpoint} and {@link EntraDeviceFlow}.
 */
final class EntraEndpoints implements ApiHandler {
  private final SignInState state;
  private final Consent consent;
  private final EntraTokenEndpoint tokens;
  private final EntraDeviceFlow devices;

  EntraEndpoints(SignInState state, Consent consent) {
    this.state = state;
    this.consent = consent;
    EntraErrors errors = new EntraErrors(state);
    this.tokens = new EntraTokenEndpoint(state, errors);
    this.devices = new EntraDeviceFlow(state, errors);
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

  /** Answers one request under /{tenant}/ that {@link #matches} accepted. */
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
        return req.method().equals("POST") ? tokens.token(req) : notFound();
      case "oauth2/v2.0/devicecode":
        return req.method().equals("POST") ? devices.deviceCode(req, base) : notFound();
      case "oauth2/v2.0/devicelogin":
        return devices.deviceLogin(req);
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
              EntraErrors.describe(
                  70005,
                  "The provided value for the input parameter 'response_type' is not allowed for this request."),
              "state",
              p.get("state")),
          p.get("response_mode"));
    }
    EntraScopes.Problem bad = EntraScopes.problem(app, Forms.scopes(p.get("scope")), false);
    if (bad != null) {
      return Forms.back(
          redirect,
          Forms.map(
              "error",
              bad.error(),
              "error_description",
              EntraErrors.describe(bad.code(), bad.message()),
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

  private static com.fasterxml.jackson.databind.node.ArrayNode strings(String... values) {
    com.fasterxml.jackson.databind.node.ArrayNode a = Json.array();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }
}
