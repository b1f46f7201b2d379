package dev.azdo.client;

import dev.azdo.client.auth.PatCredentials;
import dev.azdo.client.http.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a connection setting's text into its typed value, or says in one line why it cannot. */
final class ConnectionValues {
  private ConnectionValues() {}

  /**
   * The typed value of {@code text} for key {@code k}; secrets are resolved through {@code env}.
   */
  static Object convert(ConfigKey k, String text, Map<String, String> env) {
    switch (k.type()) {
      case INT:
        try {
          return Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
        }
      case BOOLEAN:
        return switch (text.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "1", "on" -> Boolean.TRUE;
          case "false", "no", "0", "off" -> Boolean.FALSE;
          default ->
              throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
      case LIST:
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      case PASSWORD:
        return Secret.of(resolveSecret(text, env));
      case DURATION:
        return duration(text);
      default:
        return typedString(k, text);
    }
  }

  private static Object typedString(ConfigKey k, String text) {
    switch (k.name()) {
      case ConnectionConfig.ORG_URL:
        return parseOrgUrl(text);
      case ConnectionConfig.ORG:
        if (!ConnectionKeys.ORG_NAME.matcher(text).matches()) {
          throw new IllegalArgumentException(
              "'" + text + "' is not an organization name (letters, digits and hyphens)");
        }
        return text;
      case ConnectionConfig.AUTH:
        checkOne(ConnectionKeys.oneOf("pat", "bearer", "oauth", "entra"), text);
        return AuthMethod.valueOf(text.toUpperCase(Locale.ROOT));
      case ConnectionConfig.AUTH_SCHEME:
        checkOne(ConnectionKeys.oneOf("basic", "bearer"), text);
        return PatCredentials.Scheme.valueOf(text.toUpperCase(Locale.ROOT));
      case ConnectionConfig.ENTRA_FLOW:
        return text.toLowerCase(Locale.ROOT);
      case ConnectionConfig.RETRY_MODE:
        return retryMode(text);
      default:
        return text;
    }
  }

  private static final Pattern DURATION_TEXT =
      Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|secs|m|min|mins|h|d)?");

  // 30s, 5m, 1.5h, 500ms, 2d, a bare number of seconds, or ISO-8601 (PT5M) as Java writes it.
  static java.time.Duration duration(String text) {
    java.util.regex.Matcher m = DURATION_TEXT.matcher(text.trim());
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
      double millis =
          switch (unit) {
            case "ms" -> n;
            case "m", "min", "mins" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n * 1000;
          };
      if (millis > Long.MAX_VALUE / 2) {
        throw new IllegalArgumentException("duration '" + text + "' is too long");
      }
      return java.time.Duration.ofMillis(Math.round(millis));
    }
    try {
      java.time.Duration d = java.time.Duration.parse(text.trim());
      if (!d.isNegative()) {
        return d;
      }
    } catch (java.time.format.DateTimeParseException notIso) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "expected a duration such as 30s, 5m, 1h or 500ms, got '" + text + "'");
  }

  // The seed tool's values (None, RetryAny, RetryWhenStatusCodeMatch) and ours, in any case.
  private static String retryMode(String text) {
    String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String mode = letters.startsWith("retry") ? letters.substring(5) : letters;
    return switch (mode) {
      case "none", "" -> "none";
      case "any" -> "any";
      case "statusmatch", "whenstatuscodematch", "whenstatusmatch", "status" -> "status-match";
      default ->
          throw new IllegalArgumentException(
              "must be one of status-match, any, none (or RetryWhenStatusCodeMatch, RetryAny,"
                  + " None), got '"
                  + text
                  + "'");
    };
  }

  private static void checkOne(ConfigKey.Validator v, String text) {
    String problem = v.check(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem + ", got '" + text + "'");
    }
  }

  static URI parseOrgUrl(String text) {
    try {
      URI u = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (u.getScheme() == null
          || !(u.getScheme().equalsIgnoreCase("https") || u.getScheme().equalsIgnoreCase("http"))
          || u.getHost() == null) {
        throw new IllegalArgumentException(
            "'"
                + Redactor.redactText(text)
                + "' is not an http(s) URL such as https://dev.azure.com/ORG");
      }
      if (u.getQuery() != null || u.getFragment() != null || u.getUserInfo() != null) {
        throw new IllegalArgumentException(
            "must not contain user info, query or fragment; use https://dev.azure.com/ORG");
      }
      if ("dev.azure.com".equalsIgnoreCase(u.getHost())
          && (u.getPath() == null || u.getPath().isBlank())) {
        throw new IllegalArgumentException(
            "https://dev.azure.com needs the organization: https://dev.azure.com/ORG");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + Redactor.redactText(text) + "' is not a valid URL (" + e.getReason() + ")");
    }
  }

  /** Resolves a secret given as a value, {@code env:NAME} or {@code file:PATH}. */
  static String resolveSecret(String text, Map<String, String> env) {
    if (text.startsWith("env:")) {
      String name = text.substring(4);
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("environment variable " + name + " is not set");
      }
      return v.trim();
    }
    if (text.startsWith("file:")) {
      return readSecretFile(Path.of(text.substring(5)));
    }
    return text;
  }

  static String readSecretFile(Path p) {
    try {
      String first = Files.readString(p, StandardCharsets.UTF_8).lines().findFirst().orElse("");
      if (first.isBlank()) {
        throw new IllegalArgumentException("file " + shownPath(p) + " is empty");
      }
      return first.trim();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read file " + shownPath(p) + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  // A PAT typed where its file belongs (--pat-file PAT, or --patfile, which matches it in any
  // case) must not be echoed: a name without a folder, dot or ~ is not shown.
  private static String shownPath(Path p) {
    String text = p.toString();
    return text.matches(".*[/\\\\.~].*") ? text : "(name not shown: it looks like a secret)";
  }
}
