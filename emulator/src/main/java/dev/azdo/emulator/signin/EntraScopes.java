package dev.azdo.emulator.signin;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which scopes Entra grants an app: the OpenID ones and Azure DevOps' registered ones. */
final class EntraScopes {
  /** Azure DevOps' resource (application) id in Entra ID. */
  static final String DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";

  private static final Set<String> OIDC_SCOPES =
      Set.of("openid", "profile", "offline_access", "email");

  private EntraScopes() {}

  /** Why Entra refuses a scope request: the OAuth error, its AADSTS number and message. */
  record Problem(String error, int code, String message) {}

  /** True for openid, profile, offline_access and email, which name no resource. */
  static boolean isOpenId(String scope) {
    return OIDC_SCOPES.contains(scope);
  }

  /** The problem Entra reports for these scopes, or null when the app may ask for them all. */
  static Problem problem(OAuthApp app, List<String> scopes, boolean appOnly) {
    if (scopes.isEmpty()) {
      return new Problem(
          "invalid_request",
          900144,
          "The request body must contain the following parameter: 'scope'.");
    }
    for (String s : scopes) {
      if (isOpenId(s.toLowerCase(Locale.ROOT))) {
        continue;
      }
      if (appOnly && !s.endsWith("/.default")) {
        return new Problem(
            "invalid_scope",
            1002012,
            "The provided value for scope "
                + s
                + " is not valid. Client credential flows must have a scope value with /.default"
                + " suffixed to the resource identifier (application ID URI).");
      }
      int slash = s.lastIndexOf('/');
      String resource = slash < 0 ? s : s.substring(0, slash);
      if (!resource.equalsIgnoreCase(DEVOPS_RESOURCE)
          && !resource.equalsIgnoreCase("https://app.vssps.visualstudio.com")) {
        return new Problem(
            "invalid_resource",
            500011,
            "The resource principal named " + resource + " was not found in the tenant.");
      }
      if (!app.scopes().contains(s)) {
        return new Problem(
            "invalid_scope",
            70011,
            "The provided request must include a 'scope' input parameter. The provided value for"
                + " the input parameter 'scope' is not valid. The scope '"
                + s
                + "' is not registered for the application.");
      }
    }
    return null;
  }
}
