package dev.azdo.pipeline.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.Team;
import dev.azdo.client.WorkItemPatch;
import dev.azdo.client.WriteOptions;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.ImportJob;
import dev.azdo.pipeline.Importer;
import dev.azdo.pipeline.JobException;
import dev.azdo.pipeline.mapping.PlanException;
import dev.azdo.pipeline.report.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Imports into the work item side endpoints (comments, links, attachments) of the in-process
 * emulator over HTTP, and the checks every endpoint shares.
 */
class EndpointImportTest extends EndpointImportSession {
  @Test
  void addCommentByKeyWithMappedTextAndARerunAddsNoDuplicate() throws IOException {
    int a = workItem("commented A", "CMT-A");
    int b = workItem("commented B", "CMT-B");
    Path in =
        csv(
            "comments.csv",
            "Key,Comment\nCMT-A,First note\nCMT-A,Second note\nCMT-B,<b>bold</b> note\n"
                + "CMT-NOPE,orphan\nCMT-B,\n");
    ImportJob job = job(in, "add-comment").map("Comment=Text").concurrency(2).build();

    RunSummary first = run(job);

    assertThat(first)
        .hasToString(
            "read 5, written 3, rejected 2, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(first.exitCode()).isEqualTo(3);
    assertThat(comments(a)).containsExactlyInAnyOrder("First note", "Second note");
    assertThat(comments(b)).containsExactly("<b>bold</b> note");
    String rejects = rejects(in);
    assertThat(rejects)
        .contains("CMT-NOPE,orphan,4,Key,\"no work item has key \"\"CMT-NOPE\"\"")
        .contains("CMT-B,,5,Comment,\"Text is empty; add-comment needs the comment");

    RunSummary again = run(job);

    assertThat(again)
        .hasToString(
            "read 5, written 0, rejected 2, skipped 3 (unchanged 3, created with changed content 0, not attempted 0)");
    assertThat(comments(a)).hasSize(2);
    assertThat(comments(b)).hasSize(1);
  }

  @Test
  void faultsAndLostAnswersNeverLoseOrDuplicateACommentATeamOrALink() throws IOException {
    try (Emulator faulty =
        Emulator.create(
                EmulatorConfig.builder().faultRate(0.2).faultSeed(7).lostResponseShare(0.5).build())
            .start()) {
      AzdoClient flaky =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", faulty.url(), "pat", "emulator-pat", "retry-max", "8"),
                      Map.of())
                  .orThrow());
      int id = -1;
      for (int tries = 0; id < 0 && tries < 20; tries++) {
        try {
          // The setup call may lose its answer too; a task titled so is found again by WIQL.
          List<Integer> found =
              flaky
                  .queryIds(
                      "Demo", "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'faulty'")
                  .ids();
          id =
              found.isEmpty()
                  ? flaky
                      .createWorkItem(
                          "Demo",
                          "Task",
                          new WorkItemPatch().set("System.Title", "faulty"),
                          WriteOptions.NONE)
                      .id()
                  : found.get(0);
        } catch (dev.azdo.client.AzdoException e) {
          // Try again, as a user would.
        }
      }
      assertThat(id).isPositive();
      StringBuilder comments = new StringBuilder("WorkItemId,Text\n");
      StringBuilder teams = new StringBuilder("Name\n");
      // Links go in one $batch per chunk, so a fault there fails many rows at once.
      StringBuilder links = new StringBuilder("SourceId,LinkType,Url\n");
      for (int i = 1; i <= 30; i++) {
        comments.append(id).append(",note ").append(i).append('\n');
        teams.append("Squad ").append(i).append('\n');
        links.append(id).append(",hyperlink,https://example.com/faulty/").append(i).append('\n');
      }
      Map<Path, String> endpoints = new java.util.LinkedHashMap<>();
      endpoints.put(csv("faulty-comments.csv", comments.toString()), "add-comment");
      endpoints.put(csv("faulty-teams.csv", teams.toString()), "create-team");
      endpoints.put(csv("faulty-links.csv", links.toString()), "add-link");
      int stops = 0;
      for (Map.Entry<Path, String> in : endpoints.entrySet()) {
        ImportJob job = job(in.getKey(), in.getValue()).concurrency(3).batchSize(10).build();
        RunSummary last = null;
        for (int run = 0; run < 20 && (last == null || last.exitCode() == 1); run++) {
          try {
            last = Importer.run(job, flaky, null, null, null);
            stops += last.exitCode() == 1 ? 1 : 0;
            assertThat(last.isBalanced()).as("%s", last).isTrue();
          } catch (dev.azdo.client.AzdoException e) {
            // The plan's own reads failed past the retries; nothing was written: run again.
          }
        }
        assertThat(last).isNotNull();
        assertThat(last.exitCode()).as("%s", last).isZero();
      }
      // Lost answers are tried again within the run (looked up first), with the same retry
      // settings as the work item endpoints, so no run had to stop and resume.
      assertThat(stops).isZero();
      AzdoClient reader =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", faulty.url(), "pat", "emulator-pat", "retry-max", "20"),
                      Map.of())
                  .orThrow());
      List<String> texts = new java.util.ArrayList<>();
      String token = null;
      do {
        var page = reader.listComments("Demo", id, token);
        page.items().forEach(c -> texts.add(c.text()));
        token = page.continuationToken();
      } while (token != null && !token.isEmpty());
      assertThat(texts).hasSize(30).doesNotHaveDuplicates();
      List<String> squads =
          reader.listTeams("Demo").stream()
              .map(Team::name)
              .filter(n -> n.startsWith("Squad "))
              .toList();
      assertThat(squads).hasSize(30).doesNotHaveDuplicates();
      assertThat(
              reader.getWorkItem(id).relations().stream()
                  .map(r -> r.path("url").asText())
                  .filter(u -> u.startsWith("https://example.com/faulty/"))
                  .toList())
          .hasSize(30)
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void addCommentByIdAfterALostAnswerFindsTheCommentInsteadOfAddingItTwice() throws IOException {
    int id = workItem("lost answer", null);
    // An earlier run sent row 2 and died before the answer: the comment exists, the journal says
    // only "sent".
    client.addComment("Demo", id, "sent before the crash");
    Path in =
        csv("lost.csv", "WorkItemId,Text\n" + id + ",sent before the crash\n" + id + ",new\n");
    Files.writeString(
        dir.resolve("lost.csv.journal"),
        identityLine(in, "add-comment")
            + "{\"key\":\"add-comment:row 1\",\"row\":1,\"state\":\"sent\"}\n");

    RunSummary s = run(job(in, "add-comment").build());

    assertThat(s)
        .hasToString(
            "read 2, written 1, rejected 0, skipped 1 (unchanged 1, created with changed content 0, not attempted 0)");
    assertThat(comments(id)).containsExactlyInAnyOrder("sent before the crash", "new");
  }

  @Test
  void addCommentResolvesKeysThroughTheWorkItemImportJournal() throws IOException {
    int id = workItem("journaled", null);
    Path wiJournal =
        Files.writeString(
            dir.resolve("wi.journal"),
            "{\"key\":\"J-1\",\"row\":2,\"state\":\"sent\"}\n"
                + "{\"key\":\"J-1\",\"row\":2,\"id\":"
                + id
                + ",\"state\":\"written\"}\n");
    Path in = csv("jc.csv", "Key,Text\nJ-1,via journal\n");

    RunSummary s =
        run(job(in, "add-comment").property("workitem-journal", wiJournal.toString()).build());

    assertThat(s.writtenCount()).isEqualTo(1);
    assertThat(comments(id)).containsExactly("via journal");
  }

  @Test
  void aJobFileWithPropertiesFindsKeysInTheKeyFieldAndHandsOverItsPlan() throws IOException {
    int id =
        client
            .createWorkItem(
                "Demo",
                "Task",
                new WorkItemPatch()
                    .set("System.Title", "external")
                    .set("Custom.ExternalKey", "EXT-7"),
                WriteOptions.NONE)
            .id();
    csv("ext.csv", "Ref,Note\nEXT-7,{Ref}: checked\n");
    Path yaml =
        Files.writeString(
            dir.resolve("ext-job.yaml"),
            """
            source: {path: ext.csv}
            endpoint: add-comment
            project: Demo
            mapping: [Ref=Key, "{Note} by import=Text"]
            properties: {key-field: Custom.ExternalKey}
            options: {rejects: ext.rejects.csv, journal: ext.journal}
            """);
    ImportJob job = ImportJob.fromYaml(yaml);
    List<String> plan = new java.util.ArrayList<>();

    RunSummary s = Importer.run(job, client, null, null, p -> plan.addAll(p.describe()), null);

    assertThat(job.property("key-field")).isEqualTo("Custom.ExternalKey");
    assertThat(plan).containsExactly("Key <- column Ref", "Text <- template {Note} by import");
    assertThat(s.writtenCount()).isEqualTo(1);
    assertThat(comments(id)).containsExactly("{Ref}: checked by import");
    assertThat(Files.readString(dir.resolve("ext.journal")))
        .contains("\"key\":\"add-comment:row 1\"")
        .contains("\"state\":\"written\"");
  }

  @Test
  void jobFilePropertiesAreCheckedAgainstTheEndpoint() throws IOException {
    Path yaml =
        Files.writeString(
            dir.resolve("bad-props.yaml"),
            """
            source: {path: x.csv}
            endpoint: add-link
            project: Demo
            properties: {process: Agile, workitem-journal: wi.journal, colour: red}
            """);
    assertThatThrownBy(() -> ImportJob.fromYaml(yaml))
        .isInstanceOfSatisfying(
            JobException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "properties.process: add-link takes key-field, workitem-journal",
                        "properties.colour: add-link takes key-field, workitem-journal"));
    Path ok =
        Files.writeString(
            dir.resolve("ok-props.yaml"),
            """
            source: {path: x.csv}
            endpoint: add-link
            project: Demo
            properties: {workitem-journal: wi.journal}
            """);
    assertThat(ImportJob.fromYaml(ok).property("workitem-journal"))
        .isEqualTo(dir.resolve("wi.journal").toString());
  }

  @Test
  void addLinkWritesBothEndsAndHyperlinks() throws IOException {
    int parent = workItem("link parent", "LNK-P");
    int child = workItem("link child", "LNK-C");
    int other = workItem("link other", null);
    Path in =
        csv(
            "links.csv",
            "SourceKey,TargetKey,TargetId,LinkType,Url,Comment\n"
                + "LNK-C,LNK-P,,parent,,child to parent\n"
                + "LNK-C,,"
                + other
                + ",related,,\n"
                + "LNK-P,,,hyperlink,https://example.com/spec,the spec\n"
                + "LNK-P,,"
                + other
                + ",sibling,,\n"
                + "LNK-P,,,related,,\n"
                + "LNK-C,LNK-P,,parent,,same link again\n"
                + "LNK-NONE,LNK-P,,related,,\n");
    // One batch at a time: row 6 repeats row 1's link and must be the one refused.
    ImportJob job = job(in, "add-link").batchSize(3).concurrency(1).build();

    RunSummary s = run(job);

    assertThat(s)
        .hasToString(
            "read 7, written 3, rejected 4, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    assertThat(relations(child))
        .contains(
            "System.LinkTypes.Hierarchy-Reverse -> " + parent,
            "System.LinkTypes.Related -> " + other);
    assertThat(relations(parent))
        .contains(
            "System.LinkTypes.Hierarchy-Forward -> " + child,
            "Hyperlink -> https://example.com/spec");
    assertThat(relations(other)).contains("System.LinkTypes.Related -> " + child);
    assertThat(rejects(in))
        .contains("4,LinkType,\"\"\"sibling\"\" is not a link type")
        .contains("5,,TargetId or TargetKey is empty")
        .contains("6,,the service refused the link (HTTP 400): ")
        .contains("7,SourceKey,\"no work item has key \"\"LNK-NONE\"\"");
    assertThat(run(job))
        .hasToString(
            "read 7, written 0, rejected 4, skipped 3 (unchanged 3, created with changed content 0, not attempted 0)");
    assertThat(relations(child)).hasSize(2);
  }

  @Test
  void addLinkAfterALostAnswerFindsTheRelationInsteadOfFailingOnIt() throws IOException {
    int a = workItem("lost link a", null);
    int b = workItem("lost link b", null);
    client.updateWorkItem(
        a,
        new WorkItemPatch()
            .addRelation(
                "System.LinkTypes.Related", emulator.url() + "/_apis/wit/workItems/" + b, null),
        WriteOptions.NONE);
    Path in = csv("lost-links.csv", "SourceId,TargetId,LinkType\n" + a + "," + b + ",related\n");
    Files.writeString(
        dir.resolve("lost-links.csv.journal"),
        identityLine(in, "add-link")
            + "{\"key\":\"add-link:row 1\",\"row\":1,\"state\":\"sent\"}\n");

    RunSummary s = run(job(in, "add-link").build());

    assertThat(s)
        .hasToString(
            "read 1, written 0, rejected 0, skipped 1 (unchanged 1, created with changed content 0, not attempted 0)");
    assertThat(relations(a)).containsExactly("System.LinkTypes.Related -> " + b);
  }

  private static List<String> relations(int id) {
    return client.getWorkItem(id).relations().stream()
        .map(
            r -> {
              String url = r.path("url").asText();
              String rel = r.path("rel").asText();
              return rel
                  + " -> "
                  + (rel.equals("Hyperlink") ? url : url.substring(url.lastIndexOf('/') + 1));
            })
        .toList();
  }

  @Test
  void addAttachmentUploadsTheFileNextToTheSource() throws IOException {
    int id = workItem("attach here", null);
    Files.writeString(dir.resolve("notes.txt"), "release notes");
    Path in =
        csv(
            "attach.csv",
            "WorkItemId,File,Comment\n" + id + ",notes.txt,the notes\n" + id + ",missing.txt,\n");

    RunSummary s = run(job(in, "add-attachment").build());

    assertThat(s)
        .hasToString(
            "read 2, written 1, rejected 1, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");
    List<JsonNode> files =
        client.getWorkItem(id).relations().stream()
            .filter(r -> r.path("rel").asText().equals("AttachedFile"))
            .toList();
    assertThat(files).hasSize(1);
    assertThat(files.get(0).path("attributes").path("comment").asText()).isEqualTo("the notes");
    assertThat(rejects(in)).contains("2,File,\"file \"\"missing.txt\"\" does not exist\"");
  }

  @Test
  void everyMissingInputIsReportedBeforeAnyWrite() throws IOException {
    Path in = csv("plan.csv", "Id,Body\n1,x\n");
    ImportJob job = job(in, "add-comment").map("Body=Txt").project("Nowhere").build();

    assertThatThrownBy(() -> Importer.run(job, client, null, null, null))
        .isInstanceOfSatisfying(
            PlanException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--map Body=Txt: add-comment has no input column \"Txt\" (input columns"
                            + " of add-comment: WorkItemId, Key, Text)",
                        "add-comment needs input column Text (the comment, plain text or HTML):"
                            + " name a source column Text or give --map SRC=Text (source columns:"
                            + " Id, Body)",
                        "add-comment needs input column WorkItemId or Key: name source columns so"
                            + " or give --map SRC=COLUMN (source columns: Id, Body)",
                        "--project: project \"Nowhere\" does not exist"));
    assertThat(dir.resolve("plan.csv.journal")).doesNotExist();
  }

  @Test
  void unknownAndReadEndpointsFailWithOneLineListingTheNames() throws IOException {
    Path in = csv("x.csv", "A\n1\n");
    assertThatThrownBy(() -> job(in, "add-coment").build())
        .isInstanceOfSatisfying(
            JobException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "--endpoint: unknown endpoint 'add-coment'; known: "
                            + Endpoints.writeNames()));
    assertThatThrownBy(() -> job(in, "list-teams").build())
        .hasMessageStartingWith("--endpoint: list-teams only reads; import writes with one of:");
    assertThatThrownBy(() -> job(in, "create-team").property("process", "Agile").build())
        .hasMessage("properties.process: create-team takes no properties");
  }

  @Test
  void dryRunPrintsEachRowAndWritesNothing() throws IOException {
    Path in = csv("dry.csv", "Name,Description\nDry Team,never\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    RunSummary s =
        Importer.run(job(in, "create-team").dryRun(true).build(), client, out, null, null);

    assertThat(s.writtenCount()).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"row\":1,\"endpoint\":\"create-team\",\"input\":{\"Name\":\"Dry Team\","
                + "\"Description\":\"never\"}}");
    assertThat(teams()).doesNotContain("Dry Team");
    assertThat(dir.resolve("dry.csv.journal")).doesNotExist();
  }

  @Test
  void aServiceThatStopsAnsweringStopsTheRunAndNamesTheRowsNotAttempted() throws IOException {
    Path in = csv("down.csv", "Name\nDown One\nDown Two\nDown Three\n");
    try (Emulator failing =
        Emulator.create(EmulatorConfig.builder().faultRate(1.0).lostResponseShare(0).build())
            .start()) {
      AzdoClient down =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", failing.url(), "pat", "emulator-pat", "retry-max", "0"),
                      Map.of())
                  .orThrow());

      RunSummary s =
          Importer.run(
              job(in, "create-project").project(null).concurrency(1).build(),
              down,
              null,
              null,
              null);

      assertThat(s.isBalanced()).isTrue();
      assertThat(s.exitCode()).isEqualTo(1);
      assertThat(s.writtenCount()).isZero();
      assertThat(s.notAttemptedCount()).isEqualTo(3);
      assertThat(s.stopReason()).contains("rows 1 to 3 (3 rows) were not attempted");
    }
  }
}
