package dev.azdo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `azdo` command: moves data into Azure DevOps and back out. */
@Command(
    name = "azdo",
    footer = {
      "Examples:",
      "  azdo emulator --port 8080",
      "  azdo run examples/bugs-job.yaml",
      "  azdo connection test --org-url https://dev.azure.com/acme --pat-file ~/.azdo/pat --project Fabrikam",
      "  azdo import --help",
    },
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    // Subcommands are added in commandLine(): only the one named is built when it is known.
    description = "Moves data into Azure DevOps and back out: import, query, emulator.")
public final class Main implements Runnable {
  /** The subcommands in the order `azdo --help` lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          EmulatorCommand.class,
          ConnectionCommand.class,
          TokenCommand.class,
          ImportCommand.class,
          RunCommand.class,
          FieldsCommand.class,
          QueryCommand.class,
          ExportCommand.class,
          ReadCommand.class,
          SqlCommand.class,
          EndpointsCommand.class,
          DesignerCommand.class,
          CommandLine.HelpCommand.class);

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
    CommandLine cl =
        commandLine(HelpLayout.width(System.getenv()), args.length > 0 ? args[0] : null);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /** The `azdo` command line with every option, handler and the help layout at this width. */
  static CommandLine commandLine(int helpWidth) {
    return commandLine(helpWidth, null);
  }

  /**
   * The command line with only the subcommand {@code first} names, or every one when it names none.
   *
   * <p>Building every subcommand's options (the connection and job keys, the endpoint catalogue)
   * took about half of the JVM's start-up for one command (BENCHMARKS.md, start-up).
   */
  static CommandLine commandLine(int helpWidth, String first) {
    CommandLine cl = new CommandLine(new Main());
    // The launcher's class-data-sharing training run asks for every command, so that the archive
    // holds every command's classes whichever one it runs.
    boolean all = Boolean.getBoolean("azdo.every-command");
    List<Class<?>> subs =
        SUBCOMMANDS.stream()
            .filter(c -> !all && !"help".equals(first) && nameOf(c).equals(first))
            .toList();
    for (Class<?> sub : subs.isEmpty() ? SUBCOMMANDS : subs) {
      cl.addSubcommand(sub);
    }
    addConnectionOptions(cl);
    everyCommand(cl, c -> c.getCommandSpec().versionProvider(new Version()));
    // The seed tool's names (--AuthScheme) and ours (--auth-scheme) in any case.
    cl.setOptionsCaseInsensitive(true);
    cl.setExitCodeExceptionMapper(Main::exitCode);
    cl.setParameterExceptionHandler(UsageErrors::report);
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          // A configuration error lists one line per bad key; anything else is one line.
          c.getErr()
              .println(
                  "azdo: " + (ex instanceof UsageException ? ex.getMessage() : Errors.oneLine(ex)));
          return exitCode(ex);
        });
    CommandLine help = cl.getSubcommands().get("help");
    if (help != null) {
      help.getCommandSpec()
          .usageMessage()
          .footer("Examples:", "  azdo help import", "  azdo help export");
    }
    HelpLayout.install(cl, helpWidth);
    return cl;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  private static void everyCommand(CommandLine cl, java.util.function.Consumer<CommandLine> f) {
    f.accept(cl);
    cl.getSubcommands().values().forEach(sub -> everyCommand(sub, f));
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

  /** Reports the version the build wrote into azdo-version.properties. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"azdo " + number()};
    }

    /** The build's version, e.g. 0.1.0-SNAPSHOT. */
    static String number() {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("azdo-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return p.getProperty("version", "unknown");
    }
  }
}
