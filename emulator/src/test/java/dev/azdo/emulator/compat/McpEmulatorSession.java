package dev.azdo.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.signin.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Microsoft's MCP server (@azure-devops/mcp, unchanged, from emulator/src/test/mcp) started over
 * stdio against an https emulator that names dev.azure.com, vssps.dev.azure.com and
 * almsearch.dev.azure.com and answers with https://dev.azure.com links; the preload in examples/mcp
 * sends those names to the emulator inside the server's process only.
 */
final class McpEmulatorSession implements AutoCloseable {
  // One tool call takes a second or two; start-up loads a large module graph (20-40 s on a busy
  // machine). Anything near this is a hang.
  private static final long CALL_TIMEOUT_SECONDS = 180;
  private static final List<String> HOSTS =
      List.of("dev.azure.com", "vssps.dev.azure.com", "almsearch.dev.azure.com");

  private final Emulator emulator;
  private final HttpClient https;
  private McpClient mcp;

  private McpEmulatorSession(Emulator emulator) {
    this.emulator = emulator;
    this.https =
        HttpClient.newBuilder()
            .sslContext(SelfSignedCertificate.trusting(emulator.keyStore()))
            .build();
  }

  /** Starts the emulator with its data in {@code dir}; call {@link #startServer} after seeding. */
  static McpEmulatorSession start(Path dir) {
    EmulatorConfig.Builder b =
        EmulatorConfig.builder()
            .https(true)
            .dataDir(dir.resolve("data"))
            .publicUrl("https://dev.azure.com");
    HOSTS.forEach(b::hostName);
    return new McpEmulatorSession(Emulator.create(b.build()).start());
  }

  /** The emulator the server talks to. */
  Emulator emulator() {
    return emulator;
  }

  /** The MCP client, once {@link #startServer} ran. */
  McpClient mcp() {
    return mcp;
  }

  /** Starts the MCP server with the given domains and completes the MCP handshake. */
  void startServer(Path home, String... domains) throws Exception {
    Path project = project("emulator/src/test/mcp", "package.json");
    Path server = project.resolve("node_modules/@azure-devops/mcp/dist/index.js");
    assertThat(server)
        .withFailMessage(
            "@azure-devops/mcp is not installed: run `npm ci --ignore-scripts` in %s (mvn runs it"
                + " in generate-test-resources when node_modules is missing, unless -Dskip.npm)",
            project)
        .exists();
    Path preload =
        project("examples/mcp", "azdo-emulator-preload.cjs").resolve("azdo-emulator-preload.cjs");
    Files.createDirectories(home);
    ProcessBuilder pb =
        new ProcessBuilder(
                "node",
                "--require",
                preload.toString(),
                server.toString(),
                emulator.config().org(),
                "--authentication",
                "pat",
                "--domains")
            .directory(project.toFile());
    pb.command().addAll(List.of(domains));
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("USERPROFILE", home.toString());
    env.put("AZDO_EMULATOR_ADDRESS", "127.0.0.1:" + emulator.port());
    env.put("AZDO_EMULATOR_HOSTS", String.join(",", HOSTS));
    env.put("NODE_EXTRA_CA_CERTS", emulator.certificatePem().toString());
    // The server's PAT mode takes base64(user:PAT), as Azure DevOps' Basic scheme does.
    env.put(
        "PERSONAL_ACCESS_TOKEN",
        Base64.getEncoder()
            .encodeToString(("mcp:" + emulator.config().pat()).getBytes(StandardCharsets.UTF_8)));
    env.put("NO_COLOR", "1");
    mcp = new McpClient(pb, CALL_TIMEOUT_SECONDS);
    JsonNode init =
        mcp.request(
            "initialize",
            Map.of(
                "protocolVersion",
                "2025-06-18",
                "capabilities",
                Map.of(),
                "clientInfo",
                Map.of("name", "azdo-emulator-test", "version", "1")));
    assertThat(init.path("serverInfo").path("name").asText()).isEqualTo("Azure DevOps MCP Server");
    mcp.notify("notifications/initialized");
  }

  /** A REST call to the emulator over https with the PAT; asserts a 200 and returns its JSON. */
  JsonNode rest(String method, String path, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(emulator.url() + "/" + path + "?api-version=7.1"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (":" + emulator.config().pat()).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    HttpResponse<String> r = https.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s %s answered %s", method, path, r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  /** A folder of the repository holding a file, whether Maven runs from the module or the root. */
  static Path project(String fromRoot, String file) {
    for (String candidate :
        List.of(fromRoot.replaceFirst("^emulator/", ""), fromRoot, "../" + fromRoot)) {
      Path p = Paths.get(candidate).toAbsolutePath().normalize();
      if (Files.exists(p.resolve(file))) {
        return p;
      }
    }
    throw new AssertionError(
        "cannot find " + fromRoot + "/" + file + " from " + Paths.get("").toAbsolutePath());
  }

  @Override
  public void close() throws Exception {
    try {
      if (mcp != null) {
        mcp.close();
      }
    } finally {
      emulator.close();
    }
  }
}
