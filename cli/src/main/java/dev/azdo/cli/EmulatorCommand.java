package dev.azdo.cli;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import dev.azdo.emulator.signin.SignInModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `azdo emulator`: runs a local Azure DevOps emulator until SIGTERM or Ctrl-C. */
@Command(
    name = "emulator",
    footer = {
      "Examples:",
      "  azdo emulator --port 8080 --org demo --project Demo",
      "  azdo emulator --https --data .emulator-data --throttle-tstu 300 --throttle-window-s 5",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Runs a local Azure DevOps Services emulator (same URLs, JSON, errors, auth, throttling).",
      "The first line printed is: Azure DevOps emulator listening on http://127.0.0.1:PORT/ORG;"
          + " the lines after it repeat the sign-in details below.",
      "Sign-in: the PAT (--pat, default emulator-pat) as Basic with any user name or as Bearer.",
      "OAuth test app (legacy Azure DevOps OAuth, \"Generate Token\"): client id "
          + SignInModule.DEFAULT_CLIENT_ID
          + ", client secret "
          + SignInModule.DEFAULT_CLIENT_SECRET
          + "; authorize URL ROOT/oauth2/authorize, token URL ROOT/oauth2/token (ROOT is"
          + " http://127.0.0.1:PORT); redirect http://localhost:PORT/callback or"
          + " http://127.0.0.1:PORT/callback on any port. azdo token generate --auth oauth"
          + " uses these by itself when --org-url is an emulator's URL on this machine.",
      "Entra ID test app: the same client id and secret; authority ROOT (any tenant):"
          + " ROOT/TENANT/oauth2/v2.0/authorize, token and devicecode, discovery"
          + " ROOT/TENANT/v2.0/.well-known/openid-configuration (MSAL needs --https).",
      "The consent page signs in a seeded user: alice@example.com (the PAT's owner), bob@,"
          + " carol@, dave@, erin@example.com."
    })
final class EmulatorCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Port on 127.0.0.1; 0 picks a free one.")
  int port;

  @Option(
      names = "--org",
      defaultValue = "demo",
      description = "Organization name (default: ${DEFAULT-VALUE}).")
  String org;

  @Option(
      names = "--project",
      defaultValue = "Demo",
      description = "Seeded project (default: ${DEFAULT-VALUE}).")
  String project;

  @Option(
      names = "--process",
      defaultValue = "Agile",
      description =
          "Process of the seeded project: Agile, Scrum, Basic, CMMI (default: ${DEFAULT-VALUE}).")
  String process;

  @Option(
      names = "--pat",
      defaultValue = "emulator-pat",
      description = "The PAT it accepts (default: ${DEFAULT-VALUE}).")
  String pat;

  @Option(
      names = "--data",
      description = "Directory that keeps the state across restarts (default: in memory).")
  Path data;

  @Option(
      names = "--custom-field",
      description = "Custom.NAME[:type] added to every work item type (repeatable).")
  List<String> customFields = new ArrayList<>();

  @Option(names = "--latency-ms", defaultValue = "0", description = "Delay added to every request.")
  int latencyMs;

  @Option(
      names = "--latency-jitter-ms",
      defaultValue = "0",
      description = "Random extra delay, up to this.")
  int latencyJitterMs;

  @Option(
      names = "--throttle-tstu",
      defaultValue = "0",
      description = "TSTU budget per identity and window; 0 = off.")
  int throttleTstu;

  @Option(
      names = "--throttle-window-s",
      defaultValue = "300",
      description = "Sliding window of the TSTU budget.")
  int throttleWindowS;

  @Option(
      names = "--throttle-request-cost",
      defaultValue = "1",
      description = "TSTUs one request costs (default: ${DEFAULT-VALUE}).")
  double throttleRequestCost;

  @Option(
      names = "--throttle-workitem-cost",
      defaultValue = "1",
      description =
          "TSTUs each work item operation costs, also inside a $batch (default: ${DEFAULT-VALUE}).")
  double throttleWorkItemCost;

  @Option(
      names = "--throttle-max-delay-ms",
      defaultValue = "30000",
      description = "Longest hold of a delayed request (default: ${DEFAULT-VALUE}).")
  int throttleMaxDelayMs;

  @Option(
      names = "--throttle-block-factor",
      defaultValue = "2",
      description =
          "Usage, as a multiple of the budget, from which requests get 429 (default: ${DEFAULT-VALUE}).")
  double throttleBlockFactor;

  @Option(names = "--fsync", description = "Force each write to disk before answering.")
  boolean fsync;

  @Option(
      names = "--https",
      description = "Serve https with a self-signed certificate kept under --data.")
  boolean https;

  @Option(
      names = "--host-name",
      paramLabel = "NAME",
      description =
          "A host name the https certificate also names (repeatable), e.g. dev.azure.com,"
              + " vssps.dev.azure.com and almsearch.dev.azure.com for Microsoft's MCP server.")
  List<String> hostNames = new ArrayList<>();

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "Start every link the emulator returns with this URL (e.g. https://dev.azure.com)"
              + " instead of http://127.0.0.1:PORT.")
  String publicUrl;

  @Option(
      names = "--fault-rate",
      defaultValue = "0",
      description = "Share of requests that fail (0..1).")
  double faultRate;

  @Option(names = "--fault-seed", defaultValue = "1", description = "Seed of the fault sequence.")
  long faultSeed;

  @Option(
      names = "--lost-response-share",
      defaultValue = "0.25",
      description = "Share of faults that commit the write, then drop the connection.")
  double lostResponseShare;

  @Option(
      names = "--admin-token",
      defaultValue = "emulator-admin",
      description = "Bearer token of the /_emulator control API.")
  String adminToken;

  @Option(
      names = "--server",
      paramLabel = "RELEASE",
      description =
          "Play Azure DevOps Server 2019, 2020, 2022 or 2022.1 instead of Services: a collection"
              + " at http://127.0.0.1:PORT/tfs/DefaultCollection, api-version capped at the"
              + " release's (5.0, 6.0, 7.0, 7.1), connectionData as on-premises.")
  String server;

  @Override
  public Integer call() throws InterruptedException {
    EmulatorConfig.Builder b;
    try {
      b =
          EmulatorConfig.builder()
              .port(port)
              .org(org)
              .project(project)
              .process(process)
              .pat(pat)
              .dataDir(data)
              .latencyMs(latencyMs)
              .latencyJitterMs(latencyJitterMs)
              .throttle(throttleTstu, throttleWindowS)
              .throttleCosts(throttleRequestCost, throttleWorkItemCost)
              .throttleDelay(throttleMaxDelayMs, throttleBlockFactor)
              .fsync(fsync)
              .https(https)
              .faultRate(faultRate)
              .faultSeed(faultSeed)
              .lostResponseShare(lostResponseShare)
              .adminToken(adminToken);
      if (server != null) {
        b.server(server);
      }
      customFields.forEach(b::customField);
      hostNames.forEach(b::hostName);
      if (publicUrl != null) {
        b.publicUrl(publicUrl);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Emulator emulator = Emulator.create(b.build()).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "emulator-shutdown"));
    System.out.println("Azure DevOps emulator listening on " + emulator.url());
    SignInModule.describe(emulator.rootUrl(), emulator.url(), pat, emulator.config().server())
        .forEach(System.out::println);
    emulator.describeAccess().forEach(System.out::println);
    System.out.flush();
    stopped.await();
    return Main.OK;
  }
}
