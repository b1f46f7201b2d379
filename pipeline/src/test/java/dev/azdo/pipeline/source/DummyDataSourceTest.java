package dev.azdo.pipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DummyDataSourceTest {
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
  void sameSeedGivesTheSameRowsAndADifferentSeedDifferentRows() {
    List<SourceRow> a = readAll(DummyDataSource.of(50, 7));
    List<SourceRow> b = readAll(DummyDataSource.of(50, 7));
    List<SourceRow> c = readAll(DummyDataSource.of(50, 8));
    assertThat(a).hasSize(50);
    assertThat(a).extracting(SourceRow::asMap).isEqualTo(b.stream().map(SourceRow::asMap).toList());
    assertThat(a)
        .extracting(SourceRow::asMap)
        .isNotEqualTo(c.stream().map(SourceRow::asMap).toList());
  }

  @Test
  void rowsLookLikeWorkItems() {
    List<SourceRow> rows =
        readAll(DummyDataSource.of(200, 1, List.of("Pat Doe <pat@example.com>")));
    assertThat(rows.get(0).get("Key")).isEqualTo("D-000001");
    assertThat(rows.get(199).rowNumber()).isEqualTo(200);
    for (SourceRow row : rows) {
      assertThat(row.get("Title")).isNotBlank();
      assertThat(row.get("Description")).contains("\n");
      assertThat(row.get("State")).isIn("New", "Active", "Resolved", "Closed");
      assertThat(Integer.parseInt(row.get("Priority"))).isBetween(1, 4);
      assertThat(row.get("AssignedTo")).isEqualTo("Pat Doe <pat@example.com>");
      assertThat(row.get("DueDate")).isGreaterThan(row.get("CreatedDate"));
    }
    assertThat(rows).anySatisfy(r -> assertThat(r.get("Tags")).contains("; "));
  }
}
