package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.azdo.emulator.Emulator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionCommandTest {
  static Emulator emulator;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void connectionTestPrintsUserAndOrganization(@TempDir Path config) throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            Map.of("AZDO_PAT", "emulator-pat", "AZDO_CONFIG_DIR", config.toString()),
            "connection",
            "test",
            "--org-url",
            emulator.url());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Connected to demo").contains("Alice Admin <alice@example.com>");
  }

  @Test
  void connectionTestWithAWrongPatFailsWithOneLineAndNoSecret(@TempDir Path config)
      throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            Map.of("AZDO_PAT", "wrong-secret-123", "AZDO_CONFIG_DIR", config.toString()),
            "connection",
            "test",
            "--org-url",
            emulator.url());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("connection failed").contains("personal access token");
    assertThat(r.out() + r.err()).doesNotContain("wrong-secret-123");
  }

  @Test
  void everyBadOptionIsReportedOnItsOwnLineWithExitCode2(@TempDir Path config) throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            Map.of("AZDO_CONFIG_DIR", config.toString()),
            "connection",
            "test",
            "--org-url",
            emulator.url(),
            "--retry-max=-3",
            "--api-version=x");
    assertThat(r.exit()).isEqualTo(2);
    // Two bad values and the missing PAT, all reported at once.
    assertThat(r.err()).contains("retry-max").contains("api-version").contains("pat: required");
    assertThat(r.err().strip().lines().filter(l -> l.startsWith("azdo: ")).count()).isEqualTo(3);
  }

  @Test
  void savedProfileKeepsSecretsOwnerOnlyAndIsUsedByDefault(@TempDir Path config) throws Exception {
    Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
    CliProcess.Result save =
        CliProcess.run(
            env, "connection", "save", "emu", "--org-url", emulator.url(), "--pat=emulator-pat");
    assertThat(save.exit()).isZero();
    assertThat(save.err()).contains("warning: --pat on the command line");
    assertThat(Files.readString(config.resolve("profiles.json"))).doesNotContain("emulator-pat");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config.resolve("secrets.json"))))
        .isEqualTo("rw-------");

    CliProcess.Result list = CliProcess.run(env, "connection", "list");
    assertThat(list.out())
        .contains("* emu")
        .contains(emulator.url())
        .doesNotContain("emulator-pat");

    CliProcess.Result test = CliProcess.run(env, "connection", "test");
    assertThat(test.exit()).isZero();
    assertThat(test.out()).contains("Alice Admin");
    assertThat(test.err()).isEqualTo("azdo: using profile 'emu' (" + emulator.url() + ")\n");
  }

  @Test
  void aDefaultProfilesPatIsNeverSentToAnotherOrganizationUrl(@TempDir Path config)
      throws Exception {
    Path patFile = config.resolve("pat.txt");
    Files.writeString(patFile, "emulator-pat\n");
    Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
    CliProcess.Result save =
        CliProcess.run(
            env,
            "connection",
            "save",
            "work",
            "--org-url",
            emulator.url(),
            "--pat-file",
            patFile.toString(),
            "--default");
    assertThat(save.exit()).as(save.err()).isZero();
    // A listener at another address stands in for the host the profile's PAT must not reach.
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger requests = new AtomicInteger();
    other.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    other.start();
    try {
      String otherUrl = "http://127.0.0.1:" + other.getAddress().getPort() + "/other";
      CliProcess.Result r = CliProcess.run(env, "connection", "test", "--org-url", otherUrl);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "azdo: profile 'work' holds credentials for "
                  + emulator.url()
                  + ", not for "
                  + otherUrl
                  + "; give --pat-file or AZDO_PAT, or --profile NAME\n");
      assertThat(requests).hasValue(0);

      CliProcess.Result withOwn =
          CliProcess.run(
              Map.of("AZDO_CONFIG_DIR", config.toString(), "AZDO_PAT", "own-pat-for-other"),
              "connection",
              "test",
              "--org-url",
              otherUrl);
      assertThat(withOwn.exit()).isEqualTo(1);
      assertThat(withOwn.err()).doesNotContain("using profile");
      assertThat(requests.get()).isPositive();
    } finally {
      other.stop(0);
    }

    CliProcess.Result same =
        CliProcess.run(
            env, "fields", "--org-url", emulator.url(), "--project", "Demo", "--type", "Bug");
    assertThat(same.exit()).as(same.err()).isZero();
    assertThat(same.err()).startsWith("azdo: using profile 'work' (" + emulator.url() + ")");
  }

  @Test
  void connectionTestChecksTheDefaultProjectAndSuggestsCloseNames(@TempDir Path config)
      throws Exception {
    Map<String, String> env =
        Map.of("AZDO_PAT", "emulator-pat", "AZDO_CONFIG_DIR", config.toString());
    CliProcess.Result typo =
        CliProcess.run(env, "connection", "test", "--org-url", emulator.url(), "--project", "Dmeo");
    assertThat(typo.exit()).isEqualTo(1);
    assertThat(typo.err().strip())
        .isEqualTo(
            "azdo: connection failed: project 'Dmeo' does not exist in demo; did you mean Demo?");
    assertThat(typo.out()).isEmpty();

    CliProcess.Result good =
        CliProcess.run(env, "connection", "test", "--org-url", emulator.url(), "--project", "demo");
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(good.out()).contains("Connected to demo").contains("; project Demo exists");
  }

  @Test
  void connectionTestSaysWhichProfileItUsedAndDeleteRemovesOne(@TempDir Path config)
      throws Exception {
    Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
    Path pat = Files.writeString(config.resolve("pat"), "emulator-pat\n");
    for (String name : java.util.List.of("emu", "spare")) {
      CliProcess.Result save =
          CliProcess.run(
              env,
              "connection",
              "save",
              name,
              "--org-url",
              emulator.url(),
              "--pat-file",
              pat.toString());
      assertThat(save.exit()).as(save.err()).isZero();
    }
    CliProcess.Result test = CliProcess.run(env, "connection", "test");
    assertThat(test.exit()).as(test.err()).isZero();
    assertThat(test.out())
        .contains("Connected to demo (" + emulator.url() + ") (profile 'emu') as");

    CliProcess.Result delete = CliProcess.run(env, "connection", "delete", "emu");
    assertThat(delete.exit()).as(delete.err()).isZero();
    assertThat(delete.out().strip()).isEqualTo("Deleted profile 'emu'; default is now 'spare'");
    CliProcess.Result list = CliProcess.run(env, "connection", "list");
    assertThat(list.out()).contains("* spare").doesNotContain("emu ");

    CliProcess.Result missing = CliProcess.run(env, "connection", "delete", "spar");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no saved profile named 'spar'; did you mean spare?");
  }
}
