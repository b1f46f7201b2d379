package dev.azdo.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.ProfileStore;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The designer driven in headless Chromium against the emulator, step by step as a person would:
 * connect with a PAT, test the connection, choose the default project, ... Each step leaves a
 * screenshot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesignerPageTest {
  @TempDir static Path dir;
  static Emulator emulator;
  static Designer designer;
  static ProfileStore profiles;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    emulator = Emulator.create(EmulatorConfig.builder().port(0).build()).start();
    Path work = Files.createDirectories(dir.resolve("work"));
    profiles = new ProfileStore(dir.resolve("config"));
    designer =
        Designer.builder().port(0).workspace(work).profiles(profiles).env(Map.of()).build().start();
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
  }

  @Test
  @Order(1)
  void connectsWithAPatTestsTheConnectionAndPicksTheDefaultProject() throws Exception {
    browser.get(designer.url());
    wait.withMessage(
            () -> "page not ready; status: " + browser.findElement(By.id("status")).getText())
        .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertThat(browser.getCurrentUrl()).doesNotContain("token=");
    // The sign-in method shows only its own fields.
    new Select(byLabel("AuthType")).selectByValue("oauth");
    assertThat(byLabel("PersonalAccessToken").isDisplayed()).isFalse();
    assertThat(byLabel("oauth-client-id").isDisplayed()).isTrue();
    new Select(byLabel("AuthType")).selectByValue("pat");
    assertThat(byLabel("PersonalAccessToken").isDisplayed()).isTrue();
    assertThat(byLabel("PersonalAccessToken").getDomAttribute("type")).isEqualTo("password");

    byLabel("OrganizationUrl").sendKeys(emulator.url());
    byLabel("PersonalAccessToken").sendKeys(emulator.config().pat());
    browser.findElement(By.id("test-connection")).click();
    WebElement result = browser.findElement(By.id("connection-result"));
    wait.until(ExpectedConditions.textToBePresentInElement(result, "Connected to"));
    assertThat(result.getText()).contains("profile 'designer'").contains("api-version");
    // The PAT went to the profile store's secrets file and never comes back to the page.
    assertThat(byLabel("PersonalAccessToken").getDomProperty("value")).isEmpty();
    assertThat(profiles.load("designer").orElseThrow())
        .containsEntry("pat", emulator.config().pat());
    assertThat(Files.readString(profiles.profilesFile())).doesNotContain(emulator.config().pat());
    assertThat(browser.getPageSource()).doesNotContain(emulator.config().pat());

    Select project = new Select(browser.findElement(By.id("default-project")));
    wait.until(d -> project.getOptions().size() > 1);
    project.selectByVisibleText("Demo");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "project Demo"));
    assertThat(profiles.load("designer").orElseThrow())
        .as(browser.findElement(By.id("connection-result")).getText())
        .containsEntry("project", "Demo");
    Chromium.screenshot(browser, "1-connection");
  }

  // Finds a form control by the text of its label, as a person reads the form.
  static WebElement byLabel(String text) {
    WebElement label =
        browser.findElement(By.xpath("//label[normalize-space(text())='" + text + "']"));
    return browser.findElement(By.id(label.getDomAttribute("for")));
  }
}
