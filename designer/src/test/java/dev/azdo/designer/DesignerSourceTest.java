package dev.azdo.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.ProfileStore;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.Sources;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Source step's own controls in headless Chromium: an .xlsx workbook's sheet picker and header
 * row, and a database's JDBC URL, query, user and password, with the preview following them, kept
 * in the saved job file (the password only by the variable naming it) and loaded back. No service
 * is needed to look at a source.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesignerSourceTest {
  @TempDir static Path dir;
  static Designer designer;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() {
    Path work = dir.resolve("work");
    designer =
        Designer.builder()
            .port(0)
            .workspace(work)
            .profiles(new ProfileStore(dir.resolve("config")))
            .env(Map.of())
            .build()
            .start();
    browser = Chromium.start(dir.resolve("chromium-profile"));
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(designer.url());
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (designer != null) {
      designer.close();
    }
  }

  @Test
  @Order(1)
  void listsTheWorkbooksSheetsAndReadsTheChosenOneFromItsHeaderRow() throws Exception {
    Path xlsx = workbook(dir.resolve("export.xlsx"));
    step("source");
    assertThat(browser.findElement(By.id("xlsx-options")).isDisplayed()).isFalse();
    browser.findElement(By.id("source-upload")).sendKeys(xlsx.toString());
    wait.until(d -> d.findElement(By.id("xlsx-options")).isDisplayed());
    Select sheet = new Select(browser.findElement(By.id("source-sheet")));
    assertThat(sheet.getOptions())
        .extracting(WebElement::getText)
        .containsExactly("(the first sheet)", "Notes", "Bugs");
    // The first sheet is read until another is chosen.
    wait.until(d -> text("source-table").contains("ignore me"));

    sheet.selectByVisibleText("Bugs");
    wait.until(d -> text("source-table").contains("Bug export"));
    WebElement headerRow = browser.findElement(By.id("source-header-row"));
    headerRow.sendKeys("3", Keys.TAB);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("source-result"), "3 columns"));
    assertThat(cells("#source-table th")).containsExactly("Key", "Title", "Priority");
    assertThat(cells("#source-table td")).startsWith("B-1", "Login fails", "1");
    assertThat(text("source-table")).doesNotContain("Bug export", "exported by");
    assertThat(sheet.getFirstSelectedOption().getText()).isEqualTo("Bugs");
    Chromium.screenshot(browser, "2-source-xlsx");

    // Saved as the job's source keys, which azdo run reads the same way.
    step("jobfile");
    WebElement name = browser.findElement(By.id("job-name"));
    name.clear();
    name.sendKeys("workbook.yaml");
    browser.findElement(By.id("save-job")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-result"), "Saved"));
    SourceOptions saved =
        ImportJob.fromYaml(
                designer.workspace().resolve("workbook.yaml"), Map.of(JobConfig.PROJECT, "Demo"))
            .source();
    assertThat(saved.sheet()).isEqualTo("Bugs");
    assertThat(saved.headerRow()).isEqualTo(3);
  }

  @Test
  @Order(2)
  void loadsTheSheetAndHeaderRowBackFromTheJobFile() {
    browser.get(designer.url());
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    step("jobfile");
    new Select(browser.findElement(By.id("job-load"))).selectByValue("workbook.yaml");
    browser.findElement(By.id("load-job")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("job-result"), "Loaded workbook.yaml"));
    step("source");
    assertThat(new Select(browser.findElement(By.id("source-sheet"))).getOptions())
        .extracting(WebElement::getText)
        .containsExactly("(the first sheet)", "Notes", "Bugs");
    assertThat(browser.findElement(By.id("source-sheet")).getDomProperty("value"))
        .isEqualTo("Bugs");
    assertThat(browser.findElement(By.id("source-header-row")).getDomProperty("value"))
        .isEqualTo("3");
    assertThat(cells("#source-table th")).containsExactly("Key", "Title", "Priority");
  }

  @Test
  @Order(3)
  void previewsAJdbcQueryWithAPasswordThatIsNeverShownNorWritten() throws Exception {
    String url = "jdbc:h2:mem:designer-bugs;DB_CLOSE_DELAY=-1";
    String password = "h2-Pa55-w0rd";
    // The database exists with its own user and password (the first connection creates them).
    try (Connection db = DriverManager.getConnection(url, "app", password);
        Statement st = db.createStatement()) {
      st.execute("CREATE TABLE bugs (id INT PRIMARY KEY, title VARCHAR(80), points INT)");
      for (int i = 1; i <= 12; i++) {
        st.execute("INSERT INTO bugs VALUES (" + i + ", 'Bug number " + i + "', " + i % 5 + ")");
      }
    }
    step("source");
    new Select(browser.findElement(By.id("source-kind"))).selectByValue("jdbc");
    assertThat(browser.findElement(By.id("source-upload")).isDisplayed()).isFalse();
    browser.findElement(By.id("jdbc-url")).sendKeys(url);
    browser
        .findElement(By.id("jdbc-query"))
        .sendKeys("SELECT id AS \"Key\", title AS \"Title\", points FROM bugs ORDER BY id");
    browser.findElement(By.id("jdbc-user")).sendKeys("app");
    // Without the password the database refuses, in one line.
    browser.findElement(By.id("source-preview")).click();
    wait.until(d -> d.findElement(By.id("source-result")).getDomAttribute("class").contains("bad"));
    assertThat(text("source-result")).containsIgnoringCase("password");

    WebElement secret = browser.findElement(By.id("jdbc-password"));
    assertThat(secret.getDomAttribute("type")).isEqualTo("password");
    secret.sendKeys(password);
    browser.findElement(By.id("source-preview")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("source-result"), "3 columns"));
    assertThat(cells("#source-table th")).containsExactly("Key", "Title", "POINTS");
    // The first rows only; the password left the form once sent and is not in the page.
    assertThat(browser.findElements(By.cssSelector("#source-table tr"))).hasSize(11);
    assertThat(cells("#source-table td")).startsWith("1", "Bug number 1", "1");
    assertThat(secret.getDomProperty("value")).isEmpty();
    assertThat(secret.getDomAttribute("placeholder")).contains("DB_PASSWORD");
    assertThat(browser.getPageSource()).doesNotContain(password);
    browser.executeScript(
        "document.getElementById('source-jdbc').scrollIntoView({block: 'start'});");
    Chromium.screenshot(browser, "2-source-jdbc");
    // The designer keeps it for this start: a second preview needs no retyping.
    WebElement query = browser.findElement(By.id("jdbc-query"));
    query.clear();
    query.sendKeys("SELECT id AS \"Key\", title AS \"Title\" FROM bugs ORDER BY id");
    browser.findElement(By.id("source-preview")).click();
    wait.until(d -> text("source-result").contains("2 columns"));

    // The job file names the variable, never the password; azdo run reads it from there.
    step("jobfile");
    WebElement name = browser.findElement(By.id("job-name"));
    name.clear();
    name.sendKeys("database.yaml");
    browser.findElement(By.id("save-job")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-result"), "Saved"));
    Path job = designer.workspace().resolve("database.yaml");
    String yaml = Files.readString(job);
    assertThat(yaml).contains("password-env: DB_PASSWORD").contains("user: app");
    assertThat(yaml).doesNotContain(password);
    assertThat(text("job-yaml")).doesNotContain(password);
    ImportJob run =
        ImportJob.fromYaml(
            job, Map.of(JobConfig.PROJECT, "Demo"), Map.of("DB_PASSWORD", password)::get);
    try (RowSource rows = Sources.open(run.source())) {
      assertThat(rows.schema().columns()).containsExactly("Key", "Title");
      assertThat(rows.next().get(1)).isEqualTo("Bug number 1");
    }
    try (var files = Files.walk(designer.workspace())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(password);
      }
    }

    // Loaded back, the page shows the database source and no password.
    browser.get(designer.url());
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    step("jobfile");
    new Select(browser.findElement(By.id("job-load"))).selectByValue("database.yaml");
    browser.findElement(By.id("load-job")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("job-result"), "Loaded database.yaml"));
    step("source");
    assertThat(browser.findElement(By.id("source-jdbc")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("jdbc-url")).getDomProperty("value")).isEqualTo(url);
    assertThat(browser.findElement(By.id("jdbc-password")).getDomProperty("value")).isEmpty();
    wait.until(d -> text("source-result").contains("2 columns"));
    assertThat(browser.getPageSource()).doesNotContain(password);
  }

  // A workbook whose first sheet is notes and whose second has two title rows above its header.
  static Path workbook(Path file) throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("ignore me");
      Sheet bugs = wb.createSheet("Bugs");
      bugs.createRow(0).createCell(0).setCellValue("Bug export");
      bugs.createRow(1).createCell(0).setCellValue("exported by the tracker");
      String[][] rows = {
        {"Key", "Title", "Priority"}, {"B-1", "Login fails", "1"}, {"B-2", "Crash on save", "2"}
      };
      for (int r = 0; r < rows.length; r++) {
        Row row = bugs.createRow(2 + r);
        for (int c = 0; c < rows[r].length; c++) {
          row.createCell(c).setCellValue(rows[r][c]);
        }
      }
      wb.write(out);
    }
    return file;
  }

  static void step(String name) {
    browser.findElement(By.cssSelector("#steps button[data-step='" + name + "']")).click();
    wait.until(d -> d.findElement(By.id("step-" + name)).isDisplayed());
  }

  static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  static List<String> cells(String css) {
    return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }
}
