package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged `./azdo` launcher, run as a user runs it, after `mvn package`. */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "azdo").toAbsolutePath().normalize();

  private static Process start(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = LAUNCHER.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void emulatorPrintsItsUrlLineWithinThreeSecondsOfTheJvmStarting() throws Exception {
    assertThat(Path.of("target", "azdo.jar")).exists();
    // The first launch after a build makes the class-data-sharing archive; that is not timed.
    Process first = start("--version");
    assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("azdo ");
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(Path.of("target", "azdo.jsa"))).isTrue();

    Process p = start("emulator", "--port", "0", "--org", "acme");
    try {
      String line =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      Instant printed = Instant.now();
      // The launcher execs java, so the process's start is the JVM's start.
      Instant jvmStart = p.info().startInstant().orElseThrow();
      assertThat(line)
          .matches("Azure DevOps emulator listening on http://127\\.0\\.0\\.1:\\d+/acme");
      assertThat(Duration.between(jvmStart, printed)).isLessThan(Duration.ofSeconds(3));
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
