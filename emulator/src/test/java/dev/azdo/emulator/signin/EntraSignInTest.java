package dev.azdo.emulator.signin;

import static dev.azdo.emulator.signin.Browser.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntraSignInTest {
  private static final String DEVOPS = "499b84ac-1321-427f-aa17-267ca6975798";
  private static final String TENANT = "contoso.onmicrosoft.com";

  Emulator emulator;
  Browser browser;

  @BeforeEach
  void start() {
    emulator = Emulator.startDefault();
    browser = new Browser(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static String challenge(String verifier) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
  }

  private String authorizeCode(String verifier, String scope) throws Exception {
    browser.control("PUT", "oauth/settings", Json.object().put("autoApprove", true));
    Browser.Page r =
        browser.get(
            "/"
                + TENANT
                + "/oauth2/v2.0/authorize?client_id="
                + SignInModule.DEFAULT_CLIENT_ID
                + "&response_type=code&redirect_uri="
                + enc("http://localhost:53111/callback")
                + "&scope="
                + enc(scope)
                + "&state=st&nonce=n-1&code_challenge="
                + challenge(verifier)
                + "&code_challenge_method=S256&login_hint=dave@example.com");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.location()).startsWith("http://localhost:53111/callback?code=");
    assertThat(r.redirectParam("state")).isEqualTo("st");
    return r.redirectParam("code");
  }

  private Browser.Page redeem(String code, String verifier) {
    Map<String, String> form = new HashMap<>();
    form.put("client_id", SignInModule.DEFAULT_CLIENT_ID);
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", "http://localhost:53111/callback");
    form.put("code_verifier", verifier);
    form.put("client_info", "1");
    return browser.post("/" + TENANT + "/oauth2/v2.0/token", form);
  }

  @Test
  void discoveryDocumentNamesTheTenantsEndpoints() {
    Browser.Page r = browser.get("/organizations/v2.0/.well-known/openid-configuration");
    assertThat(r.status()).isEqualTo(200);
    JsonNode d = r.json();
    String base = emulator.rootUrl() + "/organizations";
    assertThat(d.path("authorization_endpoint").asText())
        .isEqualTo(base + "/oauth2/v2.0/authorize");
    assertThat(d.path("token_endpoint").asText()).isEqualTo(base + "/oauth2/v2.0/token");
    assertThat(d.path("device_authorization_endpoint").asText())
        .isEqualTo(base + "/oauth2/v2.0/devicecode");
    assertThat(d.path("issuer").asText()).endsWith("/{tenantid}/v2.0");
    assertThat(d.path("jwks_uri").asText()).isEqualTo(base + "/discovery/v2.0/keys");
  }

  @Test
  void authorizationCodeWithPkceIssuesTokensTheApiAccepts() throws Exception {
    String verifier = "verifier-0123456789-0123456789-0123456789-abcdef";
    String code = authorizeCode(verifier, DEVOPS + "/.default openid profile offline_access");
    Browser.Page t = redeem(code, verifier);
    assertThat(t.status()).isEqualTo(200);
    JsonNode j = t.json();
    assertThat(j.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(j.path("expires_in").asInt()).isEqualTo(3599);
    assertThat(j.path("scope").asText()).isEqualTo(DEVOPS + "/.default");
    assertThat(j.path("refresh_token").asText()).isNotEmpty();
    assertThat(j.path("client_info").asText()).isNotEmpty();
    String[] id = j.path("id_token").asText().split("\\.");
    JsonNode claims =
        Json.parse(new String(Base64.getUrlDecoder().decode(id[1]), StandardCharsets.UTF_8));
    assertThat(claims.path("aud").asText()).isEqualTo(SignInModule.DEFAULT_CLIENT_ID);
    assertThat(claims.path("nonce").asText()).isEqualTo("n-1");
    assertThat(claims.path("preferred_username").asText()).isEqualTo("dave@example.com");

    Browser.Page me = browser.api("_apis/connectionData", j.path("access_token").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Dave Diaz");
  }

  @Test
  void formPostResponseModeAnswersWithAFormThatPostsCodeAndStateToTheRedirectUri()
      throws Exception {
    browser.control("PUT", "oauth/settings", Json.object().put("autoApprove", true));
    Browser.Page r =
        browser.get(
            "/"
                + TENANT
                + "/oauth2/v2.0/authorize?client_id="
                + SignInModule.DEFAULT_CLIENT_ID
                + "&response_type=code&response_mode=form_post&redirect_uri="
                + enc("http://localhost:53111/callback")
                + "&scope="
                + enc(DEVOPS + "/.default")
                + "&state=st-2&code_challenge="
                + challenge("v".repeat(43))
                + "&code_challenge_method=S256");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .contains(
            "<form method=\"POST\" name=\"hiddenform\" action=\"http://localhost:53111/callback\">")
        .contains("name=\"code\"")
        .contains("<input type=\"hidden\" name=\"state\" value=\"st-2\">")
        .contains("document.forms[0].submit()");
  }

  @Test
  void wrongCodeVerifierIsRefused() throws Exception {
    String code = authorizeCode("the-right-verifier-0123456789-0123456789-x", DEVOPS + "/.default");
    Browser.Page t = redeem(code, "a-wrong-verifier-0123456789-0123456789-xyz");
    assertThat(t.status()).isEqualTo(400);
    assertThat(t.json().path("error").asText()).isEqualTo("invalid_grant");
    assertThat(t.json().path("error_description").asText()).startsWith("AADSTS501481:");
    assertThat(t.json().path("error_codes").get(0).asInt()).isEqualTo(501481);
  }

  @Test
  void refreshTokenRenewsAnExpiredAccessToken() throws Exception {
    String verifier = "verifier-for-refresh-0123456789-0123456789-abc";
    JsonNode first =
        redeem(authorizeCode(verifier, DEVOPS + "/.default offline_access"), verifier).json();
    browser.control("POST", "clock", Json.object().put("advanceSeconds", 3601));
    assertThat(browser.api("_apis/connectionData", first.path("access_token").asText()).status())
        .isEqualTo(401);
    Browser.Page r =
        browser.post(
            "/common/oauth2/v2.0/token",
            Map.of(
                "client_id",
                SignInModule.DEFAULT_CLIENT_ID,
                "grant_type",
                "refresh_token",
                "refresh_token",
                first.path("refresh_token").asText(),
                "scope",
                DEVOPS + "/.default offline_access"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(browser.api("_apis/connectionData", r.json().path("access_token").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void clientCredentialsActAsTheAppsServicePrincipal() {
    Browser.Page t =
        browser.post(
            "/" + TENANT + "/oauth2/v2.0/token",
            Map.of(
                "client_id",
                SignInModule.DEFAULT_CLIENT_ID,
                "client_secret",
                SignInModule.DEFAULT_CLIENT_SECRET,
                "grant_type",
                "client_credentials",
                "scope",
                DEVOPS + "/.default"));
    assertThat(t.status()).isEqualTo(200);
    assertThat(t.json().has("refresh_token")).isFalse();
    Browser.Page me = browser.api("_apis/connectionData", t.json().path("access_token").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Emulator sample app");
  }

  @Test
  void clientCredentialsNeedDotDefaultScopeAndTheRightSecret() {
    Browser.Page noDefault =
        browser.post(
            "/" + TENANT + "/oauth2/v2.0/token",
            Map.of(
                "client_id",
                SignInModule.DEFAULT_CLIENT_ID,
                "client_secret",
                SignInModule.DEFAULT_CLIENT_SECRET,
                "grant_type",
                "client_credentials",
                "scope",
                DEVOPS + "/user_impersonation"));
    assertThat(noDefault.status()).isEqualTo(400);
    assertThat(noDefault.json().path("error").asText()).isEqualTo("invalid_scope");
    assertThat(noDefault.json().path("error_description").asText()).startsWith("AADSTS1002012:");
    Browser.Page badSecret =
        browser.post(
            "/" + TENANT + "/oauth2/v2.0/token",
            Map.of(
                "client_id",
                SignInModule.DEFAULT_CLIENT_ID,
                "client_secret",
                "nope",
                "grant_type",
                "client_credentials",
                "scope",
                DEVOPS + "/.default"));
    assertThat(badSecret.status()).isEqualTo(401);
    assertThat(badSecret.json().path("error_description").asText()).startsWith("AADSTS7000215:");
  }

  @Test
  void deviceCodeIsPendingUntilTheUserApprovesIt() {
    Browser.Page dc =
        browser.post(
            "/" + TENANT + "/oauth2/v2.0/devicecode",
            Map.of(
                "client_id",
                SignInModule.DEFAULT_CLIENT_ID,
                "scope",
                DEVOPS + "/.default offline_access"));
    assertThat(dc.status()).isEqualTo(200);
    String device = dc.json().path("device_code").asText();
    String userCode = dc.json().path("user_code").asText();
    assertThat(dc.json().path("verification_uri").asText())
        .isEqualTo(emulator.rootUrl() + "/" + TENANT + "/oauth2/v2.0/devicelogin");
    assertThat(dc.json().path("message").asText()).contains(userCode);
    Map<String, String> poll =
        Map.of(
            "client_id",
            SignInModule.DEFAULT_CLIENT_ID,
            "grant_type",
            "urn:ietf:params:oauth:grant-type:device_code",
            "device_code",
            device);
    Browser.Page pending = browser.post("/" + TENANT + "/oauth2/v2.0/token", poll);
    assertThat(pending.status()).isEqualTo(400);
    assertThat(pending.json().path("error").asText()).isEqualTo("authorization_pending");

    Browser.Page login =
        browser.post(
            "/" + TENANT + "/oauth2/v2.0/devicelogin",
            Map.of("user_code", userCode, "user", "carol@example.com", "approve", "true"));
    assertThat(login.status()).isEqualTo(200);

    Browser.Page t = browser.post("/" + TENANT + "/oauth2/v2.0/token", poll);
    assertThat(t.status()).isEqualTo(200);
    Browser.Page me = browser.api("_apis/connectionData", t.json().path("access_token").asText());
    assertThat(me.json().at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Carol Chen");
  }

  @Test
  void scopeOfAnUnknownResourceIsRefusedAtAuthorize() {
    Browser.Page r =
        browser.get(
            "/"
                + TENANT
                + "/oauth2/v2.0/authorize?client_id="
                + SignInModule.DEFAULT_CLIENT_ID
                + "&response_type=code&redirect_uri="
                + enc("http://localhost/callback")
                + "&scope="
                + enc("https://graph.microsoft.com/Mail.Read")
                + "&state=z");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.redirectParam("error")).isEqualTo("invalid_resource");
    assertThat(r.redirectParam("error_description")).startsWith("AADSTS500011:");
  }

  @Test
  void consentPageIsShownWithoutAutoApprove() {
    Browser.Page r =
        browser.get(
            "/"
                + TENANT
                + "/oauth2/v2.0/authorize?client_id="
                + SignInModule.DEFAULT_CLIENT_ID
                + "&response_type=code&redirect_uri="
                + enc("http://localhost/callback")
                + "&scope="
                + enc(DEVOPS + "/.default")
                + "&state=z");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("<form id=\"consent\"").contains("name=\"approve\"");
  }
}
