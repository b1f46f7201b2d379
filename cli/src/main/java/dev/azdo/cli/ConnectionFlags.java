package dev.azdo.cli;

import dev.azdo.client.ConfigKey;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ProfileStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds the connection options to a command from the client's one configuration definition, so
 * flags, profiles, job files and the JDBC URL share names, defaults and validation.
 */
final class ConnectionFlags {
  private ConnectionFlags() {}

  /** Adds one option per connection setting (`--org-url`, `--pat-file`, `--retry-max`, ...). */
  static void addTo(CommandSpec spec) {
    for (ConfigKey k : ConnectionConfig.keys()) {
      String name = "--" + k.name();
      if (spec.findOption(name) != null) {
        continue;
      }
      OptionSpec.Builder o =
          OptionSpec.builder(names(spec, k))
              .paramLabel(k.isSecret() ? "SECRET" : k.name().toUpperCase(Locale.ROOT))
              .description(
                  k.doc()
                      + (k.defaultValue() == null || k.defaultValue().isEmpty()
                          ? ""
                          : " (default: " + k.defaultValue() + ")"));
      if (k.type() == ConfigKey.Type.LIST) {
        o.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
      } else {
        o.type(String.class);
      }
      spec.addOption(o.build());
    }
  }

  /**
   * The flag and its aliases (the seed tool's names, spaces left out: --AuthScheme,
   * --AdditionalTrustedDomains), skipping any the command already has or that differ only in case.
   */
  private static String[] names(CommandSpec spec, ConfigKey k) {
    Map<String, String> byLowerCase = new LinkedHashMap<>();
    byLowerCase.put(("--" + k.name()).toLowerCase(Locale.ROOT), "--" + k.name());
    for (String alias : k.aliases()) {
      String flag = "--" + alias.replace(" ", "");
      if (spec.findOption(flag) == null) {
        byLowerCase.putIfAbsent(flag.toLowerCase(Locale.ROOT), flag);
      }
    }
    return byLowerCase.values().toArray(String[]::new);
  }

  /** The connection values the user typed on this command line, by setting name. */
  static Map<String, String> given(CommandSpec spec, PrintWriter err) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigKey k : ConnectionConfig.keys()) {
      OptionSpec o = spec.findOption("--" + k.name());
      if (o == null) {
        continue;
      }
      Object v = o.getValue();
      if (v == null || (v instanceof List<?> l && l.isEmpty())) {
        continue;
      }
      if (k.isSecret()) {
        String text = v.toString();
        if (!ConnectionConfig.isSecretReference(text)) {
          // A secret on the command line shows up in `ps` and shell history.
          err.println(
              "azdo: warning: --"
                  + k.name()
                  + " on the command line is visible to other users; prefer --pat-file, AZDO_PAT"
                  + " or env:NAME / file:PATH");
        }
      }
      out.put(
          k.name(),
          v instanceof List<?> l
              ? String.join(",", l.stream().map(Object::toString).toList())
              : v.toString());
    }
    return out;
  }

  /** Merges flags, environment and the saved profile, validates, and returns the settings. */
  static ConnectionSettings resolve(CommandSpec spec, PrintWriter err) {
    return resolve(spec, err, Map.of());
  }

  /**
   * Like {@link #resolve(CommandSpec, PrintWriter)} with a job file's connection under the flags.
   */
  static ConnectionSettings resolve(CommandSpec spec, PrintWriter err, Map<String, String> job) {
    Map<String, String> env = System.getenv();
    ConnectionConfig.Result r =
        ConnectionConfig.resolve(
            job,
            given(spec, err),
            env,
            ProfileStore.atDefaultLocation(env),
            EmulatorSignIn::defaults);
    if (!r.isValid()) {
      throw new UsageException(String.join("\nazdo: ", r.errors()));
    }
    // A default profile signs in silently otherwise; the user must see whose credentials go out.
    r.settings().credentialsNotice().ifPresent(n -> err.println("azdo: " + n));
    err.flush();
    return r.settings();
  }
}
