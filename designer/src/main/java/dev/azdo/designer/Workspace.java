package dev.azdo.designer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ProfileStore;
import dev.azdo.client.http.Sleeper;
import dev.azdo.client.http.TrafficStats;
import dev.azdo.pipeline.JobConnection;
import dev.azdo.pipeline.report.JournalIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the designer's steps share: the folder files go to, the profile store secrets go to, the
 * profile the page's connection is saved as, and the built-in emulator when one was started.
 */
final class Workspace implements AutoCloseable {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /**
   * Where the built-in emulator keeps its state, relative to the workspace: a saved job names this
   * folder ({@code connection: {emulator: {data: ...}}}), as examples/*.yaml do, never the port.
   */
  static final String EMULATOR_DATA = ".emulator-data/designer";

  static final String EMULATOR_PROFILE = "emulator";

  private final Path dir;
  private final ProfileStore profiles;
  private final Map<String, String> env;
  private final EmulatorLauncher launcher;
  private final Function<Map<String, String>, Map<String, String>> signInDefaults;
  private volatile String profile;
  private EmulatorLauncher.Started emulator;
  // Database passwords typed into the page, by the variable the job names (source.password-env):
  // kept in memory for this start's previews and runs only, never written or sent back.
  private final Map<String, String> dbPasswords = new ConcurrentHashMap<>();

  Workspace(
      Path dir,
      ProfileStore profiles,
      Map<String, String> env,
      EmulatorLauncher launcher,
      Function<Map<String, String>, Map<String, String>> signInDefaults) {
    this.dir = dir;
    this.profiles = profiles;
    this.env = env;
    this.launcher = launcher;
    this.signInDefaults = signInDefaults;
  }

  /**
   * The sign-in settings a connection gets when it names none (the CLI's: the emulator's built-in
   * OAuth app for a loopback organization URL), filling only what no layer set.
   */
  Map<String, String> signInDefaults(Map<String, String> merged) {
    return signInDefaults.apply(merged);
  }

  Path dir() {
    return dir;
  }

  ProfileStore profiles() {
    return profiles;
  }

  Map<String, String> env() {
    return env;
  }

  /** Keeps a database password typed into the page under the variable the job reads it from. */
  void dbPassword(String variable, String password) {
    dbPasswords.put(variable, password);
  }

  /** Looks a variable up as a job's password-env is: a password typed in the page, else env. */
  String environment(String name) {
    String typed = dbPasswords.get(name);
    return typed != null ? typed : env.get(name);
  }

  boolean hasEmulator() {
    return launcher != null;
  }

  /** Starts the built-in emulator once; later calls return the same one. */
  synchronized EmulatorLauncher.Started emulator() {
    if (launcher == null) {
      throw new Exchange.BadRequest("this designer has no built-in emulator");
    }
    if (emulator == null) {
      emulator = launcher.start(dir.resolve(EMULATOR_DATA));
    }
    return emulator;
  }

  /** Tells whether the page's connection is this start's built-in emulator. */
  synchronized boolean onEmulator() {
    return emulator != null && EMULATOR_PROFILE.equals(profile);
  }

  /**
   * The journal target of a run: for the built-in emulator its data folder, as {@code azdo run}
   * names an embedded emulator's (its port changes every start); otherwise null (the URL's).
   */
  String journalTarget() {
    return onEmulator() ? JournalIdentity.emulatorData(dir.resolve(EMULATOR_DATA)) : null;
  }

  /** Returns the profile the page's connection is saved as, or null before it has one. */
  String profile() {
    return profile;
  }

  void profile(String name) {
    this.profile = name;
  }

  /** The page's connection: its saved profile, resolved as {@code --profile NAME} would be. */
  ConnectionSettings settings() {
    if (profile == null) {
      throw new Exchange.BadRequest("no connection yet: fill in the Connection step first");
    }
    return settings(Map.of(ConnectionConfig.PROFILE, profile));
  }

  /** Resolves connection settings over the store (a job file's connection section, or flags). */
  ConnectionSettings settings(Map<String, String> values) {
    ConnectionConfig.Result r =
        ConnectionConfig.resolve(Map.of(), values, env, profiles, signInDefaults);
    if (!r.isValid()) {
      throw new Exchange.BadRequest(String.join("; ", r.errors()));
    }
    return r.settings();
  }

  /**
   * A client over the settings, counting retries and throttled calls and watching its pacer for the
   * Run step's figures.
   */
  static AzdoClient client(ConnectionSettings settings, TrafficStats stats) {
    AzdoClient client =
        AzdoClient.builder(settings)
            .addInterceptor(stats.calls())
            .addNetworkInterceptor(stats.attempts())
            .sleeper(stats.sleeper(Sleeper.SYSTEM))
            .build();
    stats.watch(client.pacer());
    return client;
  }

  /** Resolves a name the page gave to a file directly in the workspace; refuses anything else. */
  Path file(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,120}")) {
      throw new Exchange.BadRequest(
          "'" + name + "' is not a file name (letters, digits, space, . _ -; no folders)");
    }
    return dir.resolve(name);
  }

  /**
   * Writes the page's job as the YAML {@code azdo run} takes, its connection the saved profile
   * (secrets stay in the profile store) or the built-in emulator's data folder, and returns the
   * file.
   */
  Path writeJob(ObjectNode job, String fileName) {
    ObjectNode out = job.deepCopy();
    out.remove("connection");
    ObjectNode connection = Exchange.JSON.createObjectNode();
    if (onEmulator()) {
      // Relative to the job file's folder, as azdo run resolves it.
      connection.putObject("emulator").put("data", EMULATOR_DATA);
    } else if (profile != null) {
      connection.put(ConnectionConfig.PROFILE, profile);
    }
    ObjectNode ordered = Exchange.JSON.createObjectNode();
    ordered.set("connection", connection);
    ordered.setAll(out);
    Path file = file(fileName.endsWith(".yaml") ? fileName : fileName + ".yaml");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, yaml(ordered));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file.getFileName(), e);
    }
    return file;
  }

  static String yaml(ObjectNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a job file as the tree the page edits, without its connection section; a job naming the
   * built-in emulator gets {@code "emulator": true} so the page starts it.
   */
  ObjectNode readJob(String fileName) {
    Path file = file(fileName);
    try {
      if (!(YAML.readTree(file.toFile()) instanceof ObjectNode tree)) {
        throw new Exchange.BadRequest(fileName + " is not a YAML job file");
      }
      Map<String, String> connection = JobConnection.settings(tree.path("connection"), dir);
      if (connection.containsKey(ConnectionConfig.PROFILE)) {
        profile = connection.get(ConnectionConfig.PROFILE);
      }
      boolean wantsEmulator = tree.path("connection").has("emulator");
      tree.remove("connection");
      ObjectNode out = Exchange.JSON.createObjectNode();
      out.set("job", tree);
      out.put("emulator", wantsEmulator && hasEmulator());
      return out;
    } catch (IOException e) {
      throw new Exchange.BadRequest("cannot read " + fileName + ": " + Messages.of(e));
    }
  }

  /** Returns the YAML job files in the workspace, for the Load list. */
  List<String> jobFiles() {
    try (var files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public synchronized void close() {
    if (emulator != null) {
      try {
        emulator.stop().close();
      } catch (Exception e) {
        // The process is ending; the emulator's journal is already on disk.
      }
      emulator = null;
    }
  }
}
