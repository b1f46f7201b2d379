package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azdo.pipeline.source.JdbcSource;
import dev.azdo.pipeline.source.RowSource;
import dev.azdo.pipeline.source.SourceException;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.source.SourceOptions.Format;
import dev.azdo.pipeline.source.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @TempDir Path dir;

  @Test
  void detectsTheFormatFromTheLocation() {
    assertThat(SourceOptions.detect("a/b.CSV")).isEqualTo(Format.CSV);
    assertThat(SourceOptions.detect("b.tsv")).isEqualTo(Format.TSV);
    assertThat(SourceOptions.detect("b.json")).isEqualTo(Format.JSON);
    assertThat(SourceOptions.detect("b.jsonl")).isEqualTo(Format.NDJSON);
    assertThat(SourceOptions.detect("b.xlsx")).isEqualTo(Format.XLSX);
    assertThat(SourceOptions.detect("jdbc:h2:mem:x")).isEqualTo(Format.JDBC);
    assertThat(SourceOptions.detect("dummy:500")).isEqualTo(Format.DUMMY);
  }

  @Test
  void opensDummyRowsAndFilesAndNamesAMissingFile() throws IOException {
    try (RowSource dummy = Sources.open(SourceOptions.builder("dummy:3").seed(9).build())) {
      assertThat(dummy.next().get("Key")).isEqualTo("D-000001");
    }
    Path tsv = Files.writeString(dir.resolve("x.tsv"), "A\tB\n1\t2\n");
    try (RowSource source = Sources.open(SourceOptions.builder(tsv.toString()).build())) {
      assertThat(source.next().get("B")).isEqualTo("2");
    }
    String missing = dir.resolve("nope.csv").toString();
    assertThatThrownBy(() -> Sources.open(SourceOptions.builder(missing).build()))
        .isInstanceOf(SourceException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void jdbcSourceNeedsAQueryAndNeverPrintsThePassword() {
    SourceOptions options =
        SourceOptions.builder("jdbc:h2:mem:q")
            .credentials("sa", "s3cret-pw")
            .fetchSize(JdbcSource.DEFAULT_FETCH_SIZE)
            .build();
    assertThat(options.toString()).doesNotContain("s3cret-pw");
    assertThatThrownBy(() -> Sources.open(options))
        .hasMessage("a JDBC source needs a query, such as --query \"select * from bugs\"");
  }
}
