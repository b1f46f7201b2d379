package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 item 4: against the emulator playing each Azure DevOps Server release over real HTTP,
 * `azdo connection test` names the release, an import creates work items with parent links and
 * comments (2019 has no comments API, so those rows are rejected with the reason), and a query and
 * an export read them back; every call carries the release's api-version.
 */
class ServerModeEndToEndTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  @ParameterizedTest(name = "Azure DevOps Server {0}")
  @CsvSource({
    "2019, Azure DevOps Server 2019, 5.0",
    "2020, Azure DevOps Server 2020, 6.0",
    "2022, Azure DevOps Server 2022, 7.0",
    "2022.1, Azure DevOps Server 2022.1, 7.1"
  })
  void connectionTestImportQueryAndExportWorkAgainstEachRelease(
      String release, String product, String apiVersion) throws Exception {
    Files.writeString(dir.resolve("pat.txt"), "emulator-pat\n");
    Files.writeString(
        dir.resolve("items.csv"),
        "Key,Type,Title,ParentKey\n"
            + "E-1,Epic,Checkout redesign,\n"
            + "F-1,Feature,One-page checkout,E-1\n"
            + "B-1,Bug,Coupon applied twice,F-1\n");
    Files.writeString(
        dir.resolve("comments.csv"), "Key,Comment\nB-1,Reproduced on staging.\nF-1,Design done.\n");
    try (Emulator emulator =
        Emulator.create(EmulatorMain.parse(new String[] {"--server", release})).start()) {
      assertThat(emulator.url()).endsWith("/tfs/DefaultCollection");

      Run test = azdo(emulator, "connection", "test");
      assertThat(test.exit()).as(test.err()).isZero();
      assertThat(test.out())
          .startsWith("Connected to DefaultCollection (" + emulator.url() + ")")
          .contains("; " + product + " (api-version " + apiVersion + "); project Demo exists");

      Run items =
          azdo(
              emulator,
              "import",
              dir.resolve("items.csv").toString(),
              "--endpoint",
              "create-workitem",
              "--type",
              "Bug",
              "--map",
              "Type=System.WorkItemType",
              "--map",
              "Title=System.Title",
              "--key",
              "Key",
              "--parent-key",
              "ParentKey",
              "--rejects",
              dir.resolve("items.rejects.csv").toString(),
              "--journal",
              dir.resolve("items.journal").toString(),
              "--progress",
              "plain");
      assertThat(items.exit()).as(items.out() + items.err()).isZero();
      assertThat(items.out()).contains("written 3, rejected 0");

      Run comments =
          azdo(
              emulator,
              "import",
              dir.resolve("comments.csv").toString(),
              "--endpoint",
              "add-comment",
              "--map",
              "Comment=Text",
              "--rejects",
              dir.resolve("comments.rejects.csv").toString(),
              "--journal",
              dir.resolve("comments.journal").toString(),
              "--progress",
              "plain");
      if (release.equals("2019")) {
        // The comments API came with 2019 Update 1: each row is refused with the reason.
        assertThat(comments.exit()).as(comments.out() + comments.err()).isEqualTo(3);
        assertThat(comments.out()).contains("written 0, rejected 2");
        assertThat(Files.readString(dir.resolve("comments.rejects.csv")))
            .contains("has no comments API; it came with Azure DevOps Server 2019 Update 1");
      } else {
        assertThat(comments.exit()).as(comments.out() + comments.err()).isZero();
        assertThat(comments.out()).contains("written 2, rejected 0");
      }

      Path queried = dir.resolve("query.csv");
      Run query =
          azdo(
              emulator,
              "query",
              "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.TeamProject] ="
                  + " @project ORDER BY [System.Id]",
              "--out",
              queried.toString());
      assertThat(query.exit()).as(query.err()).isZero();
      List<String> rows = Files.readAllLines(queried);
      assertThat(rows).hasSize(4);
      assertThat(String.join("\n", rows))
          .contains("Checkout redesign", "One-page checkout", "Coupon applied twice");

      Path exported = dir.resolve("export.csv");
      Run export = azdo(emulator, "export", "--out", exported.toString(), "--progress", "none");
      assertThat(export.exit()).as(export.err()).isZero();
      assertThat(Files.readString(exported)).contains("Coupon applied twice");

      AzdoClient client =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of(
                          ConnectionConfig.ORG_URL,
                          emulator.url(),
                          ConnectionConfig.PAT,
                          "emulator-pat"),
                      Map.of())
                  .orThrow());
      assertThat(client.apiVersions().general()).isEqualTo(apiVersion);
      List<Integer> bug =
          client
              .queryIds(
                  "Demo",
                  "SELECT [System.Id] FROM WorkItems WHERE [System.Title] = 'Coupon applied twice'")
              .ids();
      WorkItem item = client.getWorkItem(bug.get(0));
      assertThat(item.relations().toString()).contains("System.LinkTypes.Hierarchy-Reverse");
      if (!release.equals("2019")) {
        assertThat(client.listComments("Demo", bug.get(0), null).items()).hasSize(1);
      }
    }
  }

  private Run azdo(Emulator emulator, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    String[] connection = {
      "--org-url",
      emulator.url(),
      "--pat-file",
      dir.resolve("pat.txt").toString(),
      "--project",
      "Demo"
    };
    System.arraycopy(connection, 0, all, args.length, connection.length);
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }
}
