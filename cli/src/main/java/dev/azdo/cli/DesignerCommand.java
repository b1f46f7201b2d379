package dev.azdo.cli;

import dev.azdo.designer.Designer;
import dev.azdo.designer.EmulatorLauncher;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.EmulatorConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `azdo designer`: the local web page that designs, previews and runs an import job. */
@Command(
    name = "designer",
    footer = {
      "Examples:",
      "  azdo designer",
      "  azdo designer --port 8484 --no-browser",
    },
    mixinStandardHelpOptions = true,
    description = {
      "Serves a page on 127.0.0.1 to connect, choose a source and an endpoint, map columns,",
      "preview the requests, run the import and save the job file `azdo run` takes. Prints",
      "Designer at http://127.0.0.1:PORT/?token=... (a new token each start; every request",
      "needs it) and opens a browser when there is one. Secrets typed into the page go to the",
      "profile store; files go to the current directory. Ctrl+C stops it."
    })
final class DesignerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "Port on 127.0.0.1; 0 (the default) picks a free one.")
  int port;

  @Option(names = "--no-browser", description = "Only print the address; open no browser.")
  boolean noBrowser;

  /**
   * The page's "use the built-in emulator": an embedded emulator over the designer's data folder,
   * the one a saved job names, so {@code azdo run} of it later finds the same work items.
   */
  static EmulatorLauncher builtInEmulator(PrintWriter err) {
    return dataDir -> {
      Emulator e =
          EmbeddedEmulator.start(EmulatorConfig.builder().port(0).dataDir(dataDir).build(), err);
      return new EmulatorLauncher.Started(EmbeddedEmulator.connection(e), e::close);
    };
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    EmulatorLauncher emulator = builtInEmulator(err);
    Designer designer;
    try {
      // The emulator's built-in OAuth app for a loopback organization, as token generate has it.
      designer =
          Designer.builder()
              .port(port)
              .emulator(emulator)
              .signInDefaults(EmulatorSignIn::defaults)
              .build()
              .start();
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(designer::close, "designer-stop"));
    designer.announce(spec.commandLine().getOut(), !noBrowser);
    designer.join();
    return Main.OK;
  }
}
