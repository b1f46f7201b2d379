package dev.azdo.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSourceTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static List<SourceRow> readAll(RowSource source) {
    List<SourceRow> rows = new ArrayList<>();
    try (source) {
      SourceRow row;
      while ((row = source.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void readsArrayOfObjectsFlatteningNestedObjectsIntoDottedColumns() throws IOException {
    Path file =
        write(
            "items.json",
            "[\n {\"key\":\"B-1\",\"title\":\"Crash\",\"owner\":{\"name\":\"Sam\",\"mail\":\"s@x.org\"},"
                + "\"points\":3,\"done\":false,\"due\":null},\n"
                + " {\"key\":\"B-2\",\"title\":\"Slow\",\"points\":5.5}\n]");
    try (JsonSource source = JsonSource.open(file, StandardCharsets.UTF_8)) {
      assertThat(source.schema().columns())
          .containsExactly("key", "title", "owner.name", "owner.mail", "points", "done", "due");
      SourceRow first = source.next();
      assertThat(first.get("owner.name")).isEqualTo("Sam");
      assertThat(first.get("points")).isEqualTo("3");
      assertThat(first.get("done")).isEqualTo("false");
      assertThat(first.get("due")).isNull();
      SourceRow second = source.next();
      assertThat(second.rowNumber()).isEqualTo(2);
      assertThat(second.get("points")).isEqualTo("5.5");
      assertThat(second.get("owner.name")).isNull();
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void joinsScalarArraysAsTagListsAndKeepsNestedArraysAsJsonText() throws IOException {
    Path file =
        write("tags.json", "[{\"tags\":[\"ui\",\"login\"],\"links\":[{\"id\":1},{\"id\":2}]}]");
    SourceRow row = readAll(JsonSource.open(file, StandardCharsets.UTF_8)).get(0);
    assertThat(row.get("tags")).isEqualTo("ui; login");
    assertThat(row.get("links")).isEqualTo("[{\"id\":1},{\"id\":2}]");
  }

  @Test
  void readsNdjsonAndAddsColumnsThatAppearLater() throws IOException {
    Path file = write("items.ndjson", "{\"key\":\"A\"}\n\n{\"key\":\"B\",\"title\":\"Later\"}\n");
    List<SourceRow> rows = readAll(JsonSource.open(file, StandardCharsets.UTF_8));
    assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L);
    assertThat(rows.get(1).get("title")).isEqualTo("Later");
    assertThat(rows.get(1).schema().columns()).containsExactly("key", "title");
  }

  @Test
  void badNdjsonLineRejectsOnlyThatRow() throws IOException {
    Path file = write("bad.ndjson", "{\"key\":\"A\"}\n{\"key\": oops}\n[1]\n{\"key\":\"D\"}\n");
    List<SourceRow> rows = readAll(JsonSource.open(file, StandardCharsets.UTF_8));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1).error())
        .startsWith("line 2 is not valid JSON: Unrecognized token 'oops'");
    assertThat(rows.get(2).error()).isEqualTo("line 3 is an array, not an object");
    assertThat(rows.get(3).get("key")).isEqualTo("D");
  }

  @Test
  void brokenJsonArrayStopsWithLineAndColumn() throws IOException {
    Path file = write("broken.json", "[{\"key\":\"A\"},\n {\"key\" \"B\"}]");
    JsonSource again = JsonSource.open(file, StandardCharsets.UTF_8);
    assertThat(again.next().get("key")).isEqualTo("A");
    assertThatThrownBy(again::next)
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("broken.json: line 2, column ")
        .hasMessageEndingWith("the rows from here on were not read");
    again.close();
  }

  @Test
  void nonObjectArrayElementIsAMalformedRow() throws IOException {
    Path file = write("mixed.json", "[{\"key\":\"A\"}, 42, {\"key\":\"C\"}]");
    List<SourceRow> rows = readAll(JsonSource.open(file, StandardCharsets.UTF_8));
    assertThat(rows.get(1).error()).isEqualTo("element 2 is a number, not an object");
    assertThat(rows.get(2).get("key")).isEqualTo("C");
  }

  @Test
  void columnsThatOnlyLaterRowsHaveAreInTheSchemaBeforeTheFirstRowIsTaken() throws IOException {
    Path file =
        write(
            "sparse.ndjson",
            "{\"key\":\"A\"}\n{\"key\":\"B\"}\n{\"key\":\"C\",\"due\":\"2024-01-01\"}\n");
    try (JsonSource source = JsonSource.open(file, StandardCharsets.UTF_8)) {
      assertThat(source.schema().columns()).containsExactly("key", "due");
      assertThat(source.next().get("due")).isNull();
    }
  }
}
