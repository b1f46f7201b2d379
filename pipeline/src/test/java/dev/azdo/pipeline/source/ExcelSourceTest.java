package dev.azdo.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelSourceTest {
  @TempDir Path dir;

  private Path workbook() throws IOException {
    Path file = dir.resolve("bugs.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("ignore me");
      Sheet sheet = wb.createSheet("Bugs");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle stamp = wb.createCellStyle();
      stamp.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
      Row header = sheet.createRow(0);
      String[] names = {"Key", "Title", "Due", "Points", "Blocked", "Changed", "Total"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      Row r1 = sheet.createRow(1);
      r1.createCell(0).setCellValue("B-1");
      r1.createCell(1).setCellValue("Crash\non save");
      r1.createCell(2).setCellValue(LocalDate.of(2024, 3, 1));
      r1.getCell(2).setCellStyle(date);
      r1.createCell(3).setCellValue(3);
      r1.createCell(4).setCellValue(true);
      r1.createCell(5).setCellValue(LocalDateTime.of(2024, 3, 1, 9, 30));
      r1.getCell(5).setCellStyle(stamp);
      r1.createCell(6).setCellFormula("D2*2");
      // Row 3 is left blank; row 4 skips column B.
      Row r3 = sheet.createRow(3);
      r3.createCell(0).setCellValue("B-2");
      r3.createCell(3).setCellValue(2.5);
      wb.setForceFormulaRecalculation(false);
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      wb.write(out);
    }
    return file;
  }

  @Test
  void readsSheetByNameWithIsoDatesNumbersBooleansAndFormulaValues() throws IOException {
    try (ExcelSource source = ExcelSource.open(workbook(), "Bugs")) {
      assertThat(source.schema().columns())
          .containsExactly("Key", "Title", "Due", "Points", "Blocked", "Changed", "Total");
      SourceRow first = source.next();
      assertThat(first.rowNumber()).isEqualTo(1);
      assertThat(first.asMap())
          .containsEntry("Title", "Crash\non save")
          .containsEntry("Due", "2024-03-01")
          .containsEntry("Points", "3")
          .containsEntry("Blocked", "true")
          .containsEntry("Changed", "2024-03-01T09:30:00")
          .containsEntry("Total", "6");
      SourceRow second = source.next();
      assertThat(second.rowNumber()).isEqualTo(3);
      assertThat(second.get("Title")).isNull();
      assertThat(second.get("Points")).isEqualTo("2.5");
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void picksSheetByOneBasedPositionAndDefaultsToTheFirst() throws IOException {
    Path file = workbook();
    try (ExcelSource second = ExcelSource.open(file, "2")) {
      assertThat(second.schema().columns()).startsWith("Key", "Title");
    }
    try (ExcelSource first = ExcelSource.open(file, null)) {
      assertThat(first.schema().columns()).containsExactly("ignore me");
    }
  }

  @Test
  void unknownSheetNamesTheSheetsThatExist() throws IOException {
    Path file = workbook();
    assertThatThrownBy(() -> ExcelSource.open(file, "Tasks"))
        .isInstanceOf(SourceException.class)
        .hasMessage("bugs.xlsx: no sheet \"Tasks\" (sheets: Notes, Bugs)");
  }

  @Test
  void listsTheSheetNamesInTheirOrder() throws IOException {
    assertThat(ExcelSource.sheetNames(workbook())).containsExactly("Notes", "Bugs");
    Path notAWorkbook = Files.writeString(dir.resolve("notes.xlsx"), "Key,Title\n");
    assertThatThrownBy(() -> ExcelSource.sheetNames(notAWorkbook))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("notes.xlsx: not a readable .xlsx workbook");
  }

  @Test
  void streamsALargeSheetWrittenWithSharedStrings() throws IOException {
    Path file = dir.resolve("big.xlsx");
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100);
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = wb.createSheet("Data");
      sheet.createRow(0).createCell(0).setCellValue("Key");
      for (int i = 1; i <= 20_000; i++) {
        sheet.createRow(i).createCell(0).setCellValue("K" + i);
      }
      wb.write(out);
    }
    long count = 0;
    SourceRow last = null;
    try (ExcelSource source = ExcelSource.open(file, "Data")) {
      SourceRow row;
      while ((row = source.next()) != null) {
        count++;
        last = row;
      }
    }
    assertThat(count).isEqualTo(20_000);
    assertThat(last.get("Key")).isEqualTo("K20000");
  }

  @Test
  void notAWorkbookIsOneClearError() throws IOException {
    Path file = Files.writeString(dir.resolve("fake.xlsx"), "Key,Title\n");
    assertThatThrownBy(() -> ExcelSource.open(file, null))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("fake.xlsx: not a readable .xlsx workbook");
  }
}
