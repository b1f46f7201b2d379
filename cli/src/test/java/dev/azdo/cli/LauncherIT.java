package dev.azdo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void emulatorPrintsItsUrlLineAsItsFirstLineWithTheSharingArchiveMade() throws Exception {
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
      // How soon it comes is measured by bench/startup.sh, not here: a shared machine makes
      // timings meaningless as pass/fail checks.
      assertThat(line)
          .matches("Azure DevOps emulator listening on http://127\\.0\\.0\\.1:\\d+/acme");
    } finally {
      p.destroy();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anExportOrAnImportRunsOnC1AloneUnlessADryRunOrAzdoJavaOptsPicksTheCompiler()
      throws Exception {
    assertThat(Path.of("target", "azdo.jar")).exists();
    // PrintCommandLineFlags makes the JVM print the flags it was started with as its first line.
    assertThat(flags("-XX:+PrintCommandLineFlags", "export", "--help"))
        .contains("-XX:TieredStopAtLevel=1");
    assertThat(flags("-XX:+PrintCommandLineFlags", "--version"))
        .doesNotContain("TieredStopAtLevel");
    // An import that writes waits on the network like an export; a dry run is all CPU.
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "--help"))
        .contains("-XX:TieredStopAtLevel=1");
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "x.csv", "--dry-run", "--help"))
        .doesNotContain("TieredStopAtLevel");
    assertThat(flags("-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=4", "export", "--help"))
        .contains("-XX:TieredStopAtLevel=4")
        .doesNotContain("-XX:TieredStopAtLevel=1");
  }

  @Test
  void aShortRunTakesTheSerialCollectorADryRunTheParallelOneUnlessAzdoJavaOptsPicksOne()
      throws Exception {
    assertThat(Path.of("target", "azdo.jar")).exists();
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "--help"))
        .contains("-XX:+UseSerialGC")
        .doesNotContain("-XX:+UseParallelGC");
    assertThat(flags("-XX:+PrintCommandLineFlags", "export", "--help"))
        .contains("-XX:+UseSerialGC");
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "x.csv", "--dry-run", "--help"))
        .contains("-XX:+UseParallelGC")
        .doesNotContain("-XX:+UseSerialGC");
    assertThat(flags("-XX:+PrintCommandLineFlags", "--version")).contains("-XX:+UseParallelGC");
    assertThat(flags("-XX:+PrintCommandLineFlags -XX:+UseG1GC", "import", "--help"))
        .contains("-XX:+UseG1GC")
        .doesNotContain("-XX:+UseSerialGC");
  }

  @Test
  void aShortRunStartsWithASmallHeapUnlessAzdoJavaOptsSizesIt() throws Exception {
    assertThat(Path.of("target", "azdo.jar")).exists();
    // -Xms32m shows as MinHeapSize=33554432 in the JVM's own flag line (the default is about 7 MB);
    // an export, with its answers in flight, starts at 64 MB.
    assertThat(flags("-XX:+PrintCommandLineFlags", "export", "--help"))
        .contains("-XX:MinHeapSize=67108864");
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "--help"))
        .contains("-XX:MinHeapSize=33554432");
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "x.csv", "--dry-run", "--help"))
        .doesNotContain("-XX:MinHeapSize=33554432");
    assertThat(flags("-XX:+PrintCommandLineFlags -Xmx256m", "export", "--help"))
        .contains("-XX:MaxHeapSize=268435456")
        .doesNotContain("-XX:MinHeapSize=67108864");
  }

  @Test
  void aShortRunAsksForTransparentHugePagesWhereLinuxHandsThemOut() throws Exception {
    assertThat(Path.of("target", "azdo.jar")).exists();
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean offered =
        Files.isReadable(thp)
            && (Files.readString(thp).contains("[always]")
                || Files.readString(thp).contains("[madvise]"));
    String export = flags("-XX:+PrintCommandLineFlags", "export", "--help");
    if (offered) {
      assertThat(export).contains("-XX:+UseTransparentHugePages");
    } else {
      // Where the kernel has none (or says never), the JVM is not asked: macOS's would refuse.
      assertThat(export).doesNotContain("TransparentHugePages");
    }
    assertThat(flags("-XX:+PrintCommandLineFlags", "--version"))
        .doesNotContain("TransparentHugePages");
    assertThat(flags("-XX:+PrintCommandLineFlags", "import", "x.csv", "--dry-run", "--help"))
        .doesNotContain("TransparentHugePages");
    assertThat(flags("-XX:+PrintCommandLineFlags -XX:-UseTransparentHugePages", "export", "--help"))
        .contains("-XX:-UseTransparentHugePages")
        .doesNotContain("-XX:+UseTransparentHugePages");
  }

  @Test
  void theSharingArchivesHoldTheReadSideAndSqlHasItsOwn(@TempDir Path dir) throws Exception {
    assertThat(Path.of("target", "azdo.jar")).exists();
    try (dev.azdo.emulator.Emulator emulator = dev.azdo.emulator.Emulator.startDefault()) {
      Path pat = Files.writeString(dir.resolve("pat"), emulator.config().pat() + "\n");
      String[] connection = {
        "--org-url", emulator.url(), "--pat-file", pat.toString(), "--project", "Demo"
      };
      // Loaded from the archive, not the jar: the training run exported as well as imported.
      assertThat(
              classesLoaded(
                  dir.resolve("export.txt"),
                  concat(
                      new String[] {"export", "--out", dir.resolve("out.csv").toString()},
                      connection)))
          .anyMatch(
              l -> l.contains(" dev.azdo.pipeline.export.ExportJob source: shared objects file"));
      assertThat(
              classesLoaded(
                  dir.resolve("sql.txt"),
                  concat(
                      new String[] {"sql", "SELECT Id FROM WorkItems WHERE Id = 1"}, connection)))
          .anyMatch(l -> l.contains(" org.apache.calcite.jdbc.Driver source: shared objects file"));
      assertThat(Path.of("target", "azdo-sql.jsa")).exists();
    }
  }

  private static List<String> classesLoaded(Path log, String... args) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(concat(new String[] {LAUNCHER.toString()}, args))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("AZDO_JAVA_OPTS", "-Xlog:class+load:file=" + log);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args)).isZero();
    return Files.readAllLines(log);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String flags(String javaOpts, String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = LAUNCHER.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("AZDO_JAVA_OPTS", javaOpts);
    Process p = pb.start();
    String first =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  @Test
  void theFirstRunBuildKeepsMavensOutputOffTheTerminalUnlessItFails(@TempDir Path dir)
      throws Exception {
    // A copy of the launcher beside no jar, and an mvn on PATH that prints ANSI resets as Maven
    // 3.8 does under -B -q, then "builds" by copying the packaged jar into place.
    Path clone = Files.createDirectories(dir.resolve("clone"));
    Files.copy(LAUNCHER, clone.resolve("azdo"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path jar = Path.of("target", "azdo.jar").toAbsolutePath();
    Path mvn =
        Files.writeString(
            bin.resolve("mvn"),
            "#!/usr/bin/env bash\n"
                + "printf '\\033[0m\\033[0m'; printf '\\033[0m' >&2\n"
                + "[ -n \"$FAIL\" ] && { printf '\\033[1;31m[ERROR]\\033[m compilation failed\\n'; exit 1; }\n"
                + "mkdir -p cli/target && cp '"
                + jar
                + "' cli/target/azdo.jar\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = bin + ":" + System.getenv("PATH");

    CliProcess.Result ok = launch(clone, path, false);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).startsWith("azdo ").doesNotContain("\u001b");
    assertThat(ok.err()).isEqualTo("azdo: building the command line (first run) ...\n");

    Files.delete(clone.resolve("cli/target/azdo.jar"));
    CliProcess.Result failed = launch(clone, path, true);
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.out()).isEmpty();
    assertThat(failed.err())
        .contains("[ERROR] compilation failed")
        .contains("azdo: the build failed")
        .doesNotContain("\u001b");
  }

  private static CliProcess.Result launch(Path clone, String path, boolean fail) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(clone.resolve("azdo").toString(), "--version");
    pb.environment().put("PATH", path);
    pb.environment().remove("FAIL");
    if (fail) {
      pb.environment().put("FAIL", "1");
    }
    Process p = pb.start();
    java.util.concurrent.CompletableFuture<byte[]> err =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new CliProcess.Result(
        p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
  }
}
