package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a person sees first: versions, mistyped options, the seed tool's names. */
class CommandLineUsageTest {
  private record Result(int exit, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void everyCommandAndSubcommandPrintsTheBuildsVersion() {
    String expected = "azdo " + Main.Version.number();
    assertThat(Main.Version.number()).matches("\\d+\\.\\d+\\.\\d+.*");
    CommandLine root = Main.commandLine(100);
    List<List<String>> commands = new java.util.ArrayList<>();
    commands.add(List.of());
    root.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                commands.add(List.of(name));
                sub.getSubcommands().keySet().forEach(s -> commands.add(List.of(name, s)));
              }
            });
    assertThat(commands).contains(List.of("import"), List.of("connection", "test"));
    for (List<String> command : commands) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--version");
      Result r = run(args.toArray(String[]::new));
      assertThat(r.exit()).as(args.toString()).isZero();
      assertThat(r.out().strip()).as(args.toString()).isEqualTo(expected);
    }
  }

  @Test
  void aRunBuildsOnlyTheCommandItNamesWithTheSameHelp() {
    assertThat(Main.commandLine(100, "export").getSubcommands().keySet()).containsExactly("export");
    // An unknown word (a typo gets a suggestion), help and top-level options build every command.
    for (String first : new String[] {null, "improt", "help", "--help", "--version"}) {
      assertThat(Main.commandLine(100, first).getSubcommands()).hasSize(13);
    }
    for (String name : Main.commandLine(100).getSubcommands().keySet()) {
      if (!name.equals("help")) {
        assertThat(usage(Main.commandLine(100, name).getSubcommands().get(name)))
            .isEqualTo(usage(Main.commandLine(100).getSubcommands().get(name)));
      }
    }
  }

  private static String usage(CommandLine command) {
    StringWriter text = new StringWriter();
    command.usage(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void anUnknownOptionGetsASuggestionAndTheValueAfterItIsNeverPrinted() {
    Result r = run("connection", "test", "--pta", "MySecretPat123456", "--org", "fabrikam");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out() + r.err()).doesNotContain("MySecretPat123456");
    assertThat(r.err())
        .contains("azdo: unknown option --pta; did you mean --pat")
        .contains("the value after the unknown option was ignored (not shown)")
        .contains("Try 'azdo connection test --help'.");
  }

  @Test
  void anUnknownOptionWithAnAttachedValueIsNamedWithoutTheValue() {
    Result r = run("import", "rows.csv", "--pta=MySecretPat123456");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out() + r.err()).doesNotContain("MySecretPat123456");
    assertThat(r.err()).contains("unknown option --pta; did you mean --pat");
  }

  @Test
  void aMistypedSettingNameSuggestsTheSettingInAnyCase() {
    Result r = run("connection", "test", "--retrymax", "3");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("did you mean --retry-max");
  }

  @Test
  void aMistypedCommandSuggestsTheCommand() {
    Result r = run("improt", "rows.csv");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown command 'improt'; did you mean import?");
  }

  @Test
  void theSeedToolsSettingNamesAreFlagsInAnyCase() {
    // Each alias reaches the same setting: a bad value is reported under the setting's name.
    Result r =
        run(
            "connection",
            "test",
            "--org",
            "fabrikam",
            "--AuthScheme",
            "digest",
            "--RETRYCOUNTMAX",
            "-1",
            "--RetryMode",
            "sometimes",
            "--AdditionalTrustedDomains",
            "bad host",
            "--APIVersion",
            "x");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("azdo: auth-scheme: must be one of basic, bearer")
        .contains("azdo: retry-max: must be between 0 and 100")
        .contains("azdo: retry-mode: must be one of status-match, any, none")
        .contains("azdo: trusted-domain: 'bad host' is not a host")
        .contains("azdo: api-version: must look like 7.1");
  }

  @Test
  void emulatorHelpDocumentsItsOAuthAndEntraTestApps() {
    Result r = run("emulator", "--help");

    assertThat(r.exit()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help)
        .contains(
            "client id 7f1c5b52-2c6d-4a8e-9f3b-5d0e6a1b2c3d, client secret emulator-client-secret")
        .contains("ROOT/oauth2/authorize")
        .contains("ROOT/oauth2/token")
        .contains("Entra ID test app")
        .contains("azdo token generate --auth oauth uses these by itself");
  }
}
