package dev.azdo.pipeline.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Reads one sheet of an .xlsx workbook as a stream of rows: the sheet XML is pulled with StAX so
 * only the shared strings and styles are held in memory, not the cells. The header is the first
 * non-empty row or the row asked for (rows above it are skipped); a merged header cell names every
 * column it spans. Date-formatted cells become ISO-8601 ({@code 2024-03-01} or {@code
 * 2024-03-01T09:30:00}), numbers read as Excel shows them unformatted, booleans as true/false,
 * formulas as their cached value.
 */
public final class ExcelSource implements RowSource {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private final String name;
  private final OPCPackage pkg;
  private final InputStream sheetStream;
  private final XMLStreamReader xml;
  private final ReadOnlySharedStringsTable strings;
  private final StylesTable styles;
  private final SourceSchema schema;
  private final boolean date1904;
  private final long headerRow;
  private final int skipRows;
  private long rowNumber;
  // A data row read while looking for an empty header row, handed out first.
  private List<String> pendingCells;
  private long pendingRow = -1;

  private ExcelSource(Path file, String sheet, int wantedHeaderRow, int skipRows) {
    this.name = file.getFileName().toString();
    this.skipRows = skipRows;
    try {
      this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw new SourceException(name + ": not a readable .xlsx workbook: " + e.getMessage(), e);
    }
    try {
      XSSFReader reader = new XSSFReader(pkg);
      this.strings = new ReadOnlySharedStringsTable(pkg);
      this.styles = reader.getStylesTable();
      this.date1904 = isDate1904(reader);
      XMLInputFactory factory = XMLInputFactory.newFactory();
      // Workbooks are untrusted input: no DTDs, no external entities.
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      // The sheet lists its merged cells after its rows: a first pass finds them for the header.
      List<CellRangeAddress> merged;
      try (InputStream first = openSheet(reader, sheet)) {
        merged = mergedCells(factory, first);
      }
      this.sheetStream = openSheet(reader, sheet);
      this.xml = factory.createXMLStreamReader(sheetStream);
      List<String> header = new ArrayList<>();
      // Rows at and above the header by sheet row, for merged cells whose value is above.
      Map<Long, List<String>> above = new HashMap<>();
      long found;
      if (wantedHeaderRow <= 0) {
        found = readRow(header);
        above.put(found, header);
      } else {
        found = -1;
        while (true) {
          List<String> cells = new ArrayList<>();
          long r = readRow(cells);
          if (r < 0 || r > wantedHeaderRow) {
            // The header row itself holds nothing of its own (all merged from above).
            pendingRow = r;
            pendingCells = cells;
            found = wantedHeaderRow;
            break;
          }
          above.put(r, cells);
          if (r == wantedHeaderRow) {
            header = cells;
            found = r;
            break;
          }
        }
      }
      if (found < 0) {
        throw new SourceException(
            name + ": sheet " + sheetLabel(sheet) + " is empty; expected a header row");
      }
      this.headerRow = found;
      applyMergedCells(header, found, merged, above);
      if (header.stream().allMatch(c -> c == null || c.isBlank())) {
        throw new SourceException(
            name + ": --header-row " + found + ": row " + found + " of the sheet is empty");
      }
      List<String> columns = new ArrayList<>(header.size());
      for (String column : header) {
        columns.add(column == null ? "" : column.strip());
      }
      while (!columns.isEmpty() && columns.get(columns.size() - 1).isEmpty()) {
        columns.remove(columns.size() - 1);
      }
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).isEmpty()) {
          // A blank header cell is named by its column letter, as Excel shows it.
          columns.set(i, "Column " + CellReference.convertNumToColString(i));
        }
      }
      this.schema = SourceSchema.of(columns);
    } catch (SourceException e) {
      closeQuietly();
      throw e;
    } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
      closeQuietly();
      throw new SourceException(name + ": cannot be read: " + e.getMessage(), e);
    } catch (org.xml.sax.SAXException e) {
      closeQuietly();
      throw new SourceException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a sheet of a workbook by name, or by 1-based position when {@code sheet} is a number;
   * null or blank opens the first sheet.
   */
  public static ExcelSource open(Path file, String sheet) {
    return new ExcelSource(file, sheet, 0, 0);
  }

  /**
   * Opens a sheet whose column names are in sheet row {@code headerRow} (1-based as Excel numbers
   * rows; 0 is the first non-empty row), skipping {@code skipRows} rows after it.
   */
  public static ExcelSource open(Path file, String sheet, int headerRow, int skipRows) {
    return new ExcelSource(file, sheet, headerRow, skipRows);
  }

  /** Returns the names of a workbook's sheets in their order (the designer's sheet picker). */
  public static List<String> sheetNames(Path file) {
    String name = file.getFileName().toString();
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw new SourceException(name + ": not a readable .xlsx workbook: " + e.getMessage(), e);
    }
    try {
      XSSFReader.SheetIterator sheets =
          (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
      List<String> names = new ArrayList<>();
      while (sheets.hasNext()) {
        sheets.next().close();
        names.add(sheets.getSheetName());
      }
      return names;
    } catch (OpenXML4JException | IOException | RuntimeException e) {
      throw new SourceException(name + ": not a readable .xlsx workbook: " + e.getMessage(), e);
    } finally {
      // Opened for reading: revert, as close() would try to save it.
      pkg.revert();
    }
  }

  private static List<CellRangeAddress> mergedCells(XMLInputFactory factory, InputStream sheet)
      throws XMLStreamException {
    List<CellRangeAddress> merged = new ArrayList<>();
    XMLStreamReader scan = factory.createXMLStreamReader(sheet);
    try {
      while (scan.hasNext()) {
        if (scan.next() == XMLStreamConstants.START_ELEMENT
            && "mergeCell".equals(scan.getLocalName())) {
          String ref = scan.getAttributeValue(null, "ref");
          if (ref != null) {
            merged.add(CellRangeAddress.valueOf(ref));
          }
        }
      }
    } finally {
      scan.close();
    }
    return merged;
  }

  // A merged cell's value is in its top left cell; every column it spans in the header takes it.
  private static void applyMergedCells(
      List<String> header,
      long headerRow,
      List<CellRangeAddress> merged,
      Map<Long, List<String>> above) {
    int row = (int) headerRow - 1;
    for (CellRangeAddress range : merged) {
      if (range.getFirstRow() > row || range.getLastRow() < row) {
        continue;
      }
      List<String> top = above.get((long) range.getFirstRow() + 1);
      String value =
          top == null || range.getFirstColumn() >= top.size()
              ? null
              : top.get(range.getFirstColumn());
      for (int c = range.getFirstColumn(); c <= range.getLastColumn(); c++) {
        while (header.size() <= c) {
          header.add(null);
        }
        header.set(c, value);
      }
    }
  }

  private static String sheetLabel(String sheet) {
    return sheet == null || sheet.isBlank() ? "1" : "\"" + sheet + "\"";
  }

  private static boolean isDate1904(XSSFReader reader) {
    try (InputStream workbook = reader.getWorkbookData()) {
      String head =
          new String(workbook.readNBytes(1 << 16), java.nio.charset.StandardCharsets.UTF_8);
      return head.contains("date1904=\"1\"") || head.contains("date1904=\"true\"");
    } catch (IOException | OpenXML4JException e) {
      return false;
    }
  }

  private InputStream openSheet(XSSFReader reader, String sheet)
      throws IOException, OpenXML4JException {
    XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
    Integer position = null;
    if (sheet != null && !sheet.isBlank() && sheet.strip().chars().allMatch(Character::isDigit)) {
      position = Integer.parseInt(sheet.strip());
    }
    List<String> namesSeen = new ArrayList<>();
    int index = 0;
    while (sheets.hasNext()) {
      InputStream stream = sheets.next();
      index++;
      String sheetName = sheets.getSheetName();
      namesSeen.add(sheetName);
      boolean match =
          sheet == null
              || sheet.isBlank()
              || (position != null ? position == index : sheetName.equalsIgnoreCase(sheet.strip()));
      if (match) {
        return stream;
      }
      stream.close();
    }
    throw new SourceException(
        name
            + ": no sheet "
            + sheetLabel(sheet)
            + " (sheets: "
            + String.join(", ", namesSeen)
            + ")");
  }

  @Override
  public SourceSchema schema() {
    return schema;
  }

  @Override
  public SourceRow next() {
    List<String> cells = new ArrayList<>(schema.size());
    long sheetRow;
    try {
      do {
        if (pendingCells != null) {
          cells = pendingCells;
          sheetRow = pendingRow;
          pendingCells = null;
        } else {
          sheetRow = readRow(cells);
        }
        // Rows skipped after the header keep their numbers, so later rows match the sheet.
      } while (sheetRow >= 0 && sheetRow - headerRow <= skipRows);
    } catch (XMLStreamException e) {
      throw new SourceException(
          name
              + ": the sheet XML is damaged after row "
              + (headerRow + rowNumber)
              + ": "
              + e.getMessage(),
          e);
    }
    if (sheetRow < 0) {
      return null;
    }
    // Blank rows are absent from the XML; numbering follows the sheet so row N matches what Excel
    // shows below the header.
    rowNumber = sheetRow - headerRow;
    if (cells.size() > schema.size()) {
      for (int i = schema.size(); i < cells.size(); i++) {
        String extra = cells.get(i);
        if (extra != null && !extra.isEmpty()) {
          return SourceRow.malformed(
              rowNumber,
              schema,
              "sheet row "
                  + sheetRow
                  + " has a value in column "
                  + CellReference.convertNumToColString(i)
                  + ", which has no header");
        }
      }
      cells = cells.subList(0, schema.size());
    }
    return SourceRow.of(rowNumber, schema, cells.toArray(new String[0]));
  }

  /**
   * Reads the next non-empty row into cells (by column position); returns its 1-based sheet row or
   * -1.
   */
  private long readRow(List<String> cells) throws XMLStreamException {
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
        String r = xml.getAttributeValue(null, "r");
        long number = r != null ? Long.parseLong(r) : -1;
        cells.clear();
        readCells(cells);
        boolean any = false;
        for (String cell : cells) {
          if (cell != null && !cell.isEmpty()) {
            any = true;
            break;
          }
        }
        if (any) {
          return number;
        }
      }
    }
    return -1;
  }

  private void readCells(List<String> cells) throws XMLStreamException {
    int nextColumn = 0;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
        return;
      }
      if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
        String ref = xml.getAttributeValue(null, "r");
        int column = ref != null ? new CellReference(ref).getCol() : nextColumn;
        String type = xml.getAttributeValue(null, "t");
        String style = xml.getAttributeValue(null, "s");
        String value = readCell(type, style);
        while (cells.size() < column) {
          cells.add(null);
        }
        cells.add(value);
        nextColumn = column + 1;
      }
    }
  }

  private String readCell(String type, String style) throws XMLStreamException {
    String raw = null;
    StringBuilder inline = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT && "c".equals(xml.getLocalName())) {
        break;
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        String element = xml.getLocalName();
        if ("v".equals(element)) {
          raw = xml.getElementText();
        } else if ("t".equals(element)) {
          if (inline == null) {
            inline = new StringBuilder();
          }
          inline.append(xml.getElementText());
        }
      }
    }
    if ("inlineStr".equals(type)) {
      return inline == null ? null : inline.toString();
    }
    if (raw == null) {
      return null;
    }
    if ("s".equals(type)) {
      return strings.getItemAt(Integer.parseInt(raw)).getString();
    }
    if ("b".equals(type)) {
      return "1".equals(raw) ? "true" : "false";
    }
    if ("str".equals(type) || "e".equals(type)) {
      return raw;
    }
    double number = Double.parseDouble(raw);
    if (style != null
        && isDateStyle(Integer.parseInt(style))
        && DateUtil.isValidExcelDate(number)) {
      LocalDateTime when = DateUtil.getLocalDateTime(number, date1904, true);
      return when.toLocalTime().toSecondOfDay() == 0 && when.getNano() == 0
          ? when.toLocalDate().toString()
          : DATE_TIME.format(when);
    }
    return NumberToTextConverter.toText(number);
  }

  private boolean isDateStyle(int styleIndex) {
    if (styles == null || styleIndex >= styles.getNumCellStyles()) {
      return false;
    }
    XSSFCellStyle style = styles.getStyleAt(styleIndex);
    return DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (xml != null) {
        xml.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      // Closing a read-only stream cannot lose data.
    }
    try {
      if (sheetStream != null) {
        sheetStream.close();
      }
    } catch (IOException e) {
      // Closing a read-only stream cannot lose data.
    }
    if (pkg != null) {
      pkg.revert();
    }
  }
}
