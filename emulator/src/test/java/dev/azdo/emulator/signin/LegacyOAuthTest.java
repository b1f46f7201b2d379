package dev.azdo.emulator.signin;

import static dev.azdo.emulator.signin.Browser.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.http.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LegacyOAuthTest {
  private static final String ASSERTION_TYPE =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

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

  private String authorizeUrl(String scope) {
    return "/oauth2/authorize?client_id="
        + SignInModule.DEFAULT_CLIENT_ID
        + "&response_type=Assertion&state=s-42&scope="
        + enc(scope)
        + "&redirect_uri="
        + enc(SignInModule.DEFAULT_REDIRECT_URI);
  }

  // Approves the consent form as the given user and returns the code from the redirect.
  private String approve(String scope, String user) {
    Browser.Page consent = browser.get(authorizeUrl(scope));
    assertThat(consent.status()).isEqualTo(200);
    assertThat(consent.body()).contains("<form id=\"consent\"").contains(scope);
    Browser.Page redirect =
        browser.post(
            "/oauth2/authorize",
            Map.of(
                "client_id",
                SignInModule.DEFAULT_CLIENT_ID,
                "response_type",
                "Assertion",
                "state",
                "s-42",
                "scope",
                scope,
                "redirect_uri",
                SignInModule.DEFAULT_REDIRECT_URI,
                "user",
                user,
                "approve",
                "true"));
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.location()).startsWith(SignInModule.DEFAULT_REDIRECT_URI + "?code=");
    assertThat(redirect.redirectParam("state")).isEqualTo("s-42");
    return redirect.redirectParam("code");
  }

  private Browser.Page redeem(String code) {
    return browser.post(
        "/oauth2/token",
        Map.of(
            "client_assertion_type", ASSERTION_TYPE,
            "client_assertion", SignInModule.DEFAULT_CLIENT_SECRET,
            "grant_type", JWT_BEARER,
            "assertion", code,
            "redirect_uri", SignInModule.DEFAULT_REDIRECT_URI));
  }

  private Browser.Page refresh(String refreshToken) {
    return browser.post(
        "/oauth2/token",
        Map.of(
            "client_assertion_type",
            ASSERTION_TYPE,
            "client_assertion",
            SignInModule.DEFAULT_CLIENT_SECRET,
            "grant_type",
            "refresh_token",
            "assertion",
            refreshToken,
            "redirect_uri",
            SignInModule.DEFAULT_REDIRECT_URI));
  }

  @Test
  void authorizationCodeFlowIssuesATokenTheApiAcceptsAsBearer() {
    String code = approve("vso.work_write vso.project", "bob@example.com");
    Browser.Page token = redeem(code);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.json().path("token_type").asText()).isEqualTo("jwt-bearer");
    assertThat(token.json().path("expires_in").asText()).isEqualTo("3599");
    assertThat(token.json().path("scope").asText()).isEqualTo("vso.work_write vso.project");
    assertThat(token.json().path("refresh_token").asText()).isNotEmpty();
    String access = token.json().path("access_token").asText();
    assertThat(access.split("\\.")).hasSize(3);

    Browser.Page me = browser.api("_apis/connectionData", access);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/authenticatedUser/providerDisplayName").asText())
        .isEqualTo("Bob Builder");
  }

  @Test
  void codeIsGoodForOneRedemptionOnly() {
    String code = approve("vso.work", "alice@example.com");
    assertThat(redeem(code).status()).isEqualTo(200);
    Browser.Page again = redeem(code);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("Error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void accessTokenExpiresAndRefreshTokenRotates() {
    Browser.Page token = redeem(approve("vso.work", "alice@example.com"));
    String access = token.json().path("access_token").asText();
    String refresh = token.json().path("refresh_token").asText();

    browser.control("POST", "clock", Json.object().put("advanceSeconds", 3600));
    assertThat(browser.api("_apis/connectionData", access).status()).isEqualTo(401);

    Browser.Page renewed = refresh(refresh);
    assertThat(renewed.status()).isEqualTo(200);
    String newAccess = renewed.json().path("access_token").asText();
    assertThat(browser.api("_apis/connectionData", newAccess).status()).isEqualTo(200);
    assertThat(renewed.json().path("refresh_token").asText()).isNotEqualTo(refresh);
    Browser.Page reused = refresh(refresh);
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.json().path("Error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void scopeTheAppWasNotRegisteredWithIsRefused() {
    Browser.Page r = browser.get(authorizeUrl("vso.code_full"));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.redirectParam("error")).isEqualTo("InvalidScope");
    assertThat(r.redirectParam("state")).isEqualTo("s-42");
  }

  @Test
  void unregisteredRedirectUrlGetsAnErrorPageNotARedirect() {
    Browser.Page r =
        browser.get(
            "/oauth2/authorize?client_id="
                + SignInModule.DEFAULT_CLIENT_ID
                + "&response_type=Assertion&state=x&scope=vso.work&redirect_uri="
                + enc("https://evil.example.com/cb"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.location()).isNull();
  }

  @Test
  void wrongClientSecretIsInvalidClient() {
    String code = approve("vso.work", "alice@example.com");
    Browser.Page r =
        browser.post(
            "/oauth2/token",
            Map.of(
                "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", "not-the-secret",
                "grant_type", JWT_BEARER,
                "assertion", code,
                "redirect_uri", SignInModule.DEFAULT_REDIRECT_URI));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("Error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void deniedConsentRedirectsWithAccessDenied() {
    Browser.Page r =
        browser.post(
            "/oauth2/authorize",
            Map.of(
                "client_id", SignInModule.DEFAULT_CLIENT_ID,
                "response_type", "Assertion",
                "state", "s-1",
                "scope", "vso.work",
                "redirect_uri", SignInModule.DEFAULT_REDIRECT_URI,
                "approve", "false"));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.redirectParam("error")).isEqualTo("access_denied");
  }

  @Test
  void autoApproveSkipsTheConsentPage() {
    Browser.Page set =
        browser.control("PUT", "oauth/settings", Json.object().put("autoApprove", true));
    assertThat(set.json().path("autoApprove").asBoolean()).isTrue();
    Browser.Page r = browser.get(authorizeUrl("vso.work"));
    assertThat(r.status()).isEqualTo(302);
    assertThat(redeem(r.redirectParam("code")).status()).isEqualTo(200);
  }

  @Test
  void appRegisteredThroughTheControlApiCanSignIn() {
    var body = Json.object().put("name", "Importer").put("secret", "importer-secret");
    body.set("redirectUris", Json.array().add("https://importer.example.com/cb"));
    body.set("scopes", Json.array().add("vso.work_write"));
    Browser.Page app = browser.control("POST", "oauth/apps", body);
    assertThat(app.status()).isEqualTo(201);
    String clientId = app.json().path("clientId").asText();
    browser.control("PUT", "oauth/settings", Json.object().put("autoApprove", true));
    Browser.Page r =
        browser.get(
            "/oauth2/authorize?client_id="
                + clientId
                + "&response_type=Assertion&state=a&scope=vso.work_write&redirect_uri="
                + enc("https://importer.example.com/cb"));
    assertThat(r.status()).isEqualTo(302);
    Browser.Page token =
        browser.post(
            "/oauth2/token",
            Map.of(
                "client_assertion_type",
                ASSERTION_TYPE,
                "client_assertion",
                "importer-secret",
                "grant_type",
                JWT_BEARER,
                "assertion",
                r.redirectParam("code"),
                "redirect_uri",
                "https://importer.example.com/cb"));
    assertThat(token.status()).isEqualTo(200);
    assertThat(browser.control("GET", "oauth/apps", null).json().path("count").asInt())
        .isEqualTo(2);
  }
}
