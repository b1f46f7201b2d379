package dev.azdo.client.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.azdo.emulator.Emulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Managed identity through MSAL4J, headless: a child JVM gets App Service's IDENTITY_ENDPOINT and
 * IDENTITY_HEADER pointing at a local identity endpoint, which hands out a token the emulator
 * issued (by client credentials) for the Azure DevOps resource; the child then calls the API.
 */
class EmulatorManagedIdentityIntegrationTest {
  // The emulator's seeded sample app (SignInModule.DEFAULT_CLIENT_ID / DEFAULT_CLIENT_SECRET).
  private static final String CLIENT_ID = "7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d";
  private static final String CLIENT_SECRET = "emulator-client-secret";
  private static final String IDENTITY_HEADER = "identity-header-5f2c9a";
  private static final String RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Emulator emulator;
  private HttpServer identity;
  private String issued;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    emulator = Emulator.startDefault();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            emulator.rootUrl() + "/contoso.onmicrosoft.com/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id="
                                + CLIENT_ID
                                + "&client_secret="
                                + CLIENT_SECRET
                                + "&scope="
                                + URLEncoder.encode(
                                    RESOURCE + "/.default", StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    issued = JSON.readTree(r.body()).get("access_token").asText();

    // App Service's identity endpoint: GET ?api-version=2019-08-01&resource=... with the
    // X-IDENTITY-HEADER secret; it answers with the token and expires_on in epoch seconds.
    identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    identity.createContext(
        "/msi/token",
        ex -> {
          try (ex) {
            String header = ex.getRequestHeaders().getFirst("X-IDENTITY-HEADER");
            requests.add(
                ex.getRequestURI().getRawQuery() + " header=" + IDENTITY_HEADER.equals(header));
            byte[] body =
                JSON.writeValueAsBytes(
                    IDENTITY_HEADER.equals(header)
                        ? Map.of(
                            "access_token",
                            issued,
                            "expires_on",
                            String.valueOf(Instant.now().plusSeconds(3600).getEpochSecond()),
                            "resource",
                            RESOURCE,
                            "token_type",
                            "Bearer")
                        : Map.of("error", "invalid_request"));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(IDENTITY_HEADER.equals(header) ? 200 : 400, body.length);
            try (OutputStream os = ex.getResponseBody()) {
              os.write(body);
            }
          }
        });
    identity.start();
  }

  @AfterEach
  void stop() {
    identity.stop(0);
    emulator.close();
  }

  private record Child(int exit, String out, String err) {}

  private Child probe(String... extraArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ManagedIdentityProbe.class.getName());
    cmd.add(emulator.url());
    cmd.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    List.of("MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT")
        .forEach(env::remove);
    env.put(
        "IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token");
    env.put("IDENTITY_HEADER", IDENTITY_HEADER);
    Process p = pb.start();
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                return e.toString();
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe did not finish");
    }
    return new Child(p.exitValue(), out, err.join());
  }

  @Test
  void systemAssignedIdentitySignsInForTheAzureDevOpsResource() throws Exception {
    Child c = probe();
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("projects: ").contains("Demo");
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .contains("api-version=2019-08-01")
        .contains("resource=" + RESOURCE)
        .endsWith("header=true");
    assertThat(c.out() + c.err()).doesNotContain(issued);
  }

  @Test
  void userAssignedIdentitySendsItsClientId() throws Exception {
    String clientId = "3c9f1d2e-aaaa-4bbb-8ccc-0d1e2f3a4b5c";
    Child c = probe(clientId);
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0)).contains("client_id=" + clientId);
  }
}
