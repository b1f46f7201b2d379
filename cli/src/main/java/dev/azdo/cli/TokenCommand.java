package dev.azdo.cli;

import dev.azdo.client.AuthMethod;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ProfileStore;
import dev.azdo.client.auth.EntraCredentials;
import dev.azdo.client.auth.OAuthTokens;
import dev.azdo.client.auth.SignIn;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `azdo token`: OAuth sign-in whose tokens later commands use (the seed tool's Generate Token). */
@Command(
    name = "token",
    footer = {
      "Examples:",
      "  azdo token generate --org-url http://127.0.0.1:8080/demo --auth oauth",
    },
    mixinStandardHelpOptions = true,
    description = "Signs in with OAuth (Azure DevOps or Microsoft Entra ID) and keeps the tokens.",
    subcommands = {TokenCommand.Generate.class})
final class TokenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** `azdo token generate`: browser sign-in, tokens saved owner-only for the profile. */
  @Command(
      name = "generate",
      footer = {
        "Examples:",
        "  azdo token generate --org-url http://127.0.0.1:8080/demo --auth oauth",
        "  azdo token generate --profile work --auth entra --entra-client-id APP-ID --entra-tenant contoso.onmicrosoft.com",
      },
      mixinStandardHelpOptions = true,
      description = {
        "Signs in through the browser and saves the access and refresh tokens owner-only (0600)"
            + " for the profile; later commands refresh them as needed.",
        "--auth oauth: Azure DevOps OAuth (oauth-client-id, oauth-client-secret,"
            + " oauth-redirect-uri on localhost). --auth entra: Microsoft Entra ID, interactive"
            + " (PKCE) or --entra-flow device-code.",
        "Prints the sign-in URL and opens a browser when one is available; no token is printed."
      })
  static final class Generate implements Callable<Integer>, NeedsConnection {
    @Spec CommandSpec spec;

    @Option(
        names = "--backup-file",
        paramLabel = "FILE",
        description = "Also write the tokens to this owner-only (0600) file.")
    Path backupFile;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "300",
        description = "How long to wait for the sign-in to finish (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
        names = "--no-browser",
        description = "Only print the sign-in URL; do not try to open a browser.")
    boolean noBrowser;

    @Override
    public Integer call() throws Exception {
      if (timeoutSeconds < 1) {
        throw new UsageException("--timeout: must be at least 1 second");
      }
      PrintWriter out = spec.commandLine().getOut();
      ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
      Duration timeout = Duration.ofSeconds(timeoutSeconds);
      if (settings.auth() == AuthMethod.OAUTH) {
        OAuthTokens tokens = SignIn.generateToken(settings, this::show, backupFile, timeout);
        out.printf(
            "Signed in. OAuth tokens saved owner-only in %s (access token expires %s; scopes %s)%n",
            SignIn.tokenFile(settings),
            tokens.expiresAt(),
            tokens.scopes().isEmpty() ? "as requested" : String.join(" ", tokens.scopes()));
      } else if (settings.auth() == AuthMethod.ENTRA) {
        if (!SignIn.savesEntraTokens(settings)) {
          throw new UsageException(
              "entra-flow: token generate signs a person in; use interactive or device-code ("
                  + settings.entraFlow()
                  + " gets its tokens on each run)");
        }
        EntraCredentials.AccessToken token =
            SignIn.generateEntraToken(
                settings,
                this::show,
                message -> {
                  out.println(message);
                  out.flush();
                },
                backupFile,
                timeout,
                null);
        out.printf(
            "Signed in. Entra ID tokens saved owner-only in %s (access token expires %s)%n",
            SignIn.entraTokenCache(settings), token.expiresAt());
      } else {
        throw new UsageException(
            "auth: token generate needs --auth oauth or --auth entra, not "
                + settings.auth().cliName()
                + " (save them in the profile with azdo connection save)");
      }
      if (backupFile != null) {
        out.printf("Backup copy written owner-only to %s%n", backupFile);
      }
      settings.profile().ifPresent(name -> remember(name, out));
      out.flush();
      return Main.OK;
    }

    /**
     * Keeps this command's sign-in flags in the profile, so `--profile NAME` alone signs in with
     * the tokens just saved (secrets still go to the owner-only secrets file).
     */
    private void remember(String name, PrintWriter out) {
      Map<String, String> given = ConnectionFlags.given(spec, new PrintWriter(Writer.nullWriter()));
      given.remove(ConnectionConfig.PROFILE);
      if (given.isEmpty()) {
        return;
      }
      ProfileStore store = ProfileStore.atDefaultLocation(System.getenv());
      Map<String, String> values = new LinkedHashMap<>(store.load(name).orElse(Map.of()));
      // A given org-url replaces the profile's org (and pat-file its pat): one of each pair.
      for (List<String> pair :
          List.of(
              List.of(ConnectionConfig.ORG, ConnectionConfig.ORG_URL),
              List.of(ConnectionConfig.PAT, ConnectionConfig.PAT_FILE))) {
        if (pair.stream().anyMatch(given::containsKey)) {
          pair.forEach(values::remove);
        }
      }
      values.putAll(given);
      store.save(name, values, false);
      out.printf(
          "Profile '%s' updated (%s): --profile %s now signs in with these tokens%n",
          name, String.join(", ", given.keySet()), name);
    }

    /** Prints the sign-in URL (which carries no secret) and opens it when a desktop is there. */
    private void show(URI url) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Open this URL in a browser to sign in:");
      out.println(url);
      out.flush();
      if (noBrowser || GraphicsEnvironment.isHeadless()) {
        return;
      }
      try {
        if (Desktop.isDesktopSupported()
            && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
          Desktop.getDesktop().browse(url);
        }
      } catch (Exception | LinkageError e) {
        // No usable browser: the printed URL is enough.
      }
    }
  }
}
