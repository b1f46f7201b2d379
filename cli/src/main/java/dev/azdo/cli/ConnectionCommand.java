package dev.azdo.cli;

import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ConnectionTester;
import dev.azdo.client.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `azdo connection`: test, save and list connections. */
@Command(
    name = "connection",
    footer = {
      "Examples:",
      "  azdo connection save work --org-url https://dev.azure.com/acme --pat-file ~/.azdo/pat --default",
      "  azdo connection test --profile work",
    },
    mixinStandardHelpOptions = true,
    description = "Tests, saves, lists and deletes connections to Azure DevOps.",
    subcommands = {
      ConnectionCommand.Test.class,
      ConnectionCommand.Save.class,
      ConnectionCommand.ListProfiles.class,
      ConnectionCommand.Delete.class
    })
final class ConnectionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** `azdo connection test`: signs in and prints the user, organization and API version. */
  @Command(
      name = "test",
      footer = {
        "Examples:",
        "  azdo connection test --org-url https://dev.azure.com/acme --pat-file ~/.azdo/pat --project Fabrikam",
        "  azdo connection test --profile work",
      },
      mixinStandardHelpOptions = true,
      description =
          "Signs in and prints the user, organization, the product (Azure DevOps Services or the"
              + " Server release) and the api-version it uses, and checks that"
              + " the default project (--project) exists. Tries once, with a 3 s connect"
              + " timeout.")
  static final class Test implements Callable<Integer>, NeedsConnection {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
      ConnectionTester.Result r = ConnectionTester.test(settings);
      String via = settings.profile().map(p -> " (profile '" + p + "')").orElse("");
      if (!r.ok()) {
        String close = "";
        if (r.project() != null) {
          List<String> near = UsageErrors.suggestions(r.project(), r.projects());
          close =
              near.isEmpty()
                  ? r.projects().isEmpty() ? "" : "; projects: " + String.join(", ", r.projects())
                  : "; did you mean " + String.join(" or ", near) + "?";
        }
        spec.commandLine()
            .getErr()
            .println("azdo: connection failed" + via + ": " + r.reason() + close);
        return Main.FAILURE;
      }
      spec.commandLine()
          .getOut()
          .printf(
              "Connected to %s (%s)%s as %s; %s (api-version %s)%s%n",
              r.organization(),
              settings.orgUrl(),
              via,
              r.user(),
              r.product(),
              r.apiVersion(),
              r.project() == null ? "" : "; project " + r.project() + " exists");
      return Main.OK;
    }
  }

  /** `azdo connection save NAME`: keeps the given connection options under a name. */
  @Command(
      name = "save",
      footer = {
        "Examples:",
        "  azdo connection save work --org-url https://dev.azure.com/acme --pat-file ~/.azdo/pat --project Fabrikam --default",
      },
      mixinStandardHelpOptions = true,
      description = {
        "Saves the given connection options as a profile (secrets go to an owner-only file).",
        "Use it later with --profile NAME, or by default when it is the default profile."
      })
  static final class Save implements Callable<Integer>, NeedsConnection {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
    String name;

    @Option(names = "--default", description = "Make it the default profile.")
    boolean makeDefault;

    @Override
    public Integer call() {
      Map<String, String> values = ConnectionFlags.given(spec, spec.commandLine().getErr());
      values.remove(ConnectionConfig.PROFILE);
      ConnectionConfig.Result r = ConnectionConfig.parse(values, System.getenv());
      if (!r.isValid()) {
        throw new UsageException(String.join("\nazdo: ", r.errors()));
      }
      ProfileStore store = ProfileStore.atDefaultLocation(System.getenv());
      store.save(name, values, makeDefault);
      spec.commandLine().getOut().printf("Saved profile '%s' in %s%n", name, store.profilesFile());
      return Main.OK;
    }
  }

  /** `azdo connection delete NAME`: removes a saved profile and its secrets. */
  @Command(
      name = "delete",
      footer = {
        "Examples:",
        "  azdo connection delete work",
      },
      mixinStandardHelpOptions = true,
      description =
          "Deletes a saved profile with its secrets and saved sign-in tokens; if it was the"
              + " default, the next saved profile becomes the default.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Profile name.")
    String name;

    @Override
    public Integer call() {
      ProfileStore store = ProfileStore.atDefaultLocation(System.getenv());
      if (!store.delete(name)) {
        List<String> near = UsageErrors.suggestions(name, store.names());
        throw new UsageException(
            "no saved profile named '"
                + name
                + "'"
                + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?"));
      }
      // The sign-in tokens token generate kept for the profile (SignIn's default locations).
      for (String suffix : List.of(".json", ".entra.json")) {
        try {
          Files.deleteIfExists(store.directory().resolve("tokens").resolve(name + suffix));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete the profile's tokens", e);
        }
      }
      String dflt = store.defaultProfile().map(d -> "; default is now '" + d + "'").orElse("");
      spec.commandLine().getOut().printf("Deleted profile '%s'%s%n", name, dflt);
      return Main.OK;
    }
  }

  /** `azdo connection list`: the saved profiles, without secrets. */
  @Command(
      name = "list",
      footer = {
        "Examples:",
        "  azdo connection list",
      },
      mixinStandardHelpOptions = true,
      description = "Lists saved profiles (secrets are never shown).")
  static final class ListProfiles implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ProfileStore store = ProfileStore.atDefaultLocation(System.getenv());
      String dflt = store.defaultProfile().orElse(null);
      List<String> names = store.names();
      if (names.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println(
                "No saved profiles. Save one with: azdo connection save NAME --org-url URL --pat-file FILE");
      }
      for (String n : names) {
        StringBuilder line = new StringBuilder(n.equals(dflt) ? "* " : "  ").append(n);
        store.describe(n).forEach((k, v) -> line.append("  ").append(k).append('=').append(v));
        spec.commandLine().getOut().println(line);
      }
      return Main.OK;
    }
  }
}
