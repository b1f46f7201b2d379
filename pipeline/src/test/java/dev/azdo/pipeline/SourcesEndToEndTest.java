package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each source kind, imported into the emulator over HTTP: the same three rows land the same way.
 */
class SourcesEndToEndTest {
  static Emulator emulator;
  static AzdoClient client;
  @TempDir Path dir;

  private static final String[][] ROWS = {
    {"S-1", "First from %s", "1", "alpha"},
    {"S-2", "Second from %s", "2", "beta; gamma"},
    {"S-3", "Third, with a comma, from %s", "3", ""}
  };

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    client =
        AzdoClient.create(
            ConnectionConfig.parse(
                    Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                    Map.of())
                .orThrow());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  /** Imports the source with the same mapping and returns title -> [priority, tags]. */
  private Map<String, List<String>> importAndRead(SourceOptions source, String kind) {
    ImportJob job =
        ImportJob.builder(source)
            .project("Demo")
            .type("Task")
            .map("Title=System.Title")
            .map("Priority=Microsoft.VSTS.Common.Priority")
            .map("Tags=System.Tags")
            .set("System.Description=imported from " + kind)
            .key("Key")
            .rejects(dir.resolve(kind + ".rejects.csv"))
            .journal(dir.resolve(kind + ".journal"))
            .build();
    RunSummary summary = Importer.run(job, client, OutputStream.nullOutputStream(), null, null);
    assertThat(summary)
        .hasToString(
            "read 3, written 3, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    List<Integer> ids =
        client
            .queryIds(
                "Demo",
                "SELECT [System.Id] FROM WorkItems WHERE [System.Description] CONTAINS 'imported from "
                    + kind
                    + "'")
            .ids();
    Map<String, List<String>> out = new TreeMap<>();
    for (WorkItem w :
        client.getWorkItems(
            ids, List.of("System.Title", "Microsoft.VSTS.Common.Priority", "System.Tags"))) {
      out.put(
          w.field("System.Title").asText(),
          List.of(
              w.field("Microsoft.VSTS.Common.Priority").asText(),
              w.field("System.Tags").asText("")));
    }
    return out;
  }

  private static Map<String, List<String>> expected(String kind) {
    Map<String, List<String>> out = new TreeMap<>();
    // Without a key field the key travels as a tag marker.
    out.put("First from " + kind, List.of("1", "alpha; import-key:S-1~1"));
    out.put("Second from " + kind, List.of("2", "beta; gamma; import-key:S-2~1"));
    out.put("Third, with a comma, from " + kind, List.of("3", "import-key:S-3~1"));
    return out;
  }

  private static String title(String[] row, String kind) {
    return String.format(row[1], kind);
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  @Test
  void csvAndTsv() throws Exception {
    StringBuilder csv = new StringBuilder("Key,Title,Priority,Tags\n");
    StringBuilder tsv = new StringBuilder("Key\tTitle\tPriority\tTags\n");
    for (String[] r : ROWS) {
      csv.append(String.join(",", r[0], quoted(title(r, "csv")), r[2], quoted(r[3]))).append('\n');
      tsv.append(String.join("\t", r[0], title(r, "tsv"), r[2], r[3])).append('\n');
    }
    Files.writeString(dir.resolve("rows.csv"), csv);
    Files.writeString(dir.resolve("rows.tsv"), tsv);
    assertThat(
            importAndRead(SourceOptions.builder(dir.resolve("rows.csv").toString()).build(), "csv"))
        .isEqualTo(expected("csv"));
    assertThat(
            importAndRead(SourceOptions.builder(dir.resolve("rows.tsv").toString()).build(), "tsv"))
        .isEqualTo(expected("tsv"));
  }

  @Test
  void jsonArrayAndNdjson() throws Exception {
    StringBuilder array = new StringBuilder("[");
    StringBuilder lines = new StringBuilder();
    for (String[] r : ROWS) {
      String json = "{\"Key\":\"%s\",\"Title\":\"%s\",\"Priority\":%s,\"Tags\":\"%s\"}";
      array
          .append(array.length() > 1 ? "," : "")
          .append(String.format(json, r[0], title(r, "json"), r[2], r[3]));
      lines.append(String.format(json, r[0], title(r, "ndjson"), r[2], r[3])).append('\n');
    }
    Files.writeString(dir.resolve("rows.json"), array.append(']'));
    Files.writeString(dir.resolve("rows.ndjson"), lines);
    assertThat(
            importAndRead(
                SourceOptions.builder(dir.resolve("rows.json").toString()).build(), "json"))
        .isEqualTo(expected("json"));
    assertThat(
            importAndRead(
                SourceOptions.builder(dir.resolve("rows.ndjson").toString()).build(), "ndjson"))
        .isEqualTo(expected("ndjson"));
  }

  @Test
  void excelSheetChosenByName() throws Exception {
    Path file = dir.resolve("rows.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("not this one");
      Sheet sheet = wb.createSheet("Tasks");
      Row header = sheet.createRow(0);
      String[] names = {"Key", "Title", "Priority", "Tags"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      for (int i = 0; i < ROWS.length; i++) {
        Row row = sheet.createRow(i + 1);
        row.createCell(0).setCellValue(ROWS[i][0]);
        row.createCell(1).setCellValue(title(ROWS[i], "xlsx"));
        row.createCell(2).setCellValue(Integer.parseInt(ROWS[i][2])); // a numeric cell
        row.createCell(3).setCellValue(ROWS[i][3]);
      }
      wb.write(out);
    }
    assertThat(importAndRead(SourceOptions.builder(file.toString()).sheet("Tasks").build(), "xlsx"))
        .isEqualTo(expected("xlsx"));
  }

  @Test
  void h2AndSqliteQueries() throws Exception {
    for (String kind : List.of("h2", "sqlite")) {
      String url =
          kind.equals("h2")
              ? "jdbc:h2:" + dir.resolve("tasks").toAbsolutePath()
              : "jdbc:sqlite:" + dir.resolve("tasks.db").toAbsolutePath();
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement()) {
        st.execute("create table tasks(k varchar(10), t varchar(200), p integer, g varchar(50))");
        for (String[] r : ROWS) {
          st.execute(
              String.format(
                  "insert into tasks values ('%s', '%s', %s, '%s')",
                  r[0], title(r, kind), r[2], r[3]));
        }
      }
      SourceOptions source =
          SourceOptions.builder(url)
              .query(
                  "select k as \"Key\", t as \"Title\", p as \"Priority\", g as \"Tags\""
                      + " from tasks order by k")
              .build();
      assertThat(importAndRead(source, kind)).isEqualTo(expected(kind));
    }
  }
}
