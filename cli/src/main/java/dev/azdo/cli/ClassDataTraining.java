package dev.azdo.cli;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's class-data-sharing training run: an import, an export, a query and a SQL statement
 * against an emulator in this process, so that the archive holds the classes of both the write and
 * the read side (a run of one command would leave the others' classes out, and they would load from
 * the jar at every start).
 */
final class ClassDataTraining {
  private ClassDataTraining() {}

  /**
   * Arguments: the example CSV, a scratch folder, optionally {@code sql}; exits non-zero on
   * failure.
   */
  public static void main(String[] args) throws IOException {
    Path csv = Path.of(args[0]);
    Path work = Path.of(args[1]);
    boolean sql = args.length > 2 && args[2].equals("sql");
    System.setProperty("azdo.every-command", "true");
    PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream(), true);
    int failed = 0;
    try (Emulator emulator = Emulator.create(EmulatorConfig.builder().port(0).build()).start()) {
      Path pat = work.resolve("pat");
      Files.writeString(pat, emulator.config().pat() + "\n", StandardCharsets.UTF_8);
      List<String> connection =
          List.of("--org-url", emulator.url(), "--pat-file", pat.toString(), "--project", "Demo");
      for (List<String> step : sql ? sqlSteps() : steps(csv, work)) {
        List<String> command = new ArrayList<>(step);
        command.addAll(connection);
        failed += Main.execute(command.toArray(String[]::new), quiet, quiet) == Main.OK ? 0 : 1;
      }
    }
    System.exit(failed == 0 ? Main.OK : Main.FAILURE);
  }

  private static List<List<String>> steps(Path csv, Path work) {
    return List.of(
        List.of(
            "import",
            csv.toString(),
            "--type",
            "Bug",
            "--map",
            "Title=System.Title",
            "--key",
            "Key",
            "--journal",
            work.resolve("train.journal").toString(),
            "--rejects",
            work.resolve("train.rejects.csv").toString(),
            "--progress",
            "none"),
        List.of("export", "--out", work.resolve("train.csv").toString(), "--progress", "none"),
        List.of("query", "SELECT [System.Id], [System.Title] FROM WorkItems", "--format", "csv"));
  }

  private static List<List<String>> sqlSteps() {
    // The JDBC driver's planner (Calcite) loads thousands of classes, most of `azdo sql`'s start.
    // They have their own archive: in the common one they would slow every other command's start
    // by about 80 ms (BENCHMARKS.md, start-up).
    return List.of(
        List.of("sql", "SELECT Id, Title FROM WorkItems WHERE Id = 1", "--format", "csv"));
  }
}
