package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job file in examples/ runs as the README says (`azdo run examples/NAME-job.yaml` from the
 * clone's root) against its embedded emulator, with its counts asserted, and the README's printed
 * output matches a real run.
 */
class ShippedExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();

  // In running order: comments-job.yaml adds comments to the work items bugs-job.yaml created.
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("boards-job.yaml", "read 8, written 8, rejected 0, skipped 0");
    EXPECTED.put("bugs-job.yaml", "read 20, written 20, rejected 0, skipped 0");
    EXPECTED.put("comments-job.yaml", "read 5, written 5, rejected 0, skipped 0");
    EXPECTED.put("jira-job.yaml", "read 6, written 6, rejected 0, skipped 0");
    EXPECTED.put("tasks-job.yaml", "read 5, written 5, rejected 0, skipped 0");
  }

  @TempDir Path clone;

  private record Run(int exit, String out, String err) {}

  @Test
  void everyShippedJobFileRunsAgainstItsEmbeddedEmulatorWithTheExpectedCounts() throws Exception {
    copyExamples();
    List<String> jobs;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      jobs =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith("-job.yaml"))
              .sorted()
              .toList();
    }
    assertThat(EXPECTED.keySet()).as("every example has its counts here").hasSameElementsAs(jobs);

    for (Map.Entry<String, String> job : EXPECTED.entrySet()) {
      Run first = azdo("run", "examples/" + job.getKey());
      assertThat(first.exit()).as(job.getKey() + ": " + first.err()).isZero();
      assertThat(first.out()).as(job.getKey()).contains("Done: " + job.getValue());
      assertThat(first.out() + first.err()).as(job.getKey()).doesNotContain("\u001b");
    }
    // A second run resumes from the journal and writes nothing twice.
    Run again = azdo("run", "examples/tasks-job.yaml");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("Done: read 5, written 0, rejected 0, skipped 5");
  }

  @Test
  void theReadmeShowsWhatTheFirstCommandPrints() throws Exception {
    copyExamples();
    Run run = azdo("run", "examples/bugs-job.yaml");
    assertThat(run.exit()).as(run.err()).isZero();
    // Plain progress lines come every few seconds, so only a slow run (a loaded machine) has them.
    List<String> printed =
        new ArrayList<>(run.err().lines().filter(l -> !l.startsWith("azdo: progress:")).toList());
    printed.addAll(run.out().lines().toList());

    List<String> shown = readmeBlock();
    assertThat(shown).isNotEmpty();
    int at = 0;
    boolean skipping = false;
    for (String line : shown) {
      if (line.strip().equals("...")) {
        skipping = true;
        continue;
      }
      Pattern expected = pattern(line);
      while (at < printed.size() && !expected.matcher(printed.get(at)).matches()) {
        assertThat(skipping)
            .as("README line '%s' but the run printed '%s'", line, printed.get(at))
            .isTrue();
        at++;
      }
      assertThat(at)
          .as("README line '%s' not printed in:%n%s", line, printed)
          .isLessThan(printed.size());
      at++;
      skipping = false;
    }
  }

  /** The README's block after "What the first command prints". */
  private static List<String> readmeBlock() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int start = 0;
    while (!lines.get(start).startsWith("What the first command prints")) {
      start++;
    }
    while (!lines.get(start).startsWith("```")) {
      start++;
    }
    List<String> block = new ArrayList<>();
    for (int i = start + 1; !lines.get(i).startsWith("```"); i++) {
      block.add(lines.get(i));
    }
    return block;
  }

  /** The line as a pattern where the port and the timings may differ from run to run. */
  private static Pattern pattern(String line) {
    String quoted = Pattern.quote(line);
    quoted = quoted.replaceAll("127\\.0\\.0\\.1:\\d+", "\\\\E127\\\\.0\\\\.0\\\\.1:\\\\d+\\\\Q");
    quoted =
        quoted.replaceAll(
            " in [0-9.]+ s \\(\\d+ rows/s\\)", "\\\\E in [0-9.]+ s \\\\(\\\\d+ rows/s\\\\)\\\\Q");
    return Pattern.compile(quoted);
  }

  private void copyExamples() throws IOException {
    Path target = Files.createDirectories(clone.resolve("examples"));
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      // What the clone ships, not what running the examples left beside it (journals, rejects,
      // emulator data, ignored by git): a user who ran the README's first command runs the tests.
      for (Path f :
          files.filter(Files::isRegularFile).filter(ShippedExamplesTest::shipped).toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
  }

  private static boolean shipped(Path f) {
    String name = f.getFileName().toString();
    return !name.endsWith(".journal") && !name.endsWith(".rejects.csv");
  }

  /** Runs azdo in a child JVM from the copy's root, as `./azdo ...` runs from the clone. */
  private Run azdo(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(clone.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AZDO_") || k.startsWith("AZURE_"));
    pb.environment().put("AZDO_CONFIG_DIR", clone.resolve("config").toString());
    Process p = pb.start();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p, true));
    String out = read(p, false);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err.join());
  }

  private static String read(Process p, boolean err) {
    try {
      return new String(
          (err ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
