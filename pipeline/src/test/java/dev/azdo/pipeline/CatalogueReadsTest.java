package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.http.Interceptor;
import dev.azdo.emulator.Emulator;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.FieldDefinition;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  @Test
  void theNamedTypesFieldsAreReadWhileTheTypesAreListedAndAnUnknownTypeIsStillRefusedByThePlan()
      throws Exception {
    try (Emulator emulator = Emulator.startDefault()) {
      // The types' list is answered only once the type's fields were asked for: read one after
      // the other, the list would wait 5 s and fail.
      CountDownLatch typeFieldsAsked = new CountDownLatch(1);
      Interceptor gate =
          chain -> {
            String path = chain.request().uri().getPath();
            if (path.toLowerCase(java.util.Locale.ROOT).endsWith("/workitemtypes/task/fields")) {
              typeFieldsAsked.countDown();
            } else if (path.endsWith("/_apis/wit/workitemtypes")
                && !awaitQuietly(typeFieldsAsked)) {
              throw new java.io.IOException("the type's fields were not asked for in parallel");
            }
            return chain.proceed(chain.request());
          };
      AzdoClient client =
          AzdoClient.builder(
                  ConnectionConfig.parse(
                          Map.of("org-url", emulator.url(), "pat", "emulator-pat"), Map.of())
                      .orThrow())
              .addInterceptor(gate)
              .build();
      AzdoFieldCatalog catalog = AzdoFieldCatalog.of(client, "Demo", "Task");
      assertThat(catalog.workItemType("Task").orElseThrow().fields())
          .extracting(FieldDefinition::referenceName)
          .contains("System.Title", "Microsoft.VSTS.Scheduling.RemainingWork");
      assertThat(fieldReads(emulator)).containsExactly("Task");

      // A type the project lacks: its read fails (404) and is dropped; the plan says why.
      Path csv = Files.writeString(dir.resolve("tasks.csv"), "Key,Title\nT-1,One\n");
      assertThatThrownBy(
              () ->
                  Importer.run(
                      job(csv, "unknown").type("Taks").build(),
                      EmulatorImportTest.client(emulator),
                      null,
                      null,
                      null))
          .isInstanceOf(PlanException.class)
          .hasMessageContaining("Taks")
          .hasMessageContaining("types: ");
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
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
