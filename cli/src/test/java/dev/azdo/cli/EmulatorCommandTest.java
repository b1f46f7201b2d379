package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

  private static Process launch(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void emulatorPrintsItsUrlLineFirstAndServesRequests() throws Exception {
    Process p = launch("emulator", "--port", "0", "--org", "acme");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line)
          .matches("Azure DevOps emulator listening on http://127\\.0\\.0\\.1:\\d+/acme");

      String url = line.substring(line.indexOf("http://"));
      String root = url.substring(0, url.lastIndexOf('/'));
      // After the URL line: how to sign in, with the test app's id, secret and URLs.
      StringBuilder next = new StringBuilder();
      for (String l = out.readLine(); l != null && !l.startsWith("  Try:"); l = out.readLine()) {
        next.append(l).append('\n');
      }
      assertThat(next.toString())
          .contains("PAT: emulator-pat")
          .contains(
              "client id 7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d, client secret emulator-client-secret")
          .contains("authorize " + root + "/oauth2/authorize, token " + root + "/oauth2/token")
          .contains("Entra ID test app")
          .contains(root + "/TENANT/oauth2/v2.0/authorize");
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(url + "/_apis/connectionData"))
              .header(
                  "Authorization",
                  "Basic " + Base64.getEncoder().encodeToString(":emulator-pat".getBytes()))
              .build();
      HttpResponse<String> res =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).contains("Alice Admin");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void badEmulatorOptionIsAUsageErrorWithOneLine() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "emulator",
                "--fault-rate",
                "7")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output.strip()).isEqualTo("azdo: --fault-rate must be between 0 and 1, got 7.0");
  }

  @Test
  void throttleFlagsSetTheBudgetCostsAndBlockPoint() throws Exception {
    // 4 TSTUs, each request costs 2, blocked from 1x the budget: the third request gets a 429.
    Process p =
        launch(
            "emulator",
            "--throttle-tstu",
            "4",
            "--throttle-window-s",
            "60",
            "--throttle-request-cost",
            "2",
            "--throttle-block-factor",
            "1",
            "--throttle-max-delay-ms",
            "0");
    try {
      String line =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      String url = line.substring(line.indexOf("http://"));
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(url + "/_apis/projects?api-version=7.1"))
              .header(
                  "Authorization",
                  "Basic " + Base64.getEncoder().encodeToString(":emulator-pat".getBytes()))
              .build();
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<String> last = null;
      for (int i = 0; i < 3; i++) {
        last = http.send(req, HttpResponse.BodyHandlers.ofString());
        statuses.add(last.statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 429);
      assertThat(last.headers().firstValue("Retry-After")).isPresent();
      assertThat(last.body()).contains("TF400733");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
