package dev.azdo.cli;

import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ConnectionTester;
import dev.azdo.client.ProfileStore;
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
    mixinStandardHelpOptions = true,
    description = "Tests, saves and lists connections to Azure DevOps.",
    subcommands = {
      ConnectionCommand.Test.class,
      ConnectionCommand.Save.class,
      ConnectionCommand.ListProfiles.class
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
      mixinStandardHelpOptions = true,
      description = "Signs in and prints the user, organization and server API version.")
  static final class Test implements Callable<Integer>, NeedsConnection {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ConnectionSettings settings = ConnectionFlags.resolve(spec, spec.commandLine().getErr());
      ConnectionTester.Result r = ConnectionTester.test(settings);
      if (!r.ok()) {
        spec.commandLine().getErr().println("azdo: connection failed: " + r.reason());
        return Main.FAILURE;
      }
      spec.commandLine()
          .getOut()
          .printf(
              "Connected to %s (%s) as %s; server API version %s%n",
              r.organization(),
              settings.orgUrl(),
              r.user(),
              r.serverApiVersion() == null ? "unknown" : r.serverApiVersion());
      return Main.OK;
    }
  }

  /** `azdo connection save NAME`: keeps the given connection options under a name. */
  @Command(
      name = "save",
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

  /** `azdo connection list`: the saved profiles, without secrets. */
  @Command(
      name = "list",
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
