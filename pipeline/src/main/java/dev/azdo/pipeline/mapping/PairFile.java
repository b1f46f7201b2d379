package dev.azdo.pipeline.mapping;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a two-column CSV file (from, to) in UTF-8, as value map and identity map files are: a first
 * row of {@code from,to} (or {@code source,...}) is a header, blank lines and lines starting with
 * {@code #} are skipped.
 */
public final class PairFile {
  private PairFile() {}

  /**
   * Returns the file's pairs in order.
   *
   * @throws IllegalArgumentException naming the file and line of the first problem
   */
  public static List<Map.Entry<String, String>> read(Path file) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setIgnoreEmptyLines(true)
            .setCommentMarker('#')
            .setTrim(true)
            .get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      boolean first = true;
      for (CSVRecord r : parser) {
        String from = r.get(0).replace("\uFEFF", "");
        if (first && r.size() >= 2 && isHeader(from)) {
          first = false;
          continue;
        }
        first = false;
        if (r.size() != 2 || from.isEmpty()) {
          throw new IllegalArgumentException(
              file
                  + ": line "
                  + parser.getCurrentLineNumber()
                  + ": expected two values, from and to, such as \"In Progress\",Active");
        }
        pairs.add(Map.entry(from, r.get(1)));
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return pairs;
  }

  private static boolean isHeader(String first) {
    String f = first.toLowerCase(Locale.ROOT);
    return f.equals("from") || f.equals("source");
  }
}
