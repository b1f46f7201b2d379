package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.signin.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs `azdo token generate` end to end and headless: the command prints the sign-in URL, a
 * scripted browser approves consent on the emulator's page, and the saved profile then works.
 *
 * <p>The command runs in a child JVM because the config directory comes from the environment
 * (AZDO_CONFIG_DIR), which a test cannot set for its own JVM.
 */
class TokenCommandTest {
  // The emulator's seeded sample app (SignInModule.DEFAULT_CLIENT_ID / DEFAULT_CLIENT_SECRET).
  private static final String CLIENT_ID = "7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d";
  private static final String CLIENT_SECRET = "emulator-client-secret";
  private static final String DESKTOP_CLIENT_ID = "0b6a3c1e-3f0e-4c55-9d1f-2a7b8c9d0e1f";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path config;
  @TempDir Path work;

  @Test
  void oauthTokenGenerateSavesTokensOwnerOnlyAndTheProfileThenConnects() throws Exception {
    try (Emulator emulator = Emulator.startDefault()) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
      Path secretFile = Files.writeString(work.resolve("client-secret"), CLIENT_SECRET);
      CliProcess.Result save =
          CliProcess.run(
              env,
              "connection",
              "save",
              "emu",
              "--org-url",
              emulator.url(),
              "--auth",
              "oauth",
              "--oauth-client-id",
              CLIENT_ID,
              "--oauth-client-secret",
              "file:" + secretFile,
              "--oauth-scopes",
              "vso.project,vso.work_write",
              "--oauth-authorize-url",
              emulator.rootUrl() + "/oauth2/authorize",
              "--oauth-token-url",
              emulator.rootUrl() + "/oauth2/token",
              "--oauth-redirect-uri",
              "http://127.0.0.1:" + port + "/callback");
      assertThat(save.exit()).as(save.err()).isZero();

      Path backup = work.resolve("backup.json");
      Browser browser = new Browser(HttpClient.newHttpClient());
      Run run =
          Run.start(
              env,
              List.of(),
              "token",
              "generate",
              "--profile",
              "emu",
              "--backup-file",
              backup.toString(),
              "--timeout",
              "60");
      URI signIn = run.awaitUrl();
      assertThat(signIn.toString()).startsWith(emulator.rootUrl() + "/oauth2/authorize?");
      assertThat(browser.approve(signIn, "bob@example.com")).contains("Signed in to Azure DevOps");
      CliProcess.Result generated = run.finish();
      assertThat(generated.exit()).as(generated.err()).isZero();
      assertThat(generated.out()).contains("Signed in.").contains("owner-only");

      Path tokenFile = config.resolve("tokens/emu.json");
      assertThat(permissions(tokenFile)).isEqualTo("rw-------");
      assertThat(permissions(backup)).isEqualTo("rw-------");
      JsonNode tokens = JSON.readTree(tokenFile.toFile());
      List<String> secrets =
          List.of(tokens.get("access_token").asText(), tokens.get("refresh_token").asText());
      assertThat(JSON.readTree(backup.toFile())).isEqualTo(tokens);

      CliProcess.Result test = CliProcess.run(env, "connection", "test", "--profile", "emu");
      assertThat(test.exit()).as(test.err()).isZero();
      assertThat(test.out()).contains("Connected to demo").contains("bob@example.com");

      String printed = generated.out() + generated.err() + test.out() + test.err();
      String profile = Files.readString(config.resolve("profiles.json"));
      for (String secret : secrets) {
        assertThat(printed).doesNotContain(secret);
        assertThat(profile).doesNotContain(secret);
      }
      assertThat(profile).doesNotContain(CLIENT_SECRET);
    }
  }

  @Test
  void entraInteractiveTokenGenerateSignsInWithPkceAndTheProfileThenConnects() throws Exception {
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().https(true).build()).start()) {
      HttpClient https = trusting(emulator);
      List<String> jvm = trustStoreOptions(emulator);
      Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
      saveEntraProfile(env, emulator, "entra", "interactive");

      Run run = Run.start(env, jvm, "token", "generate", "--profile", "entra", "--timeout", "60");
      URI signIn = run.awaitUrl();
      assertThat(signIn.getPath()).isEqualTo("/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
      assertThat(signIn.getRawQuery()).contains("code_challenge_method=S256");
      new Browser(https).approve(signIn, "carol@example.com");
      CliProcess.Result generated = run.finish();
      assertThat(generated.exit()).as(generated.err()).isZero();
      assertThat(generated.out()).contains("Entra ID tokens saved owner-only");

      Path cache = config.resolve("tokens/entra.entra.json");
      assertThat(permissions(cache)).isEqualTo("rw-------");
      List<String> secrets = new ArrayList<>();
      JSON.readTree(cache.toFile())
          .forEach(
              section ->
                  section.forEach(
                      entry -> {
                        if (!entry.path("secret").asText().isEmpty()) {
                          secrets.add(entry.path("secret").asText());
                        }
                      }));
      assertThat(secrets).hasSizeGreaterThanOrEqualTo(2).allMatch(s -> s.length() > 10);

      CliProcess.Result test =
          CliProcessWithJvm.run(env, jvm, "connection", "test", "--profile", "entra");
      assertThat(test.exit()).as(test.err()).isZero();
      assertThat(test.out()).contains("Connected to demo").contains("carol@example.com");

      String printed = generated.out() + generated.err() + test.out() + test.err();
      String profile = Files.readString(config.resolve("profiles.json"));
      for (String secret : secrets) {
        assertThat(printed).doesNotContain(secret);
        assertThat(profile).doesNotContain(secret);
      }
    }
  }

  @Test
  void entraDeviceCodeTokenGeneratePrintsTheCodeAndSignsInOnceItIsEntered() throws Exception {
    try (Emulator emulator =
        Emulator.create(EmulatorConfig.builder().https(true).build()).start()) {
      HttpClient https = trusting(emulator);
      List<String> jvm = trustStoreOptions(emulator);
      Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
      saveEntraProfile(env, emulator, "device", "device-code");

      Run run = Run.start(env, jvm, "token", "generate", "--profile", "device", "--timeout", "60");
      String prompt = run.awaitLine("enter the code");
      Matcher code = Pattern.compile("enter the code ([A-Z0-9-]+)").matcher(prompt);
      Matcher page = Pattern.compile("open the page (\\S+)").matcher(prompt);
      assertThat(code.find() && page.find()).as(prompt).isTrue();
      // The person types the code on the device login page, on another machine as far as azdo
      // knows.
      HttpResponse<String> entered =
          https.send(
              HttpRequest.newBuilder(URI.create(page.group(1)))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "user_code=" + code.group(1) + "&user=dave%40example.com&approve=true"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(entered.body()).contains("You have signed in");
      CliProcess.Result generated = run.finish();
      assertThat(generated.exit()).as(generated.err()).isZero();
      assertThat(permissions(config.resolve("tokens/device.entra.json"))).isEqualTo("rw-------");

      CliProcess.Result test =
          CliProcessWithJvm.run(env, jvm, "connection", "test", "--profile", "device");
      assertThat(test.exit()).as(test.err()).isZero();
      assertThat(test.out()).contains("dave@example.com");
    }
  }

  @Test
  void againstALocalEmulatorOauthTokenGenerateNeedsNoOtherFlagAndThePatProfileThenSignsInWithIt()
      throws Exception {
    try (Emulator emulator = Emulator.startDefault()) {
      Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
      Path pat = Files.writeString(work.resolve("pat"), "emulator-pat\n");
      CliProcess.Result save =
          CliProcess.run(
              env,
              "connection",
              "save",
              "emu",
              "--org-url",
              emulator.url(),
              "--pat-file",
              pat.toString());
      assertThat(save.exit()).as(save.err()).isZero();

      // Only the profile and --auth oauth: the emulator's test app is the default for it.
      Run run =
          Run.start(env, List.of(), "token", "generate", "--profile", "emu", "--auth", "oauth");
      URI signIn = run.awaitUrl();
      assertThat(signIn.toString())
          .startsWith(emulator.rootUrl() + "/oauth2/authorize?")
          .contains("client_id=7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d");
      new Browser(HttpClient.newHttpClient()).approve(signIn, "bob@example.com");
      CliProcess.Result generated = run.finish();
      assertThat(generated.exit()).as(generated.err()).isZero();
      assertThat(generated.out()).contains("Profile 'emu' updated (auth)");

      // The same profile, no more flags: it signs in as Bob with the saved tokens, not the PAT.
      CliProcess.Result test = CliProcess.run(env, "connection", "test", "--profile", "emu");
      assertThat(test.exit()).as(test.err()).isZero();
      assertThat(test.out()).contains("(profile 'emu')").contains("bob@example.com");
      assertThat(Files.readString(config.resolve("profiles.json"))).doesNotContain(CLIENT_SECRET);
    }
  }

  @Test
  void withoutAProfileTheLocalEmulatorsTokensAreKeptForItsOrganization() throws Exception {
    try (Emulator emulator = Emulator.startDefault()) {
      Map<String, String> env = Map.of("AZDO_CONFIG_DIR", config.toString());
      Run run =
          Run.start(
              env, List.of(), "token", "generate", "--org-url", emulator.url(), "--auth", "oauth");
      new Browser(HttpClient.newHttpClient()).approve(run.awaitUrl(), "carol@example.com");
      CliProcess.Result generated = run.finish();
      assertThat(generated.exit()).as(generated.err()).isZero();
      assertThat(permissions(config.resolve("tokens/demo.json"))).isEqualTo("rw-------");

      CliProcess.Result test =
          CliProcess.run(env, "connection", "test", "--org-url", emulator.url(), "--auth", "oauth");
      assertThat(test.exit()).as(test.err()).isZero();
      assertThat(test.out()).contains("carol@example.com");
    }
  }

  @Test
  void theEmulatorsTestAppIsNeverTheDefaultForAnotherHost() {
    assertThat(
            EmulatorSignIn.defaults(
                Map.of("auth", "oauth", "org-url", "https://dev.azure.com/fabrikam")))
        .isEmpty();
    // A DNS name is not trusted to be local, even one that resolves to loopback today.
    assertThat(
            EmulatorSignIn.defaults(
                Map.of("auth", "oauth", "org-url", "http://localhost.example.com:8080/demo")))
        .isEmpty();
    assertThat(EmulatorSignIn.defaults(Map.of("auth", "pat", "org-url", "http://127.0.0.1:8/d")))
        .isEmpty();
    assertThat(
            EmulatorSignIn.defaults(
                Map.of(
                    "auth",
                    "oauth",
                    "org-url",
                    "http://127.0.0.1:8080/demo",
                    "oauth-client-id",
                    "mine")))
        .containsEntry("oauth-token-url", "http://127.0.0.1:8080/oauth2/token")
        .doesNotContainKey("oauth-client-secret");
  }

  @Test
  void tokenGenerateForAPatProfileIsAUsageError() throws Exception {
    CliProcess.Result r =
        CliProcess.run(
            Map.of("AZDO_CONFIG_DIR", config.toString(), "AZDO_PAT", "pat-value-1234567890"),
            "token",
            "generate",
            "--org-url",
            "http://127.0.0.1:9/demo");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--auth oauth or --auth entra").doesNotContain("pat-value");
  }

  /** An HTTP client that trusts the emulator's self-signed certificate, with the desktop app. */
  private static HttpClient trusting(Emulator emulator) throws Exception {
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(SelfSignedCertificate.trusting(emulator.keyStore()))
            .build();
    registerDesktopApp(https, emulator);
    return https;
  }

  // MSAL and the client trust the emulator's self-signed certificate through the JVM's standard
  // trust store properties, as a user would with a corporate CA.
  private static List<String> trustStoreOptions(Emulator emulator) {
    return List.of(
        "-Djavax.net.ssl.trustStore=" + emulator.keyStore(),
        "-Djavax.net.ssl.trustStorePassword=" + SelfSignedCertificate.PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  /** Saves a profile that signs in to the emulator's Entra tenant with the desktop app. */
  private static void saveEntraProfile(
      Map<String, String> env, Emulator emulator, String name, String flow) throws Exception {
    CliProcess.Result save =
        CliProcess.run(
            env,
            "connection",
            "save",
            name,
            "--org-url",
            emulator.url(),
            "--auth",
            "entra",
            "--entra-flow",
            flow,
            "--entra-tenant",
            "contoso.onmicrosoft.com",
            "--entra-authority",
            emulator.rootUrl(),
            "--entra-client-id",
            DESKTOP_CLIENT_ID);
    assertThat(save.exit()).as(save.err()).isZero();
  }

  private static void registerDesktopApp(HttpClient http, Emulator emulator) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/oauth/apps"))
                .header("Authorization", "Bearer emulator-admin")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"clientId\":\""
                            + DESKTOP_CLIENT_ID
                            + "\",\"name\":\"Desktop app\",\"publicClient\":true,"
                            + "\"redirectUris\":[\"http://localhost\"],\"scopes\":["
                            + "\"499b84ac-1321-427f-aa17-267ca6975798/.default\"]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(201);
  }

  private static String permissions(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Runs a one-shot azdo in a child JVM with extra JVM options. */
  private static final class CliProcessWithJvm {
    static CliProcess.Result run(Map<String, String> env, List<String> jvm, String... args)
        throws Exception {
      return Run.start(env, jvm, args).finish();
    }
  }

  /** A running `azdo` child process whose stdout is read line by line as it comes. */
  private static final class Run {
    private final Process process;
    private final BufferedReader out;
    private final StringBuilder outText = new StringBuilder();
    private final CompletableFuture<String> err;

    private Run(Process process) {
      this.process = process;
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.err =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(
                      process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  return e.toString();
                }
              });
    }

    static Run start(Map<String, String> env, List<String> jvm, String... args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Djava.awt.headless=true");
      cmd.addAll(jvm);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.environment().remove("AZDO_PAT");
      pb.environment().remove("AZURE_DEVOPS_EXT_PAT");
      pb.environment().remove("AZDO_ORG_URL");
      pb.environment().putAll(env);
      return new Run(pb.start());
    }

    /** Reads stdout up to the printed sign-in URL (a blocking read, no polling). */
    URI awaitUrl() throws IOException {
      String line;
      while ((line = out.readLine()) != null) {
        outText.append(line).append('\n');
        if (line.startsWith("https://") || line.startsWith("http://")) {
          return URI.create(line.trim());
        }
      }
      throw new AssertionError(
          "no sign-in URL printed; stdout: " + outText + " stderr: " + err.join());
    }

    /** Reads stdout up to the first line containing the text (a blocking read, no polling). */
    String awaitLine(String containing) throws IOException {
      String line;
      while ((line = out.readLine()) != null) {
        outText.append(line).append('\n');
        if (line.contains(containing)) {
          return line;
        }
      }
      throw new AssertionError(
          "no line with '" + containing + "'; stdout: " + outText + " stderr: " + err.join());
    }

    /** Waits for the process to end and returns everything it printed. */
    CliProcess.Result finish() throws Exception {
      String line;
      while ((line = out.readLine()) != null) {
        outText.append(line).append('\n');
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("azdo did not finish");
      }
      return new CliProcess.Result(process.exitValue(), outText.toString(), err.join());
    }
  }

  /** Plays the user on the emulator's consent page and returns to the app's redirect listener. */
  private static final class Browser {
    private static final Pattern ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"");
    private static final Pattern HIDDEN =
        Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private final HttpClient http;

    Browser(HttpClient http) {
      this.http = http;
    }

    /** Opens the sign-in URL, presses Accept as the user and returns the app's answer page. */
    String approve(URI signIn, String user) throws Exception {
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(signIn).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      Matcher action = ACTION.matcher(page.body());
      assertThat(action.find()).as("consent form in %s", page.body()).isTrue();
      Map<String, String> form = new LinkedHashMap<>();
      Matcher hidden = HIDDEN.matcher(page.body());
      while (hidden.find()) {
        form.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
      }
      form.put("user", user);
      form.put("approve", "true");
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(signIn.resolve(unescape(action.group(1))))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpClient local = HttpClient.newHttpClient();
      if ("form_post".equals(form.get("response_mode"))) {
        // Entra answers response_mode=form_post with a page whose form posts the result to the
        // redirect URI; a browser runs its script, this posts the form.
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        Matcher to = ACTION.matcher(posted.body());
        assertThat(to.find()).as("form_post form in %s", posted.body()).isTrue();
        Map<String, String> result = new LinkedHashMap<>();
        Matcher field = HIDDEN.matcher(posted.body());
        while (field.find()) {
          result.put(unescape(field.group(1)), unescape(field.group(2)));
        }
        return local
            .send(
                HttpRequest.newBuilder(URI.create(unescape(to.group(1))))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(result)))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
      }
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
      URI back = URI.create(posted.headers().firstValue("Location").orElseThrow());
      return local
          .send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }

    private static String encode(Map<String, String> form) {
      StringBuilder b = new StringBuilder();
      form.forEach(
          (k, v) ->
              b.append(b.length() == 0 ? "" : "&")
                  .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return b.toString();
    }

    private static String unescape(String html) {
      return html.replace("&quot;", "\"")
          .replace("&#39;", "'")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&amp;", "&");
    }
  }
}
