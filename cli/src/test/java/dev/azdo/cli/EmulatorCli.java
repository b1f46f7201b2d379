package dev.azdo.cli;

import dev.azdo.emulator.Emulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs azdo in-process against an emulator's Demo project with a PAT file. */
final class EmulatorCli {
  /** What a run printed and returned. */
  record Run(int exit, String out, String err) {}

  private EmulatorCli() {}

  /** Runs the arguments followed by --org-url, --pat-file and --project Demo. */
  static Run run(Emulator emulator, Path patFile, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all =
        Stream.concat(
                Stream.of(args),
                Stream.of(
                    "--org-url",
                    emulator.url(),
                    "--pat-file",
                    patFile.toString(),
                    "--project",
                    "Demo"))
            .toArray(String[]::new);
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }
}
