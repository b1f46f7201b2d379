package dev.azdo.pipeline.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint is written as Jackson would write the record and reads back the same. */
class ExportCheckpointTest {
  @Test
  void theFileIsWhatJacksonsRecordSerializerWritesAndReadsBackEqual(@TempDir Path dir)
      throws Exception {
    Map<String, Long> bytes = new LinkedHashMap<>();
    bytes.put("main", 123_456_789_012L);
    bytes.put("links \"quoted\"\n", 0L);
    ExportCheckpoint full =
        new ExportCheckpoint(
            "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'a \"b\" \\ é'",
            "csv",
            "2026-12-06T20:00:00.123Z",
            7,
            1400,
            bytes,
            "token/+=",
            true,
            42);
    ExportCheckpoint empty =
        new ExportCheckpoint("q", "ndjson", null, 0, 0, Map.of(), null, false, 0);
    ExportCheckpoint noBytes = new ExportCheckpoint(null, null, null, 0, 0, null, null, false, 0);
    ObjectMapper jackson = new ObjectMapper();
    for (ExportCheckpoint c : new ExportCheckpoint[] {full, empty, noBytes}) {
      assertThat(new String(c.json(), "UTF-8"))
          .isEqualTo(
              new String(jackson.writerWithDefaultPrettyPrinter().writeValueAsBytes(c), "UTF-8"));
      Path file = dir.resolve("out.csv.part.json");
      c.write(file);
      assertThat(ExportCheckpoint.read(file)).isEqualTo(c);
    }
  }
}
