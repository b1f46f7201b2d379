package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.ImportTask;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.SourceKeys;
import dev.azdo.pipeline.mapping.ImportPlan;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.CsvSource;
import dev.azdo.pipeline.source.SourceRow;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: exports from other tools imported without preprocessing, through the real client into
 * the emulator; every row is read back with its expected field values, or rejected with a reason
 * that says what to do.
 */
class RealWorldExportsAcceptanceTest {
  @TempDir Path dir;

  @Test
  void valueMapsAndAnIdentityMapTurnAnotherToolsValuesIntoAzureDevOpsOnes() throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("issues.csv"),
            "Key,Summary,Issue Type,Status,Priority,Assignee\n"
                + "J-1,Login fails,Story,In Progress,High,alice.jira\n"
                + "J-2,Crash on save,Bug,Done,Highest,Bob B\n"
                + "J-3,Write docs,Task,To Do,Low,Zed Unknown\n"
                + "J-4,Ship it,Epic,In Progress,Medium,carol@example.com\n");
    Path people =
        Files.writeString(
            dir.resolve("people.csv"),
            "from,to\nalice.jira,alice@example.com\nBob B,Bob Builder\nCarol,carol@example.com\n");
    Path priorities =
        Files.writeString(dir.resolve("priorities.csv"), "Highest,1\nHigh,2\nMedium,3\nLow,4\n");
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job =
          job(csv)
              .set(JobConfig.VALUE_MAP, "System.WorkItemType:Story=User Story")
              .set(JobConfig.VALUE_MAP, "Work Item Type:Bug=Bug")
              .set(JobConfig.VALUE_MAP, "Work Item Type:Task=Task")
              .set(JobConfig.VALUE_MAP, "System.State:in progress=Active")
              .set(JobConfig.VALUE_MAP, "System.State:done=Closed")
              .set(JobConfig.VALUE_MAP, "System.State:to do=New")
              .set(JobConfig.VALUE_MAP_IGNORE_CASE, "true")
              .set(JobConfig.VALUE_MAP_STRICT, "System.WorkItemType")
              .set(JobConfig.VALUE_MAP_FILE, "Priority=" + priorities)
              .set(JobConfig.IDENTITY_MAP, people.toString())
              .set(JobConfig.UNKNOWN_IDENTITY, "as=Erin Evans")
              .build();
      AtomicReference<ImportPlan> plan = new AtomicReference<>();
      RunSummary summary = ImportTask.builder(job, client).onWorkItemPlan(plan::set).build().run();

      assertThat(rejectionLines(dir.resolve("rejects.csv"))).hasSize(1);
      assertThat(summary.writtenCount()).isEqualTo(3);
      assertThat(summary.rejectedCount()).isEqualTo(1);
      Map<String, JsonNode> items = itemsByKey(client);
      assertThat(items).containsOnlyKeys("J-1", "J-2", "J-3");
      assertFields(items.get("J-1"), "User Story", "Active", 2, "Alice Admin <alice@example.com>");
      assertFields(items.get("J-2"), "Bug", "Closed", 1, "Bob Builder <bob@example.com>");
      assertFields(items.get("J-3"), "Task", "New", 4, "Erin Evans <erin@example.com>");
      assertThat(rejectionLines(dir.resolve("rejects.csv")))
          .containsExactly(
              "row 4 J-4, column \"Issue Type\": \"Epic\" has no entry in the value map of"
                  + " System.WorkItemType (Work Item Type) (known: Story, Bug, Task); add"
                  + " --value-map \"System.WorkItemType:Epic=VALUE\"");
      assertThat(plan.get().report())
          .contains("unknown identities (written as Erin Evans): 'Zed Unknown' 1 row");
    }
  }

  @Test
  void aSqliteTableWithDatetimeTextColumnsIsReadWithoutADateFormat() throws Exception {
    Path db = dir.resolve("tasks.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE tasks (id TEXT, title TEXT, started DATETIME, finished DATETIME)");
      st.execute(
          "INSERT INTO tasks VALUES ('T-1', 'Schema', '2024-02-03 14:22:05', '2024-02-10 09:00:00'),"
              + " ('T-2', 'Seed data', '2024-02-04 08:15:30.500', NULL),"
              + " ('T-3', 'Bad date', 'next week', NULL)");
    }
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job =
          ImportJob.builder("jdbc:sqlite:" + db)
              .set(SourceKeys.QUERY, "SELECT id, title, started, finished FROM tasks ORDER BY id")
              .project("Demo")
              .type("Task")
              .map("title=System.Title")
              .map("started=Start Date")
              .map("finished=Finish Date")
              .key("id")
              .rejects(dir.resolve("rejects.csv"))
              .journal(dir.resolve("tasks.journal"))
              .build();
      RunSummary summary = ImportTask.builder(job, client).build().run();

      assertThat(summary.writtenCount()).isEqualTo(2);
      Map<String, JsonNode> items = itemsByKey(client);
      assertThat(items.get("T-1").path("Microsoft.VSTS.Scheduling.StartDate").asText())
          .startsWith("2024-02-03T14:22:05");
      assertThat(items.get("T-1").path("Microsoft.VSTS.Scheduling.FinishDate").asText())
          .startsWith("2024-02-10T09:00:00");
      assertThat(items.get("T-2").path("Microsoft.VSTS.Scheduling.StartDate").asText())
          .startsWith("2024-02-04T08:15:30.5");
      assertThat(rejectionLines(dir.resolve("rejects.csv"), "id"))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("row 3 T-3, column \"started\": \"next week\" is not a date: tried ISO-8601")
          .contains("--date-format");
    }
  }

  @Test
  void aCp1252CsvIsRejectedRowByRowWithoutEncodingAndWrittenIntactWithIt() throws Exception {
    String text =
        "Key,Summary,Issue Type,Status,Priority,Assignee\n"
            + "W-1,Caf\u00e9 menu,Bug,Done,High,Bob B\n"
            + "W-2,Plain title,Bug,Done,High,Bob B\n"
            + "W-3,\u201cQuoted\u201d \u2013 na\u00efve,Bug,Done,High,Bob B\n";
    Path csv = Files.write(dir.resolve("issues.csv"), text.getBytes("windows-1252"));
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      RunSummary utf8 = ImportTask.builder(jiraValues(job(csv)).build(), client).build().run();

      assertThat(utf8.writtenCount()).isEqualTo(1);
      assertThat(utf8.rejectedCount()).isEqualTo(2);
      assertThat(itemsByKey(client)).containsOnlyKeys("W-2");
      assertThat(rejectionLines(dir.resolve("rejects.csv")))
          .containsExactly(
              "row 1 W-1, column \"Summary\": line 2: byte 0xE9 is not valid UTF-8 (byte offset"
                  + " 55); use --encoding windows-1252? (it reads \"\u00e9\")",
              "row 3 W-3, column \"Summary\": line 4: byte 0x93 is not valid UTF-8 (byte offset"
                  + " 122); use --encoding windows-1252? (it reads \"\u201c\")");

      RunSummary cp1252 =
          ImportTask.builder(
                  jiraValues(job(csv)).set(SourceKeys.ENCODING, "windows-1252").build(), client)
              .build()
              .run();
      assertThat(cp1252.rejectedCount()).isZero();
      Map<String, JsonNode> items = itemsByKey(client);
      assertThat(items).containsOnlyKeys("W-1", "W-2", "W-3");
      assertThat(items.get("W-1").path("System.Title").asText()).isEqualTo("Caf\u00e9 menu");
      assertThat(items.get("W-3").path("System.Title").asText())
          .isEqualTo("\u201cQuoted\u201d \u2013 na\u00efve");
      assertThat(items.values()).allSatisfy(f -> assertThat(f.toString()).doesNotContain("\ufffd"));
    }
  }

  @Test
  void aWorkbookWithATitleRowAboveAMergedHeaderAndSerialDatesIsWrittenAsShown() throws Exception {
    Path xlsx = dir.resolve("sprint.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(xlsx)) {
      Sheet sheet = wb.createSheet("Sprint 12");
      sheet.createRow(0).createCell(0).setCellValue("Sprint 12 - exported 2024-03-01");
      sheet.addMergedRegion(CellRangeAddress.valueOf("A1:F1"));
      Row header = sheet.createRow(2);
      String[] names = {"Key", "Summary", "Labels", null, null, "Due", "Started"};
      for (int i = 0; i < names.length; i++) {
        if (names[i] != null) {
          header.createCell(i).setCellValue(names[i]);
        }
      }
      sheet.addMergedRegion(CellRangeAddress.valueOf("C3:E3"));
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("d-mmm-yy"));
      Object[][] rows = {
        {"S-1", "Schema", "db", null, "infra", 45352.0, LocalDate.of(2024, 2, 26)},
        {"S-2", "Seed data", null, "db", null, 45355.5, LocalDate.of(2024, 2, 27)},
      };
      for (int r = 0; r < rows.length; r++) {
        Row row = sheet.createRow(3 + r);
        for (int c = 0; c < rows[r].length; c++) {
          Object v = rows[r][c];
          if (v instanceof String s) {
            row.createCell(c).setCellValue(s);
          } else if (v instanceof Double d) {
            row.createCell(c).setCellValue(d);
          } else if (v instanceof LocalDate d) {
            row.createCell(c).setCellValue(d);
            row.getCell(c).setCellStyle(dateStyle);
          }
        }
      }
      wb.write(out);
    }
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job =
          ImportJob.builder(xlsx.toString())
              .set(SourceKeys.HEADER_ROW, "3")
              .project("Demo")
              .type("Task")
              .map("Summary=System.Title")
              .map("Labels=System.Tags")
              .map("Due=Finish Date")
              .map("Started=Start Date")
              .key("Key")
              .rejects(dir.resolve("rejects.csv"))
              .journal(dir.resolve("sprint.journal"))
              .build();
      RunSummary summary = ImportTask.builder(job, client).build().run();

      assertThat(summary.writtenCount()).isEqualTo(2);
      assertThat(summary.rejectedCount()).isZero();
      Map<String, JsonNode> items = itemsByKey(client);
      JsonNode s1 = items.get("S-1");
      assertThat(s1.path("System.Title").asText()).isEqualTo("Schema");
      assertThat(s1.path("System.Tags").asText()).contains("db").contains("infra");
      assertThat(s1.path("Microsoft.VSTS.Scheduling.FinishDate").asText())
          .startsWith("2024-03-01T00:00:00");
      assertThat(s1.path("Microsoft.VSTS.Scheduling.StartDate").asText())
          .startsWith("2024-02-26T00:00:00");
      JsonNode s2 = items.get("S-2");
      assertThat(s2.path("Microsoft.VSTS.Scheduling.FinishDate").asText())
          .startsWith("2024-03-04T12:00:00");
      assertThat(s2.path("System.Tags").asText()).startsWith("db;");
    }
  }

  @Test
  void theShippedJiraExportIsImportedAsJiraWroteIt() throws Exception {
    Path examples = Path.of("..", "examples").toRealPath();
    for (String name : List.of("jira-job.yaml", "jira.csv", "jira-people.csv")) {
      Files.copy(examples.resolve(name), dir.resolve(name));
    }
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client = Acceptance.client(emulator);
      ImportJob job = ImportJob.fromYaml(dir.resolve("jira-job.yaml"));
      RunSummary summary = ImportTask.builder(job, client).build().run();

      assertThat(summary.rejectedCount()).isZero();
      assertThat(summary.writtenCount()).isEqualTo(6);
      Map<String, JsonNode> items = itemsByKey(client);
      assertThat(items).containsOnlyKeys("10001", "10002", "10003", "10004", "10005", "10006");
      assertFields(items.get("10001"), "Epic", "Active", 2, "Alice Admin <alice@example.com>");
      assertFields(
          items.get("10002"), "User Story", "Active", 1, "Alice Admin <alice@example.com>");
      assertFields(items.get("10003"), "Bug", "New", 3, "Bob Builder <bob@example.com>");
      assertFields(items.get("10004"), "Task", "Closed", 4, "Carol Chen <carol@example.com>");
      assertThat(items.get("10005").path("System.AssignedTo").isMissingNode()).isTrue();
      // Zed Unknown is not in the identity map: unknown-identity: clear.
      assertThat(items.get("10006").path("System.AssignedTo").isMissingNode()).isTrue();
      assertThat(tags(items.get("10002"))).containsExactlyInAnyOrder("checkout", "payments");
      assertThat(tags(items.get("10006"))).containsExactlyInAnyOrder("payments", "backend");
      assertThat(items.get("10002").path("System.IterationPath").asText())
          .isEqualTo("Demo\\Sprint 2");
      assertThat(items.get("10003").path("System.IterationPath").asText())
          .isEqualTo("Demo\\Sprint 2");
      assertThat(items.get("10004").path("Microsoft.VSTS.Scheduling.FinishDate").asText())
          .startsWith("2024-03-12T15:04:00");
      Map<String, Integer> ids = idsByKey(client);
      assertThat(parentId(items.get("10002"))).isEqualTo(ids.get("10001"));
      assertThat(parentId(items.get("10003"))).isEqualTo(ids.get("10002"));
      assertThat(parentId(items.get("10004"))).isEqualTo(ids.get("10002"));
      assertThat(parentId(items.get("10005"))).isEqualTo(ids.get("10001"));
      assertThat(items.get("10006").path("System.Parent").isMissingNode()).isTrue();
    }
  }

  private static List<String> tags(JsonNode fields) {
    return java.util.Arrays.stream(fields.path("System.Tags").asText().split(";"))
        .map(String::strip)
        .filter(t -> MappingSpec.keyOfTag(t) == null)
        .toList();
  }

  private static int parentId(JsonNode fields) {
    return fields.path("System.Parent").asInt();
  }

  private static ImportJob.Builder jiraValues(ImportJob.Builder job) {
    return job.set(JobConfig.VALUE_MAP, "System.State:Done=Closed")
        .set(JobConfig.VALUE_MAP, "Priority:High=2")
        .set(JobConfig.VALUE_MAP, "Assigned To:Bob B=Bob Builder");
  }

  private ImportJob.Builder job(Path csv) {
    return ImportJob.builder(csv.toString())
        .project("Demo")
        .map("Summary=System.Title")
        .map("Issue Type=System.WorkItemType")
        .map("Status=System.State")
        .map("Priority=Priority")
        .map("Assignee=Assigned To")
        .key("Key")
        .rejects(dir.resolve("rejects.csv"))
        .journal(dir.resolve("issues.journal"));
  }

  private static void assertFields(
      JsonNode fields, String type, String state, int priority, String assignee) {
    assertThat(fields.path("System.WorkItemType").asText()).isEqualTo(type);
    assertThat(fields.path("System.State").asText()).isEqualTo(state);
    assertThat(fields.path("Microsoft.VSTS.Common.Priority").asInt()).isEqualTo(priority);
    JsonNode who = fields.path("System.AssignedTo");
    String shown =
        who.isObject()
            ? who.path("displayName").asText() + " <" + who.path("uniqueName").asText() + ">"
            : who.asText();
    assertThat(shown).isEqualTo(assignee);
  }

  /** Every work item of project Demo by its import key, as the service returns its fields. */
  static Map<String, JsonNode> itemsByKey(AzdoClient client) {
    Map<String, JsonNode> byKey = new TreeMap<>();
    keyed(client).forEach((key, item) -> byKey.put(key, item.fields()));
    return byKey;
  }

  /** Every work item of project Demo by its import key: its id. */
  static Map<String, Integer> idsByKey(AzdoClient client) {
    Map<String, Integer> byKey = new TreeMap<>();
    keyed(client).forEach((key, item) -> byKey.put(key, item.id()));
    return byKey;
  }

  private static Map<String, WorkItem> keyed(AzdoClient client) {
    List<Integer> ids =
        client
            .queryIds(
                "Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project")
            .ids();
    Map<String, WorkItem> byKey = new TreeMap<>();
    for (Integer id : ids) {
      WorkItem item = client.getWorkItem(id);
      for (String tag : item.field("System.Tags").asText().split(";")) {
        String key = MappingSpec.keyOfTag(tag.strip());
        if (key != null) {
          byKey.put(key, item);
        }
      }
    }
    return byKey;
  }

  /** "row N KEY, column "C": reason" per rejected row, sorted. */
  static List<String> rejectionLines(Path file) throws Exception {
    return rejectionLines(file, "Key");
  }

  /** The same, for a key column of another name. */
  static List<String> rejectionLines(Path file, String keyColumn) throws Exception {
    List<String> lines = new ArrayList<>();
    try (CsvSource rejects = CsvSource.open(file, StandardCharsets.UTF_8, ',')) {
      SourceRow row;
      while ((row = rejects.next()) != null) {
        lines.add(
            "row "
                + row.get("rejected_row")
                + " "
                + row.get(keyColumn)
                + (row.get("rejected_column").isEmpty()
                    ? ""
                    : ", column \"" + row.get("rejected_column") + "\"")
                + ": "
                + row.get("rejected_reason"));
      }
    }
    lines.sort(null);
    return lines;
  }
}
