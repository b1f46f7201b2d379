package dev.azdo.designer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, as CI installs them ({@code .ci/run}); a
 * missing one fails the test naming it instead of skipping.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  /** Starts a 1280×800 headless browser with a fresh profile in {@code profileDir}. */
  static ChromeDriver start(Path profileDir) {
    for (Path p : new Path[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            p
                + " is missing: install Debian's chromium and chromium-driver (apt-get install"
                + " chromium chromium-driver; .ci/run does)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    // Without the background-networking switches Chromium reaches out at start, which fails on a
    // closed network.
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Saves a screenshot of the window as NAME.png under the screenshot folder. */
  static void screenshot(ChromeDriver driver, String name) {
    // The committed screenshots in docs/designer are refreshed with -Ddesigner.screenshots=DIR.
    String dir = System.getProperty("designer.screenshots", "target/designer-screenshots");
    try {
      Path folder = Path.of(dir);
      Files.createDirectories(folder);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
