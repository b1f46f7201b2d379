package dev.azdo.jdbc;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A parsed {@code jdbc:azuredevops:ORG_URL[;key=value]...} (or {@code jdbc:azdo:...}) URL: the
 * organization URL and the settings after it, merged with the driver's properties.
 */
final class JdbcUrl {
  /** The driver's own prefix. */
  static final String PREFIX = "jdbc:azuredevops:";

  /** The short alias, so another driver claiming {@code jdbc:azuredevops:} can live beside us. */
  static final String ALIAS = "jdbc:azdo:";

  private JdbcUrl() {}

  /** Tells whether the URL is one of ours. */
  static boolean accepts(String url) {
    return url != null
        && (url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            || url.regionMatches(true, 0, ALIAS, 0, ALIAS.length()));
  }

  /**
   * Returns the URL's settings (key as written) with the properties over them; the part before the
   * first {@code ;} is the organization URL unless empty.
   */
  static Map<String, String> settings(String url, Properties info) throws SQLException {
    String rest =
        url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            ? url.substring(PREFIX.length())
            : url.substring(ALIAS.length());
    Map<String, String> out = new LinkedHashMap<>();
    String[] parts = rest.split(";");
    if (!parts[0].isBlank()) {
      out.put("org-url", parts[0].trim());
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.isBlank()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new SQLException(
            "JDBC URL: '" + keyOnly(p) + "' is not key=value (settings are ;key=value)", "08001");
      }
      out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        out.put(name, info.getProperty(name));
      }
    }
    return out;
  }

  // Never echo what follows '=': it may be a token.
  private static String keyOnly(String part) {
    String t = part.trim();
    return t.length() > 40 ? t.substring(0, 40).toLowerCase(Locale.ROOT) + "..." : t;
  }
}
