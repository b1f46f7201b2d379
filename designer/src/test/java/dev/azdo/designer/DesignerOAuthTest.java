package dev.azdo.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ProfileStore;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.signin.SignInModule;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Generate Token in headless Chromium against the emulator's OAuth endpoints: the button shows for
 * AuthType oauth only, the sign-in window goes to the service and back to the designer's own
 * /callback, the tokens land owner-only in the profile's token file, the page learns only who
 * signed in and the expiry, and a forged or replayed state is refused.
 */
class DesignerOAuthTest {
  @TempDir static Path dir;
  static Emulator emulator;
  static Designer designer;
  static ProfileStore profiles;
  static ChromeDriver browser;
  static WebDriverWait wait;
  static final ByteArrayOutputStream output = new ByteArrayOutputStream();
  static PrintStream originalOut;
  static PrintStream originalErr;

  @BeforeAll
  static void start() throws Exception {
    // Everything the designer and the emulator print while the test runs is kept to be searched.
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
    emulator = Emulator.create(EmulatorConfig.builder().port(0).build()).start();
    profiles = new ProfileStore(dir.resolve("config"));
    designer =
        Designer.builder()
            .port(0)
            .workspace(Files.createDirectories(dir.resolve("work")))
            .profiles(profiles)
            .env(Map.of())
            .signInDefaults(DesignerOAuthTest::emulatorApp)
            .build()
            .start();
    browser = Chromium.start(dir.resolve("chromium-profile"));
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (designer != null) {
      designer.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  /** What the CLI's EmulatorSignIn fills for a loopback organization: the emulator's own app. */
  static Map<String, String> emulatorApp(Map<String, String> merged) {
    if (!"oauth".equals(merged.get(ConnectionConfig.AUTH))) {
      return Map.of();
    }
    URI org = URI.create(merged.get(ConnectionConfig.ORG_URL));
    String root = org.getScheme() + "://" + org.getRawAuthority();
    Map<String, String> out = new LinkedHashMap<>();
    out.put(ConnectionConfig.OAUTH_CLIENT_ID, SignInModule.DEFAULT_CLIENT_ID);
    out.put(ConnectionConfig.OAUTH_CLIENT_SECRET, SignInModule.DEFAULT_CLIENT_SECRET);
    out.put(ConnectionConfig.OAUTH_AUTHORIZE_URL, root + "/oauth2/authorize");
    out.put(ConnectionConfig.OAUTH_TOKEN_URL, root + "/oauth2/token");
    return out;
  }

  @Test
  void generateTokenSignsInThroughTheDesignersCallbackAndThePageNeverSeesAToken() throws Exception {
    browser.get(designer.url());
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    String main = browser.getWindowHandle();
    WebElement generate = browser.findElement(By.id("generate-token"));
    assertThat(generate.isDisplayed()).as("hidden for a PAT").isFalse();
    new Select(byLabel("AuthType")).selectByValue("oauth");
    assertThat(generate.isDisplayed()).isTrue();
    assertThat(byLabel("oauth-redirect-uri").getDomAttribute("placeholder"))
        .isEqualTo(designer.callbackUri());
    byLabel("OrganizationUrl").sendKeys(emulator.url());
    generate.click();

    // The sign-in window: the emulator's consent page, then the designer's /callback.
    wait.until(d -> d.getWindowHandles().size() == 2);
    String signIn =
        browser.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow();
    browser.switchTo().window(signIn);
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#consent [value=true]")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("signin-result"), "Signed"));
    assertThat(browser.findElement(By.id("signin-result")).getText())
        .startsWith("Signed in to Azure DevOps as ");
    String callback = browser.getCurrentUrl();
    assertThat(callback)
        .startsWith("http://127.0.0.1:" + designer.port() + "/callback?")
        .contains("state=");
    List<String> seen = new ArrayList<>(List.of(browser.getPageSource()));

    // A replayed redirect (same code and state) and a forged state are refused.
    browser.get(callback);
    assertThat(browser.findElement(By.id("signin-result")).getText())
        .startsWith("Sign-in refused: this sign-in link is unknown, already used or expired");
    seen.add(browser.getPageSource());
    browser.get("http://127.0.0.1:" + designer.port() + "/callback?code=forged&state=forged");
    assertThat(browser.findElement(By.id("signin-result")).getText()).startsWith("Sign-in refused");
    String otherHost =
        DesignerGuardTest.send(
            designer.port(), "GET /callback?code=x&state=y", "evil.example", null, null, "");
    assertThat(otherHost).startsWith("HTTP/1.1 403").contains("Host must be");
    String otherSite =
        DesignerGuardTest.send(
            designer.port(),
            "GET /callback?code=x&state=y",
            "127.0.0.1:" + designer.port(),
            "http://evil.example",
            null,
            "");
    assertThat(otherSite).startsWith("HTTP/1.1 403").contains("cross-site request refused");
    browser.close();
    browser.switchTo().window(main);

    // The page says who signed in and when the token expires, then tests the connection with it.
    WebElement result = browser.findElement(By.id("connection-result"));
    wait.until(ExpectedConditions.textToBePresentInElement(result, "Connected to"));
    assertThat(result.getText())
        .contains("Signed in as ")
        .contains("the access token expires 20")
        .contains("profile 'designer'");
    Select project = new Select(browser.findElement(By.id("default-project")));
    wait.until(d -> project.getOptions().size() > 1);
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", result);
    Chromium.screenshot(browser, "1-connection-oauth");

    // The tokens: owner-only in the profile's token file, with a refresh token.
    Map<String, String> profile = profiles.load("designer").orElseThrow();
    assertThat(profile).containsEntry("auth", "oauth").containsKey("oauth-token-file");
    Path tokenFile = Path.of(profile.get("oauth-token-file"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    JsonNode tokens = Exchange.JSON.readTree(tokenFile.toFile());
    String access = tokens.path("access_token").asText();
    String refresh = tokens.path("refresh_token").asText();
    assertThat(access).hasSizeGreaterThan(20);
    assertThat(refresh).hasSizeGreaterThan(20);

    // No token text anywhere the page, the API, the files beside it or the output reach.
    String token = designer.url().substring(designer.url().indexOf("token=") + 6);
    String host = "127.0.0.1:" + designer.port();
    String header = RequestGuard.HEADER + ": " + token;
    seen.add(browser.getPageSource());
    seen.add(
        DesignerGuardTest.send(designer.port(), "GET /api/connection", host, null, header, ""));
    String status =
        DesignerGuardTest.send(
            designer.port(), "GET /api/connection/signin", host, null, header, "");
    assertThat(status).contains("\"state\":\"signed-in\"").contains("\"expiresAt\":\"20");
    seen.add(status);
    seen.add(Files.readString(profiles.profilesFile()));
    seen.add(Files.readString(profiles.secretsFile()));
    try (Stream<Path> files = Files.walk(dir.resolve("work"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        seen.add(Files.readString(f));
      }
    }
    seen.add(output.toString(StandardCharsets.UTF_8));
    for (String text : seen) {
      assertThat(text).doesNotContain(access).doesNotContain(refresh);
    }
  }

  private static WebElement byLabel(String label) {
    WebElement l = browser.findElement(By.xpath("//label[normalize-space(.)='" + label + "']"));
    return browser.findElement(By.id(l.getDomAttribute("for")));
  }

  /** Writes to the stream it wraps and keeps a copy in {@link #output}. */
  private static final class Tee extends OutputStream {
    private final OutputStream inner;

    Tee(OutputStream inner) {
      this.inner = inner;
    }

    @Override
    public void write(int b) {
      synchronized (output) {
        output.write(b);
      }
      try {
        inner.write(b);
      } catch (java.io.IOException e) {
        // The console went away; the copy is what the test reads.
      }
    }
  }
}
