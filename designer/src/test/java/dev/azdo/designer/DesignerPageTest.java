package dev.azdo.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ProfileStore;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.JobConnection;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.report.RunSummary;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The designer driven in headless Chromium against the emulator, step by step as a person would:
 * connect with a PAT, test the connection, choose the default project, upload a CSV, map it,
 * preview the requests, run, download the rejects and save the job file, which then resumes writing
 * nothing twice. Each step leaves a screenshot.
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

  @Test
  @Order(2)
  void uploadsACsvAndShowsItsFirstRowsAndColumns() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("bugs.csv"),
            "Key,Title,Priority,State\n"
                + "B-1,Login fails,1,New\n"
                + "B-2,Crash on save,2,Active\n"
                + "B-3,Typo in footer,3,Bogus\n"
                + "B-4,Slow search,2,New\n");
    step("source");
    browser.findElement(By.id("source-upload")).sendKeys(csv.toString());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("source-result"), "4 columns"));
    assertThat(browser.findElement(By.id("source-path")).getDomProperty("value"))
        .isEqualTo("bugs.csv");
    assertThat(Files.readString(designer.workspace().resolve("bugs.csv")))
        .isEqualTo(Files.readString(csv));
    WebElement table = browser.findElement(By.id("source-table"));
    assertThat(table.getText()).contains("Key", "Title", "Priority", "State", "Crash on save");
    Chromium.screenshot(browser, "2-source");
  }

  @Test
  @Order(3)
  void listsTheProjectsTypesAndTheEndpointCatalogue() {
    step("endpoint");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("endpoint-result"), "writable fields of Bug"));
    Select endpoint = new Select(browser.findElement(By.id("endpoint")));
    assertThat(endpoint.getFirstSelectedOption().getText()).isEqualTo("create-workitem");
    assertThat(endpoint.getOptions()).extracting(WebElement::getText).contains("add-comment");
    assertThat(browser.findElement(By.id("endpoint-doc")).getText()).isNotBlank();
    Select type = new Select(browser.findElement(By.id("wit-type")));
    assertThat(type.getOptions()).extracting(WebElement::getText).contains("Bug", "Task");
  }

  @Test
  @Order(4)
  void mapsWithTheDropdownsAndShowsAnUnmappedRequiredFieldOnItsRow() {
    step("mapping");
    By titleSelect = By.cssSelector("select[data-column='Title']");
    wait.until(d -> new Select(d.findElement(titleSelect)).getOptions().size() > 5);
    // Required fields are marked, read-only ones are not offered.
    Select title = new Select(browser.findElement(titleSelect));
    assertThat(title.getOptions())
        .extracting(WebElement::getText)
        .anyMatch(t -> t.startsWith("Title (System.Title) *"));
    assertThat(title.getOptions())
        .extracting(o -> o.getDomAttribute("value"))
        .doesNotContain("System.CreatedDate", "System.Id");
    browser.findElement(By.id("auto-map")).click();
    wait.until(d -> "System.Title".equals(selectValue(titleSelect)));
    assertThat(selectValue(By.cssSelector("select[data-column='Priority']")))
        .isEqualTo("Microsoft.VSTS.Common.Priority");
    assertThat(selectValue(By.cssSelector("select[data-column='State']")))
        .isEqualTo("System.State");
    new Select(browser.findElement(By.id("key-column"))).selectByValue("Key");

    // Title left unmapped: the plan names it on its own row.
    new Select(browser.findElement(titleSelect)).selectByValue("");
    browser.findElement(By.id("check-plan")).click();
    By missing = By.cssSelector("tr[data-required-field='System.Title']");
    wait.until(ExpectedConditions.presenceOfElementLocated(missing));
    assertThat(browser.findElement(missing).getText()).contains("is required by work item type");
    assertThat(browser.findElement(By.id("plan-result")).getText()).contains("problem");
    Chromium.screenshot(browser, "3-mapping");

    new Select(browser.findElement(titleSelect)).selectByValue("System.Title");
    browser.findElement(By.id("check-plan")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("plan-result"), "The plan is good"));
    assertThat(browser.findElements(missing)).isEmpty();
    assertThat(browser.findElement(By.id("plan-lines")).getText()).contains("System.Title");
  }

  @Test
  @Order(5)
  void previewsTheSameRequestsAsADryRunWithRequestsOut() throws Exception {
    step("preview");
    browser.findElement(By.id("preview-requests")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("preview-result"), "Dry run done"));
    String shown = browser.findElement(By.id("preview-requests-out")).getText();
    assertThat(shown).contains("Login fails").contains("System.Title");
    // What `azdo run job.yaml --dry-run --requests-out FILE` writes, from the job file the page
    // saved.
    Path job = designer.workspace().resolve("job.yaml");
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    ImportTask.builder(ImportJob.fromYaml(job, Map.of(JobConfig.DRY_RUN, "true")), client(job))
        .requestsOut(requests)
        .build()
        .run();
    assertThat(shown.strip()).isEqualTo(requests.toString(StandardCharsets.UTF_8).strip());
    Chromium.screenshot(browser, "4-preview");
  }

  @Test
  @Order(6)
  void validatesTheFirstRowsWithTheServiceSavingNothingAndKeepingNoJournal() throws Exception {
    WebElement rows = byLabel("Rows to validate");
    rows.clear();
    rows.sendKeys("3");
    browser.findElement(By.id("validate-rows-run")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("validate-result"), "Validated"));
    assertThat(browser.findElement(By.id("validate-result")).getText())
        .contains("Validated 3 row(s), nothing saved: 2 would be written, 1 rejected");
    assertThat(browser.findElement(By.cssSelector("#validate-table tr[data-row='1']")).getText())
        .contains("B-1")
        .contains("would be written");
    // Row 3 is rejected by the plan, before any call: still named by its key, as in the rejects.
    List<String> planRejected =
        browser.findElements(By.cssSelector("#validate-table tr[data-row='3'] td")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(planRejected).hasSize(4);
    assertThat(planRejected.subList(0, 3)).containsExactly("3", "B-3", "rejected");
    assertThat(planRejected.get(3)).contains("\"Bogus\" is not an allowed value of System.State");
    // Only the first 3 rows were read.
    assertThat(browser.findElements(By.cssSelector("#validate-table tr[data-row='4']"))).isEmpty();
    // Nothing saved in the service, no journal kept.
    assertThat(
            client(designer.workspace().resolve("job.yaml"))
                .queryIds("Demo", "SELECT [System.Id] FROM WorkItems")
                .ids())
        .isEmpty();
    try (var files = Files.list(designer.workspace())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".journal"));
    }
    browser.executeScript(
        "document.getElementById('validate-rows-run').scrollIntoView({block: 'start'});");
    Chromium.screenshot(browser, "4-validate");
  }

  @Test
  @Order(7)
  void runsShowsTheCountsAndTheRejectsAndOffersThemForDownload() {
    step("run");
    browser.findElement(By.id("run-import")).click();
    wait.until(
        d -> "done".equals(d.findElement(By.id("run-summary")).getDomAttribute("data-state")));
    assertThat(browser.findElement(By.id("run-progress")).getText())
        .contains("read 4, written 3, rejected 1");
    assertThat(browser.findElement(By.id("run-summary")).getText()).contains("Journal: job.");
    assertThat(browser.findElement(By.id("rejects-table")).getText())
        .contains("3 B-3 \"Bogus\" is not an allowed value of System.State");
    WebElement download = browser.findElement(By.id("rejects-download"));
    assertThat(download.isDisplayed()).isTrue();
    // The link's own request, with the page's cookie.
    Object csv =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));",
            download.getDomProperty("href"));
    assertThat((String) csv).contains("B-3").contains("Bogus").doesNotContain("B-1");
    Chromium.screenshot(browser, "5-run");
  }

  @Test
  @Order(8)
  void savesTheJobYamlWhichAzdoRunResumesWritingNothingTwice() throws Exception {
    step("jobfile");
    browser.findElement(By.id("save-job")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-result"), "azdo run"));
    String yaml = browser.findElement(By.id("job-yaml")).getText();
    assertThat(yaml).contains("profile: designer").contains("bugs.csv").contains("System.Title");
    Path job = designer.workspace().resolve("job.yaml");
    assertThat(Files.readString(job)).doesNotContain(emulator.config().pat());
    Chromium.screenshot(browser, "6-jobfile");

    // What `azdo run job.yaml` does: the job file's connection (the profile), the one import task.
    RunSummary again = ImportTask.builder(ImportJob.fromYaml(job), client(job)).build().run();
    assertThat(again.writtenCount()).isZero();
    assertThat(again.skippedCount()).isEqualTo(3);
    assertThat(again.rejectedCount()).isEqualTo(1);
  }

  @Test
  @Order(9)
  void namesTheRowsOfAJobWithoutAKeyColumnByTheirNumber() {
    // A second job on the same source, without a key column, in a file of its own (own journal).
    step("jobfile");
    WebElement name = browser.findElement(By.id("job-name"));
    name.clear();
    name.sendKeys("keyless.yaml");
    step("mapping");
    new Select(browser.findElement(By.id("key-column"))).selectByValue("");

    step("preview");
    WebElement rows = byLabel("Rows to validate");
    rows.clear();
    rows.sendKeys("3");
    browser.findElement(By.id("validate-rows-run")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("validate-result"), "Validated 3 row(s)"));
    assertThat(cells("#validate-table tr[data-row='1'] td").subList(0, 3))
        .containsExactly("1", "row 1", "would be written");
    assertThat(cells("#validate-table tr[data-row='3'] td").subList(0, 3))
        .containsExactly("3", "row 3", "rejected");

    step("run");
    browser.findElement(By.id("run-import")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("run-summary"), "Journal: keyless."));
    assertThat(browser.findElement(By.id("run-progress")).getText())
        .contains("read 4, written 3, rejected 1");
    assertThat(cells("#rejects-table tr td")).startsWith("3", "row 3");
    assertThat(browser.findElement(By.id("rejects-table")).getText())
        .contains("3 row 3 \"Bogus\" is not an allowed value of System.State");
  }

  @Test
  @Order(10)
  void showsTheRetriesThrottledAnswersAndThePaceOfARunUnderTheServicesBudget() throws Exception {
    // 6 TSTUs per 2 s: a create costs 2, so the pacer has to hold calls back to stay under it.
    throttle("{\"tstu\": 6, \"windowSeconds\": 2}");
    try {
      step("jobfile");
      WebElement name = browser.findElement(By.id("job-name"));
      name.clear();
      name.sendKeys("paced.yaml");
      step("run");
      browser.findElement(By.id("run-import")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("run-progress"), "ing: read"));
      // The run belongs to the designer, not to the page: the page opened again (a new tab)
      // follows it to its end and shows its figures.
      String first = browser.getWindowHandle();
      browser.switchTo().newWindow(WindowType.TAB);
      browser.get(designer.url());
      step("run");
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("run-summary"), "Journal: paced."));
      assertThat(figure("written")).isEqualTo("3");
      browser.close();
      browser.switchTo().window(first);
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.id("run-summary"), "Journal: paced."));
    } finally {
      throttle("{\"tstu\": 0}");
    }
    assertThat(figure("read")).isEqualTo("4");
    assertThat(figure("written")).isEqualTo("3");
    assertThat(figure("rejected")).isEqualTo("1");
    assertThat(figure("retries")).containsOnlyDigits();
    assertThat(figure("throttled")).containsOnlyDigits();
    assertThat(figure("paced")).startsWith("at ").contains("TSTU/s (budget 6 TSTU /");
    assertThat(browser.findElement(By.id("run-progress")).getText()).contains("paced at ");
    Chromium.screenshot(browser, "5-run-paced");
  }

  @Test
  @Order(11)
  void mapsATemplateOfColumnsToAFieldKeptInTheJobFileAndLoadedBack() throws Exception {
    step("jobfile");
    WebElement name = browser.findElement(By.id("job-name"));
    name.clear();
    name.sendKeys("templated.yaml");
    step("mapping");
    browser.findElement(By.id("templates")).sendKeys("{Key}: {Title}=System.Description");
    browser.findElement(By.id("check-plan")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("plan-result"), "The plan is good"));
    assertThat(browser.findElement(By.id("plan-lines")).getText()).contains("System.Description");

    step("jobfile");
    browser.findElement(By.id("save-job")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("job-result"), "templated.yaml"));
    Path job = designer.workspace().resolve("templated.yaml");
    assertThat(ImportJob.fromYaml(job).mapping().mappings())
        .extracting(m -> m.origin())
        .contains("--map {Key}: {Title}=System.Description", "--map Title=System.Title");

    step("mapping");
    browser.findElement(By.id("templates")).clear();
    step("jobfile");
    new Select(browser.findElement(By.id("job-load"))).selectByValue("templated.yaml");
    browser.findElement(By.id("load-job")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("job-result"), "Loaded templated.yaml"));
    assertThat(browser.findElement(By.id("templates")).getDomProperty("value"))
        .isEqualTo("{Key}: {Title}=System.Description");
  }

  @Test
  @Order(12)
  void fitsANarrowWindowWithoutScrollingSideways() {
    browser.manage().window().setSize(new Dimension(400, 800));
    step("mapping");
    Long overflow =
        (Long)
            browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(overflow).isLessThanOrEqualTo(0L);
    browser.manage().window().setSize(new Dimension(1280, 800));
  }

  // Goes to a step with the keyboard, as a person without a mouse would.
  static void step(String name) {
    WebElement button =
        browser.findElement(By.cssSelector("#steps button[data-step='" + name + "']"));
    button.sendKeys(Keys.ENTER);
    wait.until(d -> d.findElement(By.id("step-" + name)).isDisplayed());
  }

  static String figure(String name) {
    return browser
        .findElement(By.cssSelector("#run-figures [data-figure='" + name + "'] dd"))
        .getText();
  }

  // Sets the emulator's TSTU throttle through its control API, as an operator would.
  static void throttle(String settings) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/throttle"))
                    .header("Authorization", "Bearer " + emulator.config().adminToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(settings))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static List<String> cells(String css) {
    return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  static String selectValue(By select) {
    return browser.findElement(select).getDomProperty("value");
  }

  static AzdoClient client(Path job) {
    Map<String, String> connection =
        JobConnection.settings(ImportJob.fromYaml(job).connection(), job.getParent());
    return AzdoClient.create(
        ConnectionConfig.resolve(Map.of(), connection, Map.of(), profiles).orThrow());
  }

  // Finds a form control by the text of its label, as a person reads the form.
  static WebElement byLabel(String text) {
    WebElement label =
        browser.findElement(By.xpath("//label[normalize-space(text())='" + text + "']"));
    return browser.findElement(By.id(label.getDomAttribute("for")));
  }
}
