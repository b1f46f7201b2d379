package dev.azdo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.WorkItem;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.pipeline.mapping.AzdoFieldCatalog;
import dev.azdo.pipeline.mapping.MappingSpec;
import dev.azdo.pipeline.report.RunSummary;
import dev.azdo.pipeline.source.JdbcSource;
import dev.azdo.pipeline.source.SourceOptions;
import dev.azdo.pipeline.writer.AzdoWorkItemSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the result of a PostgreSQL query into the emulator with the real PostgreSQL driver.
 *
 * <p>The server is the one .ci/run starts (AZDO_TEST_PG_URL); without it the test starts its own
 * from Debian's binaries (/usr/lib/postgresql/N/bin), and fails rather than skips when there are
 * none.
 */
class PostgresImportTest {
  /** The JDBC URL (with user and password parameters) of a server the test may create tables in. */
  static final String URL_ENV = "AZDO_TEST_PG_URL";

  private static LocalPostgres local;
  private static String url;
  @TempDir Path dir;

  @BeforeAll
  static void server() throws Exception {
    String given = System.getenv(URL_ENV);
    if (given != null && !given.isBlank()) {
      url = given;
      return;
    }
    Optional<Path> bin = LocalPostgres.binaries();
    if (bin.isEmpty()) {
      throw new AssertionError(
          URL_ENV
              + " is not set and no PostgreSQL binaries are installed (/usr/lib/postgresql/*/bin);"
              + " run .ci/run, or apt-get install postgresql");
    }
    local = LocalPostgres.start(bin.get());
    url = local.url();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void importsAPostgresQueryIntoTheEmulator() throws Exception {
    String table = "bugs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url);
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE "
              + table
              + " (bkey text PRIMARY KEY, title text NOT NULL, prio integer, effort numeric(6,2),"
              + " found date, notes text)");
      st.execute(
          "INSERT INTO "
              + table
              + " VALUES ('PG-1', 'Crash on save', 1, 2.50, DATE '2024-03-01',"
              + " E'line one\\nline two'), ('PG-2', 'Typo in footer', 3, NULL, NULL, NULL),"
              + " ('PG-3', 'Ünïcode title ✓', 2, 8.00, DATE '2024-12-31', 'plain')");
    }
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().lostResponseShare(0).build()).start()) {
      AzdoClient client =
          AzdoClient.create(
              ConnectionConfig.parse(
                      Map.of("org-url", emulator.url(), "pat", "emulator-pat", "project", "Demo"),
                      Map.of())
                  .orThrow());
      // The user and password go apart from the URL, as a job file gives them.
      Map<String, String> params = params(url);
      ImportJob job =
          ImportJob.builder(
                  SourceOptions.builder(url.replaceFirst("\\?.*$", ""))
                      .credentials(params.get("user"), params.get("password"))
                      .query(
                          "SELECT bkey AS \"Key\", title AS \"Title\", prio AS \"Priority\","
                              + " effort AS \"Effort\", notes AS \"Notes\" FROM "
                              + table
                              + " WHERE found IS NOT NULL OR prio = 3 ORDER BY bkey")
                      .fetchSize(2)
                      .build())
              .project("Demo")
              .type("Bug")
              .map("Title=System.Title")
              .map("Priority=Microsoft.VSTS.Common.Priority")
              .map("Notes=System.Description")
              .key("Key")
              .rejects(dir.resolve("rejects.csv"))
              .journal(dir.resolve("pg.journal"))
              .build();
      assertThat(job.source().format()).isEqualTo(SourceOptions.Format.JDBC);
      RunSummary summary =
          Importer.run(
              job,
              AzdoFieldCatalog.of(client, "Demo"),
              new AzdoWorkItemSink(client, "Demo"),
              null,
              null);
      assertThat(summary)
          .hasToString(
              "read 3, written 3, rejected 0, skipped 0 (unchanged 0, created with changed content 0, not attempted 0)");

      WorkItem crash = only(client, "PG-1");
      assertThat(crash.field("System.Title").asText()).isEqualTo("Crash on save");
      assertThat(crash.field("System.WorkItemType").asText()).isEqualTo("Bug");
      assertThat(crash.field("Microsoft.VSTS.Common.Priority").asInt()).isEqualTo(1);
      assertThat(crash.field("System.Description").asText())
          .contains("line one")
          .contains("line two");
      assertThat(only(client, "PG-2").field("Microsoft.VSTS.Common.Priority").asInt()).isEqualTo(3);
      assertThat(only(client, "PG-3").field("System.Title").asText()).isEqualTo("Ünïcode title ✓");
    } finally {
      try (Connection c = DriverManager.getConnection(url);
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }

  @Test
  void postgresTypesStreamAsText() throws SQLException {
    try (JdbcSource source =
        JdbcSource.open(
            url,
            null,
            null,
            "SELECT 42::bigint AS n, 1.50::numeric(4,2) AS d, DATE '2024-03-01' AS day,"
                + " TIMESTAMP '2024-03-01 09:30:00' AS ts, true AS flag, NULL::text AS nothing"
                + " FROM generate_series(1, 2500)",
            1000)) {
      assertThat(source.schema().columns())
          .containsExactly("n", "d", "day", "ts", "flag", "nothing");
      int count = 0;
      var row = source.next();
      assertThat(row.asMap())
          .containsEntry("n", "42")
          .containsEntry("d", "1.50")
          .containsEntry("day", "2024-03-01")
          .containsEntry("ts", "2024-03-01T09:30");
      assertThat(row.get("nothing")).isNull();
      while (row != null) {
        count++;
        row = source.next();
      }
      assertThat(count).isEqualTo(2500);
    }
  }

  private static Map<String, String> params(String jdbcUrl) {
    Map<String, String> out = new java.util.HashMap<>();
    int q = jdbcUrl.indexOf('?');
    if (q >= 0) {
      for (String pair : jdbcUrl.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(
              pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  private static WorkItem only(AzdoClient client, String key) {
    List<Integer> ids =
        client
            .queryIds(
                "Demo",
                "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project"
                    + " AND [System.Tags] CONTAINS '"
                    + MappingSpec.keyTag(key)
                    + "'")
            .ids();
    assertThat(ids).as("work items with key %s", key).hasSize(1);
    return client.getWorkItem(ids.get(0));
  }

  /** A throwaway PostgreSQL server in a temp directory, on loopback and a free port. */
  private static final class LocalPostgres implements AutoCloseable {
    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;

    private LocalPostgres(Path bin, Path home, int port) {
      this.bin = bin;
      this.home = home;
      this.data = home.resolve("data");
      this.port = port;
    }

    /** Finds the newest /usr/lib/postgresql/N/bin holding initdb and pg_ctl. */
    static Optional<Path> binaries() throws IOException {
      Path root = Path.of("/usr/lib/postgresql");
      if (!Files.isDirectory(root)) {
        return Optional.empty();
      }
      try (Stream<Path> versions = Files.list(root)) {
        return versions
            .map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max((a, b) -> versionOf(a) - versionOf(b));
      }
    }

    private static int versionOf(Path bin) {
      try {
        return Integer.parseInt(bin.getParent().getFileName().toString());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    static LocalPostgres start(Path bin) throws Exception {
      Path home = Files.createTempDirectory("azdo-pg-");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      LocalPostgres pg = new LocalPostgres(bin, home, port);
      // initdb refuses to run as root; then the server belongs to Debian's postgres user.
      if (isRoot()) {
        pg.run(List.of("chown", "postgres", home.toString()), false);
      }
      pg.run(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              pg.data.toString(),
              "-U",
              "azdo_test",
              "--auth=trust",
              "-E",
              "UTF8",
              "--no-sync"),
          true);
      pg.run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              pg.data.toString(),
              "-l",
              home.resolve("server.log").toString(),
              "-w",
              "-o",
              "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1",
              "start"),
          true);
      return pg;
    }

    String url() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=azdo_test";
    }

    @Override
    public void close() throws Exception {
      run(
          List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "stop"),
          true);
      try (Stream<Path> files = Files.walk(home)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }

    private static boolean isRoot() {
      return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command, boolean asServerUser) throws Exception {
      List<String> cmd = new ArrayList<>();
      if (asServerUser && isRoot()) {
        cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      cmd.addAll(command);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new AssertionError("PostgreSQL setup failed: " + String.join(" ", cmd) + "\n" + out);
      }
    }
  }
}
