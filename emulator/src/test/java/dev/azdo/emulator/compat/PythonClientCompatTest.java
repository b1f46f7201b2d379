package dev.azdo.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Microsoft's Python client (azure-devops, vendored by Debian's python3-azext-devops as
 * azext_devops.devops_sdk) and the Azure CLI's az devops / az boards commands (that package is
 * their extension) against an emulator over HTTP: the unittest scripts python/devops_sdk_compat.py
 * and python/az_boards_compat.py of the test resources, run by Debian's /usr/bin/python3.
 */
final class PythonClientCompatTest {
  // Debian's interpreter: the package installs into its dist-packages, not into a pyenv python.
  private static final String PYTHON = "/usr/bin/python3";
  private static final String INSTALL_HINT =
      "Microsoft's Python client or Azure CLI is missing: install Debian's python3-azext-devops"
          + " (apt-get install -y python3-azext-devops; .ci/run installs it)";
  // The whole script takes a few seconds; anything near this is a hang.
  private static final long TIMEOUT_SECONDS = 120;

  private static Emulator emulator;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void debianPythonImportsMicrosoftsClient() throws Exception {
    Run run =
        python(
            List.of("-c", "import azext_devops.devops_sdk.connection, azure.cli.core"), null, null);
    assertThat(run.exit())
        .withFailMessage("%s; %s said:%n%s", INSTALL_HINT, PYTHON, run.output())
        .isZero();
  }

  @Test
  void microsoftsPythonClientPassesEveryCheck(@TempDir Path cache) throws Exception {
    passesEveryCheck("devops_sdk_compat", cache, 13);
  }

  /** The az devops and az boards commands (the extension on the same client), in one process. */
  @Test
  void azBoardsCommandsPassEveryCheck(@TempDir Path cache) throws Exception {
    passesEveryCheck("az_boards_compat", cache, 5);
  }

  // Runs one unittest module of python/ and checks that every check of it ran and passed.
  private static void passesEveryCheck(String module, Path cache, int atLeast) throws Exception {
    Path script = script(module);
    Run run =
        python(
            // Debian's msrest passes urllib3 a deprecated argument; its warning is noise here.
            List.of("-W", "ignore::DeprecationWarning", "-m", "unittest", "-v", module),
            script.getParent(),
            cache);
    assertThat(run.output())
        .withFailMessage("%s; %s said:%n%s", INSTALL_HINT, PYTHON, run.output())
        .doesNotContain("No module named 'azext_devops'")
        .doesNotContain("No module named 'azure.cli'");
    assertThat(run.exit())
        .withFailMessage("%s failed against %s:%n%s", module, emulator.url(), run.output())
        .isZero();
    // Every check of the script ran and none was skipped.
    long checks =
        Pattern.compile("^    def test_", Pattern.MULTILINE)
            .matcher(Files.readString(script))
            .results()
            .count();
    Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(run.output());
    assertThat(ran.find()).withFailMessage("no unittest summary in:%n%s", run.output()).isTrue();
    assertThat(Long.parseLong(ran.group(1))).isEqualTo(checks).isGreaterThanOrEqualTo(atLeast);
    assertThat(run.output()).contains("\nOK").doesNotContain("skipped");
  }

  private record Run(int exit, String output) {}

  private static Run python(List<String> args, Path dir, Path cache) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(PYTHON);
    pb.command().addAll(args);
    pb.redirectErrorStream(true);
    // To a file, not a pipe: a hung script then still ends at the timeout below.
    Path log = Files.createTempFile("python-client", ".log");
    pb.redirectOutput(log.toFile());
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().put("AZDO_ORG_URL", emulator.url());
    pb.environment().put("AZDO_PAT", emulator.config().pat());
    pb.environment().put("AZDO_PROJECT", emulator.config().project());
    // The client caches resource areas and locations per URL on disk for 12 hours; a fresh folder
    // keeps this run from reading an earlier emulator's and the user's cache untouched.
    if (cache != null) {
      pb.environment().put("AZURE_DEVOPS_CACHE_DIR", cache.resolve("devops").toString());
      // The Azure CLI's own configuration and the PAT its azure-devops extension reads.
      pb.environment().put("AZURE_CONFIG_DIR", cache.resolve("azure").toString());
      pb.environment().put("AZURE_DEVOPS_EXT_PAT", emulator.config().pat());
    }
    pb.environment().remove("PYTHONPATH");
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(PYTHON + " cannot be run; " + INSTALL_HINT, e);
    }
    boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    System.out.print(text);
    assertThat(finished).withFailMessage("%s did not finish:%n%s", PYTHON, text).isTrue();
    return new Run(p.exitValue(), text);
  }

  private static Path script(String module) throws URISyntaxException {
    URL url = PythonClientCompatTest.class.getResource("/python/" + module + ".py");
    assertThat(url).as("python/%s.py on the test class path", module).isNotNull();
    return Path.of(url.toURI());
  }
}
