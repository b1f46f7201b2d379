package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Saved connection profiles in the user's config directory; secrets go to an owner-only (0600)
 * secrets file beside it, never into the profile file itself.
 */
public final class ProfileStore {
  /** Environment variable overriding the config directory (tests use temp dirs). */
  public static final String CONFIG_DIR_ENV = "AZDO_CONFIG_DIR";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  /** Creates a store over the given directory (created on first save). */
  public ProfileStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Returns the store in AZDO_CONFIG_DIR, else $XDG_CONFIG_HOME/azdo, %APPDATA%\azdo or
   * ~/.config/azdo.
   */
  public static ProfileStore atDefaultLocation(Map<String, String> env) {
    return new ProfileStore(defaultDirectory(env));
  }

  /** Returns the default config directory for the given environment. */
  public static Path defaultDirectory(Map<String, String> env) {
    if (notBlank(env.get(CONFIG_DIR_ENV))) {
      return Path.of(env.get(CONFIG_DIR_ENV));
    }
    if (notBlank(env.get("XDG_CONFIG_HOME"))) {
      return Path.of(env.get("XDG_CONFIG_HOME"), "azdo");
    }
    if (notBlank(env.get("APPDATA"))) {
      return Path.of(env.get("APPDATA"), "azdo");
    }
    return Path.of(System.getProperty("user.home"), ".config", "azdo");
  }

  /** Returns the directory holding the profile files. */
  public Path directory() {
    return dir;
  }

  /** Returns the profile file path. */
  public Path profilesFile() {
    return dir.resolve("profiles.json");
  }

  /** Returns the owner-only secrets file path. */
  public Path secretsFile() {
    return dir.resolve("secrets.json");
  }

  /**
   * Saves a profile; literal secret values go to the secrets file, env:/file: references stay in
   * the profile.
   *
   * @throws ConfigException if a key is unknown
   * @throws UncheckedIOException if the files cannot be written
   */
  public synchronized void save(String name, Map<String, String> values, boolean makeDefault) {
    checkName(name);
    List<String> unknown =
        values.keySet().stream().filter(k -> !ConnectionConfig.isKnownKey(k)).toList();
    if (!unknown.isEmpty()) {
      throw new ConfigException(unknown.stream().map(k -> k + ": unknown setting").toList());
    }
    ObjectNode profiles = read(profilesFile());
    ObjectNode secrets = read(secretsFile());
    ObjectNode plain = JSON.createObjectNode();
    ObjectNode hidden = JSON.createObjectNode();
    values.forEach(
        (k, v) -> {
          ConfigKey key = ConnectionConfig.key(k).orElseThrow();
          if (key.name().equals(ConnectionConfig.PROFILE) || v == null) {
            return;
          }
          boolean reference = ConnectionConfig.isSecretReference(v);
          (key.isSecret() && !reference ? hidden : plain).put(key.name(), v);
        });
    ((ObjectNode) profiles.with("profiles")).set(name, plain);
    if (makeDefault || !profiles.has("default")) {
      profiles.put("default", name);
    }
    if (hidden.isEmpty()) {
      secrets.remove(name);
    } else {
      secrets.set(name, hidden);
    }
    write(profilesFile(), profiles, false);
    write(secretsFile(), secrets, true);
  }

  /** Loads a profile's values with its secrets, or empty when there is no such profile. */
  public synchronized Optional<Map<String, String>> load(String name) {
    JsonNode p = read(profilesFile()).path("profiles").path(name);
    if (!p.isObject()) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    read(secretsFile())
        .path(name)
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return Optional.of(out);
  }

  /** Returns the saved profile names, in saving order. */
  public synchronized List<String> names() {
    List<String> names = new ArrayList<>();
    read(profilesFile()).path("profiles").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Returns a profile's values without secrets, for listing. */
  public synchronized Map<String, String> describe(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    read(profilesFile())
        .path("profiles")
        .path(name)
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** Returns the default profile's name, if one is set. */
  public synchronized Optional<String> defaultProfile() {
    JsonNode d = read(profilesFile()).path("default");
    return d.isTextual() ? Optional.of(d.asText()) : Optional.empty();
  }

  /** Deletes a profile and its secrets; returns whether it existed. */
  public synchronized boolean delete(String name) {
    ObjectNode profiles = read(profilesFile());
    JsonNode removed = ((ObjectNode) profiles.with("profiles")).remove(name);
    if (removed == null) {
      return false;
    }
    if (name.equals(profiles.path("default").asText(null))) {
      Iterator<String> rest = profiles.path("profiles").fieldNames();
      if (rest.hasNext()) {
        profiles.put("default", rest.next());
      } else {
        profiles.remove("default");
      }
    }
    ObjectNode secrets = read(secretsFile());
    secrets.remove(name);
    write(profilesFile(), profiles, false);
    write(secretsFile(), secrets, true);
    return true;
  }

  private static void checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new ConfigException(
          List.of("profile: '" + name + "' is not a profile name (letters, digits, . _ -)"));
    }
  }

  private static ObjectNode read(Path file) {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      return n instanceof ObjectNode o ? o : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes JSON atomically; owner-only files are created 0600 before any byte is written. */
  static void write(Path file, JsonNode content, boolean ownerOnly) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (ownerOnly && posix()) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      if (ownerOnly && posix()) {
        Files.setPosixFilePermissions(
            file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
