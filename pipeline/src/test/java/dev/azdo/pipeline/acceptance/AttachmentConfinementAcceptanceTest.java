package dev.azdo.pipeline.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.wit.WitTables;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.endpoint.AttachmentFolder;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.SourceOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * add-attachment reads files only under its folder and within the service's size limit, against the
 * emulator over HTTP: escaping paths and over-limit files reject their rows, and nothing of theirs
 * reaches the service.
 */
class AttachmentConfinementAcceptanceTest {
  static Emulator emulator;
  static AzdoClient client;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    emulator = Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start();
    client = Acceptance.client(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static int storedAttachments() {
    return emulator.context().store().size(WitTables.ATTACHMENTS);
  }

  private static int workItem() {
    return client
        .createWorkItem(
            "Demo", "Task", new WorkItemPatch().set("System.Title", "attach"), WriteOptions.NONE)
        .id();
  }

  private static List<JsonNode> attachedFiles(int id) {
    return client.getWorkItem(id).relations().stream()
        .filter(r -> r.path("rel").asText().equals("AttachedFile"))
        .toList();
  }

  private ImportJob.Builder job(Path csv) {
    return ImportJob.builder(SourceOptions.builder(csv.toString()).build())
        .endpoint("add-attachment")
        .project("Demo")
        .rejects(dir.resolve("attach.rejects.csv"))
        .journal(dir.resolve("attach.journal"));
  }

  @Test
  void pathsLeavingTheSourceFolderAndOverLimitFilesAreRejectedAndNeverUploaded()
      throws IOException {
    int id = workItem();
    Path data = Files.createDirectories(dir.resolve("data"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    Files.writeString(data.resolve("good.txt"), "good notes");
    Files.createSymbolicLink(data.resolve("link.txt"), secret);
    Path big = data.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      // Sparse: the size is over the limit without writing 60 MB.
      f.setLength(AttachmentFolder.MAX_BYTES + 1);
    }
    Path csv =
        Files.writeString(
            data.resolve("attach.csv"),
            "WorkItemId,File\n"
                + id
                + ",../secret.txt\n"
                + id
                + ","
                + secret.toAbsolutePath()
                + "\n"
                + id
                + ",link.txt\n"
                + id
                + ",good.txt\n"
                + id
                + ",big.bin\n");
    int before = storedAttachments();

    RunSummary s = Importer.run(job(csv).build(), client, null, null, null);

    assertThat(s.readCount()).isEqualTo(5);
    assertThat(s.writtenCount()).isEqualTo(1);
    assertThat(s.rejectedCount()).isEqualTo(4);
    String base = data.toRealPath().toString();
    String rejects = Files.readString(dir.resolve("attach.rejects.csv"));
    assertThat(rejects)
        .contains(
            "1,File,\"file \"\"../secret.txt\"\" leaves the attachments folder through .. "
                + base
                + " (the source file's folder); add-attachment reads only files under it")
        .contains(
            "2,File,\"file \"\""
                + secret.toAbsolutePath()
                + "\"\" is an absolute path outside the attachments folder "
                + base)
        .contains("3,File,\"file \"\"link.txt\"\" is a link to " + secret.toRealPath())
        .contains(
            "5,File,\"file \"\"big.bin\"\" is 62,914,561 bytes, over the service's attachment"
                + " limit of 60 MB (62,914,560 bytes)\"");
    // Only the good file reached the service: one upload stored, attached under its own name.
    assertThat(storedAttachments()).isEqualTo(before + 1);
    List<JsonNode> files = attachedFiles(id);
    assertThat(files).hasSize(1);
    assertThat(files.get(0).path("attributes").path("name").asText()).isEqualTo("good.txt");
  }

  @Test
  void attachmentsDirIsTheFolderInsteadOfTheSourcesAndMustExist() throws IOException {
    int id = workItem();
    Path files = Files.createDirectories(dir.resolve("files"));
    Files.writeString(files.resolve("spec.txt"), "the spec");
    Files.writeString(dir.resolve("beside.txt"), "beside the source");
    Path csv =
        Files.writeString(
            dir.resolve("attach.csv"),
            "WorkItemId,File\n" + id + ",spec.txt\n" + id + ",beside.txt\n");

    RunSummary s =
        Importer.run(
            job(csv)
                .set(dev.azdo.pipeline.config.JobConfig.ATTACHMENTS_DIR, files.toString())
                .build(),
            client,
            null,
            null,
            null);

    assertThat(s.writtenCount()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("attach.rejects.csv")))
        .contains("2,File,\"file \"\"beside.txt\"\" does not exist\"");
    assertThat(attachedFiles(id)).hasSize(1);

    int before = storedAttachments();
    ImportJob missing =
        job(csv)
            .set(dev.azdo.pipeline.config.JobConfig.ATTACHMENTS_DIR, dir.resolve("nope").toString())
            .build();
    assertThatThrownBy(() -> Importer.run(missing, client, null, null, null))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining(
            "--attachments-dir: \"" + dir.resolve("nope") + "\" is not an existing folder");
    assertThat(storedAttachments()).isEqualTo(before);
  }

  @Test
  void aJobFileNamesTheFolderRelativeToItself() throws IOException {
    Path job =
        Files.writeString(
            dir.resolve("attach-job.yaml"),
            "source:\n  path: attach.csv\nendpoint: add-attachment\nproject: Demo\n"
                + "options:\n  attachments-dir: files\n");

    assertThat(ImportJob.fromYaml(job).attachmentsDir()).isEqualTo(dir.resolve("files"));
  }
}
