package dev.azdo.jdbc;

import dev.azdo.client.ConfigException;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ProfileStore;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The driver's settings: the connection's (from {@link ConnectionConfig}, the one definition, with
 * its aliases and environment variables) plus the few that only SQL writes use.
 *
 * @param connection the validated connection settings
 * @param bypassRules write without the work item type's rules (needs the bypass permission)
 * @param suppressNotifications send no e-mail for writes
 * @param validateOnly let the service check writes without saving them
 */
public record DriverOptions(
    ConnectionSettings connection,
    boolean bypassRules,
    boolean suppressNotifications,
    boolean validateOnly) {

  /** The write settings, by lower-case name without separators. */
  static final List<String> WRITE_KEYS =
      List.of("bypassRules", "suppressNotifications", "validateOnly");

  // DriverManager and tools send these whatever the driver: user is the Basic user name (the
  // connection's user-name), password is the PAT (an alias in ConnectionConfig).
  private static final String USER = "user";

  /** Parses and validates, naming the first unknown key or every bad value. */
  public static DriverOptions parse(Map<String, String> raw, Map<String, String> env)
      throws SQLException {
    Map<String, String> conn = new LinkedHashMap<>();
    Map<String, Boolean> writes = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String key = e.getKey();
      Optional<String> write = writeKey(key);
      if (write.isPresent()) {
        writes.put(write.get(), bool(key, e.getValue()));
      } else if (key.equalsIgnoreCase(USER)) {
        if (e.getValue() != null && !e.getValue().isBlank()) {
          conn.put(ConnectionConfig.USER_NAME, e.getValue());
        }
      } else if (ConnectionConfig.isKnownKey(key)) {
        if (e.getValue() != null && !e.getValue().isEmpty()) {
          conn.put(ConnectionConfig.key(key).orElseThrow().name(), e.getValue());
        }
      } else {
        throw new SQLException(
            "Unknown connection property '"
                + key
                + "'; known: the connection settings (org-url, project, pat, pat-file, auth,"
                + " ...) and "
                + String.join(", ", WRITE_KEYS),
            "08001");
      }
    }
    ProfileStore profiles =
        conn.containsKey(ConnectionConfig.PROFILE) ? ProfileStore.atDefaultLocation(env) : null;
    ConnectionConfig.Result r = ConnectionConfig.resolve(conn, env, profiles);
    if (!r.isValid()) {
      throw new SQLException("Connection settings: " + String.join("; ", r.errors()), "08001");
    }
    ConnectionSettings s;
    try {
      s = r.orThrow();
    } catch (ConfigException e) {
      throw new SQLException(e.getMessage(), "08001");
    }
    return new DriverOptions(
        s,
        writes.getOrDefault("bypassRules", false),
        writes.getOrDefault("suppressNotifications", false),
        writes.getOrDefault("validateOnly", false));
  }

  private static Optional<String> writeKey(String key) {
    String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return WRITE_KEYS.stream().filter(w -> w.toLowerCase(Locale.ROOT).equals(k)).findFirst();
  }

  private static boolean bool(String key, String v) throws SQLException {
    String t = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0", "" -> false;
      default -> throw new SQLException(key + ": must be true or false, not '" + v + "'", "08001");
    };
  }
}
