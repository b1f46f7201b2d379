package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A normal run prints only azdo's own lines: no library warnings, no ANSI codes. */
class QuietOutputTest {
  @TempDir Path dir;

  @Test
  void anExcelImportPrintsNoLog4jWarningAndNoAnsiCodes() throws Exception {
    Path xlsx = dir.resolve("tasks.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(xlsx)) {
      Sheet sheet = wb.createSheet("Tasks");
      Row header = sheet.createRow(0);
      header.createCell(0).setCellValue("Key");
      header.createCell(1).setCellValue("Title");
      for (int i = 1; i <= 3; i++) {
        Row row = sheet.createRow(i);
        row.createCell(0).setCellValue("T-" + i);
        row.createCell(1).setCellValue("Task " + i);
      }
      wb.write(out);
    }

    CliProcess.Result r =
        CliProcess.run(
            Map.of("AZDO_CONFIG_DIR", dir.resolve("config").toString()),
            "import",
            xlsx.toString(),
            "--embedded-emulator",
            "--type",
            "Task",
            "--map",
            "Title=System.Title",
            "--key",
            "Key",
            "--progress",
            "none");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("written 3");
    assertThat(r.out() + r.err())
        .doesNotContain("Log4j")
        .doesNotContain("logging provider")
        .doesNotContain("SLF4J")
        .doesNotContain("\u001b");
  }
}
