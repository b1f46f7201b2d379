package dev.azdo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `azdo` command: moves data into Azure DevOps and back out. */
@Command(
    name = "azdo",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Moves data into Azure DevOps and back out: import, query, emulator.",
    subcommands = {
      EmulatorCommand.class,
      ConnectionCommand.class,
      TokenCommand.class,
      ImportCommand.class,
      RunCommand.class,
      FieldsCommand.class,
      QueryCommand.class,
      ExportCommand.class,
      ReadCommand.class,
      EndpointsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code: every row done. */
  public static final int OK = 0;

  /** Exit code: any failure other than usage or rejected rows. */
  public static final int FAILURE = 1;

  /** Exit code: usage or configuration error. */
  public static final int USAGE = 2;

  /** Exit code: finished, but some rows were rejected. */
  public static final int REJECTED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line with the given output streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    addConnectionOptions(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(Main::exitCode);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          // One clear line for a usage error, then where to find help; never a stack trace.
          ex.getCommandLine().getErr().println("azdo: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          // A configuration error lists one line per bad key; anything else is one line.
          c.getErr()
              .println(
                  "azdo: " + (ex instanceof UsageException ? ex.getMessage() : Errors.oneLine(ex)));
          return exitCode(ex);
        });
    return cl.execute(args);
  }

  private static void addConnectionOptions(CommandLine cl) {
    if (cl.getCommand() instanceof ImportCommand) {
      ImportFlags.addTo(cl.getCommandSpec());
    }
    if (cl.getCommand() instanceof NeedsConnection) {
      ConnectionFlags.addTo(cl.getCommandSpec());
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      addConnectionOptions(sub);
    }
  }

  private static int exitCode(Throwable t) {
    if (t instanceof UsageException || t instanceof IllegalArgumentException) {
      return USAGE;
    }
    return FAILURE;
  }

  /** Reports the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"azdo " + (v == null ? "dev" : v)};
    }
  }
}
