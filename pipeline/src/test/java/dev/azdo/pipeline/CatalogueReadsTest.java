package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan reads the fields of the work item types it needs, not of every type: each is one call
 * before the first write, at the service's latency.
 */
class CatalogueReadsTest {
  @TempDir Path dir;

  @Test
  void anImportOfOneTypeReadsOnlyThatTypesFieldsAndAValueMapReadsTheOthersToCheckIt()
      throws Exception {
    try (Emulator emulator = Emulator.startDefault()) {
      Path csv = Files.writeString(dir.resolve("tasks.csv"), "Key,Title,Pri\nT-1,One,High\n");
      RunSummary plain =
          Importer.run(
              job(csv, "plain").build(), EmulatorImportTest.client(emulator), null, null, null);
      assertThat(plain.writtenCount()).isEqualTo(1);
      assertThat(fieldReads(emulator)).containsExactly("Task");

      EmulatorRequests.clear(emulator);
      // A value map names a field by any type's name, so checking it reads every type.
      RunSummary mapped =
          Importer.run(
              job(csv, "mapped")
                  .map("Pri=Microsoft.VSTS.Common.Priority")
                  .set(JobConfig.VALUE_MAP, "Microsoft.VSTS.Common.Priority:High=1")
                  .build(),
              EmulatorImportTest.client(emulator),
              null,
              null,
              null);
      assertThat(mapped.writtenCount()).isEqualTo(1);
      assertThat(fieldReads(emulator)).contains("Task", "Bug", "Epic").hasSizeGreaterThan(3);
    }
  }

  private ImportJob.Builder job(Path csv, String name) {
    return ImportJob.builder(SourceOptions.builder(csv.toString()).build())
        .project("Demo")
        .type("Task")
        .map("Title=System.Title")
        .key("Key")
        .rejects(dir.resolve(name + ".rejects.csv"))
        .journal(dir.resolve(name + ".journal"));
  }

  // The types whose fields were read (GET .../workitemtypes/TYPE/fields) since the log was cleared.
  private static List<String> fieldReads(Emulator emulator) throws Exception {
    List<String> types = new ArrayList<>();
    for (JsonNode e : EmulatorRequests.seen(emulator)) {
      String path = e.path("path").asText();
      int at = path.indexOf("/workitemtypes/");
      if (at >= 0 && path.endsWith("/fields")) {
        types.add(
            URLDecoder.decode(
                path.substring(at + "/workitemtypes/".length(), path.length() - "/fields".length()),
                StandardCharsets.UTF_8));
      }
    }
    return types;
  }
}
