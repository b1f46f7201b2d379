package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets corpus (issue 9 item 3): every error path we can trigger is run, in a child JVM as a
 * user would, with known secrets; stdout, stderr and every file the run wrote (rejects, journal,
 * reports, requests) are searched for each secret, its Base64 forms (as a Basic header carries a
 * PAT: ":PAT" and "user:PAT") and its URL-encoded form.
 */
class SecretsCorpusTest {
  /** The PAT the emulator accepts. */
  static final String GOOD_PAT = "GoodCorpusPat5h7k2m9q4w8x3z";

  /** A PAT the emulator refuses. */
  static final String BAD_PAT = "BadCorpusPat8r2t6y1u4i9o0p";

  /** A database password, with the characters that break naive URL redaction. */
  static final String DB_PASSWORD = "Db/Pa:ss@W0rd!7";

  /** An OAuth access token. */
  static final String TOKEN = "OpaqueAccessTokenCorpus5531";

  /** An OAuth refresh token. */
  static final String REFRESH = "OpaqueRefreshTokenCorpus7719";

  /** An Entra client secret. */
  static final String CLIENT_SECRET = "ClientSecretCorpus8842~xyz";

  static final String USER = "corpus-user";

  @TempDir static Path dir;
  static Emulator emulator;
  static Map<String, String> env;
  static final List<String> ran = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    emulator = Emulator.create(EmulatorConfig.builder().port(0).pat(GOOD_PAT).build()).start();
    env = Map.of("AZDO_CONFIG_DIR", dir.resolve("config").toString());
    Files.writeString(dir.resolve("good.pat"), GOOD_PAT + "\n");
    Files.writeString(dir.resolve("bad.pat"), BAD_PAT + "\n");
    Files.writeString(dir.resolve("rows.csv"), "Key,Title,Priority\nK1,First,1\nK2,Second,high\n");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  /** Every form in which a secret could leak. */
  static Set<String> forms(String secret) {
    Set<String> out = new LinkedHashSet<>();
    out.add(secret);
    out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    for (String s : List.of(secret, ":" + secret, USER + ":" + secret)) {
      out.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      out.add(Base64.getUrlEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  static final List<String> SECRETS =
      List.of(GOOD_PAT, BAD_PAT, DB_PASSWORD, TOKEN, REFRESH, CLIENT_SECRET);

  /**
   * Runs azdo in a fresh folder holding the given input files, and checks that neither its output
   * nor any file it wrote holds a secret in any form; returns what it printed.
   */
  static CliProcess.Result run(
      Map<String, String> extraEnv, Map<String, String> inputs, String... args) throws Exception {
    Path work = Files.createTempDirectory(dir, "case");
    for (Map.Entry<String, String> in : inputs.entrySet()) {
      Files.writeString(work.resolve(in.getKey()), in.getValue());
    }
    Map<String, String> e = new LinkedHashMap<>(env);
    e.putAll(extraEnv);
    String[] resolved =
        Stream.of(args)
            .map(a -> a.replace("{dir}", work.toString()).replace("{emu}", emulator.url()))
            .toArray(String[]::new);
    CliProcess.Result r = CliProcess.run(e, resolved);
    String shown = String.join(" ", args);
    ran.add(shown);
    for (String secret : SECRETS) {
      for (String form : forms(secret)) {
        assertThat(r.out()).as("stdout of %s", shown).doesNotContain(form);
        assertThat(r.err()).as("stderr of %s", shown).doesNotContain(form);
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (isInput(f, work, inputs)) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String secret : SECRETS) {
          for (String form : forms(secret)) {
            assertThat(text).as("file %s written by %s", f, shown).doesNotContain(form);
          }
        }
      }
    }
    return r;
  }

  // The files a case was given, the PAT files, and other cases' inputs hold secrets on purpose.
  private static boolean isInput(Path f, Path work, Map<String, String> inputs) {
    String name = f.getFileName().toString();
    return name.endsWith(".pat")
        || name.startsWith("input-")
        || inputs.containsKey(name) && f.getParent().equals(work);
  }

  static CliProcess.Result run(String... args) throws Exception {
    return run(Map.of(), Map.of(), args);
  }

  static String[] importArgs(String source, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "import",
                source,
                "--org-url",
                "{emu}",
                "--project",
                "Demo",
                "--type",
                "Task",
                "--key",
                "Key",
                "--map",
                "Title=System.Title",
                "--map",
                "Priority=Microsoft.VSTS.Common.Priority",
                "--rejects",
                "{dir}/rows.rejects.csv",
                "--journal",
                "{dir}/rows.journal",
                "--progress",
                "plain"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void aWrongPatIsRefusedWithoutShowingIt() throws Exception {
    String bad = dir.resolve("bad.pat").toString();
    assertThat(run("connection", "test", "--org-url", "{emu}", "--pat-file", bad).err())
        .contains("authentication failed (HTTP 401)");
    assertThat(
            run(Map.of("AZDO_PAT", BAD_PAT), Map.of(), "connection", "test", "--org-url", "{emu}")
                .err())
        .contains("authentication failed (HTTP 401)");
    assertThat(run("connection", "test", "--org-url", "{emu}", "--pat", BAD_PAT).err())
        .contains("visible to other users")
        .contains("authentication failed (HTTP 401)");
    CliProcess.Result imp = run(importArgs(dir.resolve("rows.csv").toString(), "--pat-file", bad));
    assertThat(imp.exit()).isEqualTo(1);
    assertThat(imp.err()).contains("HTTP 401");
  }

  @Test
  void anImportThatWritesRejectsJournalAndRequestsKeepsThePatOutOfThem() throws Exception {
    String good = dir.resolve("good.pat").toString();
    CliProcess.Result r = run(importArgs(dir.resolve("rows.csv").toString(), "--pat", GOOD_PAT));
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
  }

  @Test
  void aBadOrganizationUrlIsNamedWithoutItsCredentials() throws Exception {
    String good = dir.resolve("good.pat").toString();
    for (String url :
        List.of(
            "https://" + USER + ":" + BAD_PAT + "@dev.azure.com/acme",
            "ftp://" + USER + ":" + BAD_PAT + "@example.com/acme",
            "http://" + USER + ":" + BAD_PAT + "@bad host/acme",
            "http://127.0.0.1:1/acme?pat=" + BAD_PAT)) {
      CliProcess.Result r = run("connection", "test", "--org-url", url, "--pat-file", good);
      assertThat(r.exit()).as(url + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).contains("org-url");
    }
  }

  @Test
  void anUnreachableHostIsNamedWithoutTheCredentials() throws Exception {
    String bad = dir.resolve("bad.pat").toString();
    assertThat(
            run("connection", "test", "--org-url", "http://127.0.0.1:1/acme", "--pat-file", bad)
                .err())
        .contains("cannot connect to 127.0.0.1:1");
    assertThat(
            run(
                    "connection",
                    "test",
                    "--org-url",
                    "http://no-such-host.invalid/acme",
                    "--pat-file",
                    bad)
                .exit())
        .isEqualTo(1);
  }

  @Test
  void aDamagedTokenFileIsNamedNeverQuoted() throws Exception {
    CliProcess.Result r =
        run(
            Map.of(),
            Map.of(
                "input-tokens.json",
                "{\"access_token\":\"" + TOKEN + "\",\"refresh_token\":\"" + REFRESH + "\" oops"),
            "connection",
            "test",
            "--org-url",
            "{emu}",
            "--auth",
            "oauth",
            "--oauth-token-file",
            "{dir}/input-tokens.json");
    assertThat(r.err()).contains("not a token file");
    CliProcess.Result bare =
        run(
            Map.of(),
            Map.of("input-tokens.json", TOKEN + "\n"),
            "connection",
            "test",
            "--org-url",
            "{emu}",
            "--auth",
            "oauth",
            "--oauth-token-file",
            "{dir}/input-tokens.json");
    assertThat(bare.err()).contains("not a token file");
  }

  @Test
  void aBadJdbcSourceIsNamedWithoutItsPassword() throws Exception {
    String good = dir.resolve("good.pat").toString();
    for (String url :
        List.of(
            "jdbc:postgresql://dbuser:" + DB_PASSWORD + "@127.0.0.1:1/db?password=" + DB_PASSWORD,
            "jdbc:postgresql://127.0.0.1:1/db?user=dbuser&password="
                + URLEncoder.encode(DB_PASSWORD, StandardCharsets.UTF_8),
            "jdbc:nosuchdriver://dbuser:"
                + DB_PASSWORD
                + "@db.example.com/db;password="
                + DB_PASSWORD,
            "jdbc:sqlserver://db.example.com:1;user=dbuser;password=" + DB_PASSWORD,
            "jdbc:oracle:thin:dbuser/" + DB_PASSWORD + "@db.example.com:1521/svc")) {
      CliProcess.Result r = run(importArgs(url, "--query", "SELECT 1 AS Key", "--pat-file", good));
      assertThat(r.exit()).as(url + ": " + r.err()).isIn(1, 2);
    }
  }

  @Test
  void anUnknownOptionNeverEchoesTheValueAfterIt() throws Exception {
    assertThat(run("connection", "test", "--org-url", "{emu}", "--pta", BAD_PAT).err())
        .contains("--pta");
    assertThat(run("connection", "test", "--org-url", "{emu}", "--pta=" + BAD_PAT).err())
        .contains("--pta");
    assertThat(run(importArgs(dir.resolve("rows.csv").toString(), "--patfile", BAD_PAT)).exit())
        .isEqualTo(2);
  }

  @Test
  void aJobFileHoldingASecretIsRefusedWithoutShowingIt() throws Exception {
    String header =
        "source:\n  path: "
            + dir.resolve("rows.csv")
            + "\nproject: Demo\ntype: Task\nmapping: [Title=System.Title]\n";
    CliProcess.Result plain =
        run(
            Map.of(),
            Map.of(
                "input-job.yaml",
                "connection:\n  org-url: "
                    + emulator.url()
                    + "\n  pat: "
                    + BAD_PAT
                    + "\n"
                    + header),
            "run",
            "{dir}/input-job.yaml");
    assertThat(plain.exit()).isEqualTo(2);
    CliProcess.Result secret =
        run(
            Map.of(),
            Map.of(
                "input-job.yaml",
                "connection:\n  org-url: "
                    + emulator.url()
                    + "\n  auth: entra\n  entra-client-secret: "
                    + CLIENT_SECRET
                    + "\n"
                    + header),
            "run",
            "{dir}/input-job.yaml");
    assertThat(secret.exit()).isEqualTo(2);
    CliProcess.Result damaged =
        run(
            Map.of(),
            Map.of("input-job.yaml", "connection:\n  pat: \"" + BAD_PAT + "\n  : [\n" + header),
            "run",
            "{dir}/input-job.yaml");
    assertThat(damaged.exit()).isEqualTo(2);
    CliProcess.Result unknown =
        run(
            Map.of(),
            Map.of(
                "input-job.yaml",
                "connection:\n  org-url: "
                    + emulator.url()
                    + "\n  pta: "
                    + BAD_PAT
                    + "\n"
                    + header),
            "run",
            "{dir}/input-job.yaml");
    assertThat(unknown.exit()).isEqualTo(2);
  }

  @Test
  void anEntraClientSecretStaysOutOfSignInFailures() throws Exception {
    CliProcess.Result r =
        run(
            Map.of("AZDO_ENTRA_CLIENT_SECRET", CLIENT_SECRET),
            Map.of(),
            "connection",
            "test",
            "--org-url",
            "http://127.0.0.1:1/acme",
            "--auth",
            "entra",
            "--entra-flow",
            "client-credentials",
            "--entra-client-id",
            "00000000-0000-0000-0000-000000000001",
            "--entra-tenant",
            "corpus",
            "--entra-authority",
            "https://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(1);
  }
}
