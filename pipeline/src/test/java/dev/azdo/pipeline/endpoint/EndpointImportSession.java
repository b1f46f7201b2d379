package dev.azdo.pipeline.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.Comment;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.Team;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator, client and job helpers the endpoint import tests share (one emulator per class).
 */
abstract class EndpointImportSession {
  static Emulator emulator;
  static AzdoClient client;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    emulator =
        Emulator.create(
                EmulatorConfig.builder()
                    .lostResponseShare(0)
                    .customField("Custom.ExternalKey")
                    .build())
            .start();
    client =
        AzdoClient.builder(
                ConnectionConfig.parse(
                        Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                        Map.of())
                    .orThrow())
            // Project operations finish in under a second; poll them often to keep tests quick.
            .operationPollInterval(Duration.ofMillis(20))
            .build();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  Path csv(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  ImportJob.Builder job(Path csv, String endpoint) {
    String base = csv.getFileName().toString();
    return ImportJob.builder(SourceOptions.builder(csv.toString()).build())
        .endpoint(endpoint)
        .project("Demo")
        .rejects(dir.resolve(base + ".rejects.csv"))
        .journal(dir.resolve(base + ".journal"));
  }

  /** The first line of a journal this test's runs would open for a source and endpoint. */
  static String identityLine(Path source, String endpoint) {
    return "{\"identity\":{\"target\":\""
        + dev.azdo.pipeline.report.JournalIdentity.targetOf(java.net.URI.create(emulator.url()))
        + "\",\"project\":\"Demo\",\"endpoint\":\""
        + endpoint
        + "\",\"source\":\"file "
        + source.toAbsolutePath().normalize()
        + "\"}}\n";
  }

  RunSummary run(ImportJob job) {
    RunSummary s = Importer.run(job, client, null, null, null);
    assertThat(s.isBalanced()).as("counts add up: %s", s).isTrue();
    return s;
  }

  String rejects(Path csv) throws IOException {
    return Files.readString(dir.resolve(csv.getFileName() + ".rejects.csv"));
  }

  static int workItem(String title, String key) {
    WorkItemPatch patch = new WorkItemPatch().set("System.Title", title);
    if (key != null) {
      patch.set("System.Tags", "import-key:" + key);
    }
    return client.createWorkItem("Demo", "Task", patch, WriteOptions.NONE).id();
  }

  static List<String> comments(int id) {
    return client.listComments("Demo", id, null).items().stream().map(Comment::text).toList();
  }

  // The project's team names.
  static List<String> teams() {
    return client.listTeams("Demo").stream().map(Team::name).toList();
  }
}
