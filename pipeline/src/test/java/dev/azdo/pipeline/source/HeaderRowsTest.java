package dev.azdo.pipeline.source;

import static dev.azdo.pipeline.source.SourceRows.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.pipeline.config.SourceKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 4: header rows below titles, rows skipped after them, merged header cells. */
class HeaderRowsTest {
  @TempDir Path dir;

  @Test
  void aCsvHeaderBelowTitleLinesAndRowsSkippedAfterItKeepTheirRowNumbers() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("report.csv"),
            "Sprint report,,\n\"exported 2024-03-01, by Ann\"\n\nKey,Title,Due\n(units),,(date)\n"
                + "B-1,First,2024-03-01\nB-2,Second,\n");
    List<SourceRow> rows = readAll(CsvSource.open(file, StandardCharsets.UTF_8, ',', 3, 1));
    assertThat(rows.get(0).schema().columns()).containsExactly("Key", "Title", "Due");
    assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L);
    assertThat(rows).extracting(r -> r.get("Key")).containsExactly("B-1", "B-2");
  }

  @Test
  void aJobsLimitReadsOnlyTheFirstRowsAfterTheSkippedOnes() throws IOException {
    Path file = Files.writeString(dir.resolve("many.csv"), "Key\n(units)\nB-1\nB-2\nB-3\nB-4\n");
    dev.azdo.pipeline.ImportJob job =
        dev.azdo.pipeline.ImportJob.builder(file.toString())
            .set(SourceKeys.SKIP_ROWS, "1")
            .set(SourceKeys.LIMIT, "2")
            .project("P")
            .build();
    List<SourceRow> rows = readAll(Sources.open(job.source()));
    assertThat(rows).extracting(r -> r.get("Key")).containsExactly("B-1", "B-2");
    assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L);
  }

  @Test
  void aCsvHeaderRowPastTheEndIsOneClearError() throws IOException {
    Path file = Files.writeString(dir.resolve("short.csv"), "a,b\nc,d\n");
    assertThatThrownBy(() -> CsvSource.open(file, StandardCharsets.UTF_8, ',', 5, 0))
        .isInstanceOf(SourceException.class)
        .hasMessage("short.csv: --header-row 5: the file has only 2 rows");
  }

  @Test
  void aSheetHeaderBelowAMergedTitleTakesMergedHeaderCellsForEveryColumnTheySpan()
      throws IOException {
    Path file = dir.resolve("report.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = wb.createSheet("Report");
      sheet.createRow(0).createCell(0).setCellValue("Sprint 12 report");
      sheet.addMergedRegion(CellRangeAddress.valueOf("A1:E1"));
      Row header = sheet.createRow(2);
      header.createCell(0).setCellValue("Key");
      header.createCell(1).setCellValue("Labels");
      header.createCell(4).setCellValue("Due");
      sheet.addMergedRegion(CellRangeAddress.valueOf("B3:D3"));
      sheet.createRow(3).createCell(4).setCellValue("(serial)");
      Row data = sheet.createRow(4);
      data.createCell(0).setCellValue("R-1");
      data.createCell(1).setCellValue("ui");
      data.createCell(3).setCellValue("backend");
      data.createCell(4).setCellValue(45352);
      wb.write(out);
    }
    try (ExcelSource source = ExcelSource.open(file, null, 3, 1)) {
      assertThat(source.schema().columns())
          .containsExactly("Key", "Labels", "Labels", "Labels", "Due");
      SourceRow row = source.next();
      assertThat(row.rowNumber()).isEqualTo(2);
      assertThat(row.get("Key")).isEqualTo("R-1");
      assertThat(row.get("Labels[3]")).isEqualTo("backend");
      assertThat(row.get("Due")).isEqualTo("45352");
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void aHeaderCellMergedDownFromTheRowAboveTakesItsValue() throws IOException {
    Path file = dir.resolve("two-rows.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = wb.createSheet("Items");
      Row group = sheet.createRow(0);
      group.createCell(0).setCellValue("Key");
      group.createCell(1).setCellValue("Work");
      sheet.addMergedRegion(CellRangeAddress.valueOf("A1:A2"));
      sheet.addMergedRegion(CellRangeAddress.valueOf("B1:C1"));
      Row names = sheet.createRow(1);
      names.createCell(1).setCellValue("Title");
      names.createCell(2).setCellValue("State");
      Row data = sheet.createRow(2);
      data.createCell(0).setCellValue("K-1");
      data.createCell(1).setCellValue("Login");
      data.createCell(2).setCellValue("Active");
      wb.write(out);
    }
    try (ExcelSource source = ExcelSource.open(file, "Items", 2, 0)) {
      assertThat(source.schema().columns()).containsExactly("Key", "Title", "State");
      SourceRow row = source.next();
      assertThat(row.rowNumber()).isEqualTo(1);
      assertThat(row.get("State")).isEqualTo("Active");
    }
  }

  @Test
  void anEmptySheetHeaderRowIsOneClearError() throws IOException {
    Path file = dir.resolve("gap.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = wb.createSheet("S");
      sheet.createRow(0).createCell(0).setCellValue("title");
      sheet.createRow(3).createCell(0).setCellValue("data");
      wb.write(out);
    }
    assertThatThrownBy(() -> ExcelSource.open(file, null, 2, 0))
        .isInstanceOf(SourceException.class)
        .hasMessage("gap.xlsx: --header-row 2: row 2 of the sheet is empty");
  }
}
