package dev.azdo.emulator.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs Microsoft's official Node client (azure-devops-node-api) against an in-process emulator: one
 * dynamic test per file of emulator/src/test/node/test, each a separate `node --test` run.
 */
final class NodeClientCompatTest {
  // A whole file of client calls finishes in seconds; anything near this is a hang.
  private static final long NODE_TIMEOUT_SECONDS = 180;

  private static Emulator emulator;
  // A second organization with a tiny budget, for the throttling file: 10 TSTUs a minute, one per
  // request, held past 10 (at most 5 ms) and refused with 429 (TF400733) past 20.
  private static Emulator throttled;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    throttled =
        Emulator.create(
                EmulatorConfig.builder()
                    .throttle(10, 60)
                    .throttleCosts(1, 1)
                    .throttleDelay(5, 2.0)
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
    throttled.close();
  }

  @Test
  void nodeTestProjectHasItsDependenciesInstalled() {
    Path project = nodeProject();
    assertThat(project.resolve("node_modules/azure-devops-node-api/WebApi.js"))
        .withFailMessage(
            "azure-devops-node-api is not installed: run `npm ci` in %s (mvn runs it in"
                + " generate-test-resources when node_modules is missing, unless -Dskip.npm)",
            project.toAbsolutePath())
        .exists();
  }

  @TestFactory
  Stream<DynamicTest> microsoftNodeClientPassesEachTestFile() throws IOException {
    Path project = nodeProject();
    List<Path> files;
    try (Stream<Path> s = Files.list(project.resolve("test"))) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".test.js")).sorted().toList();
    }
    assertThat(files).as("node test files in %s", project.resolve("test")).isNotEmpty();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    "node client passes " + f.getFileName(), () -> runNodeTests(project, f)));
  }

  private static void runNodeTests(Path project, Path file) throws Exception {
    if (!Files.exists(project.resolve("node_modules/azure-devops-node-api"))) {
      fail(
          "azure-devops-node-api is not installed: run `npm ci` in "
              + project.toAbsolutePath()
              + " (mvn runs it in generate-test-resources when node_modules is missing, unless"
              + " -Dskip.npm)");
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                "node",
                "--test",
                "--test-reporter=spec",
                project.relativize(file).toString().replace('\\', '/'))
            .directory(project.toFile())
            .redirectErrorStream(true);
    pb.environment().put("AZDO_ORG_URL", emulator.url());
    pb.environment().put("AZDO_PAT", emulator.config().pat());
    pb.environment().put("AZDO_PROJECT", emulator.config().project());
    pb.environment().put("AZDO_THROTTLED_ORG_URL", throttled.url());
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FORCE_COLOR", "0");
    Process node;
    try {
      node = pb.start();
    } catch (IOException e) {
      throw new AssertionError("cannot run `node` (Node.js 20+ must be on the PATH)", e);
    }
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> copy(node.getInputStream(), output), "node-output");
    reader.start();
    boolean finished = node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      node.destroyForcibly();
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    String text;
    synchronized (output) {
      text = output.toString();
    }
    assertThat(finished)
        .withFailMessage(
            "node --test %s did not finish in %d s; output so far:%n%s",
            file.getFileName(), NODE_TIMEOUT_SECONDS, text)
        .isTrue();
    assertThat(node.exitValue())
        .withFailMessage(
            "node --test %s failed against %s (exit %d):%n%s",
            file.getFileName(), emulator.url(), node.exitValue(), text)
        .isZero();
  }

  /** Streams the child's output to stdout (so a hang is visible) and into the buffer. */
  private static void copy(InputStream in, StringBuilder sink) {
    char[] buf = new char[8192];
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      int n;
      while ((n = r.read(buf)) > 0) {
        String chunk = new String(buf, 0, n);
        System.out.print(chunk);
        synchronized (sink) {
          sink.append(chunk);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Node test project, whether Maven runs from the module or from the repository root. */
  static Path nodeProject() {
    for (String candidate : List.of("src/test/node", "emulator/src/test/node")) {
      Path p = Paths.get(candidate).toAbsolutePath();
      if (Files.exists(p.resolve("package.json"))) {
        return p;
      }
    }
    throw new AssertionError(
        "cannot find emulator/src/test/node/package.json from " + Paths.get("").toAbsolutePath());
  }
}
