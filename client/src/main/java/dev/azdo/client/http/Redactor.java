package dev.azdo.client.http;

import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes credentials from headers, URLs and bodies before anything is logged or thrown. */
public final class Redactor {
  /** The text that replaces a secret. */
  public static final String MASK = "***";

  private static final Set<String> SECRET_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "set-cookie",
          "x-tfs-session",
          "x-vss-userdata");

  // OAuth and Azure DevOps token exchange parameter names (the VSSPS flow sends the code as
  // "assertion" and the client secret as "client_assertion").
  private static final String NAMES =
      "access_token|refresh_token|id_token|client_secret|client_assertion|assertion|code|"
          + "password|pat|token|sig|secret";
  private static final Pattern QUERY =
      Pattern.compile("(?i)((?:^|[?&#\\s])(?:" + NAMES + ")=)[^&#\\s\"]*");
  private static final Pattern JSON =
      Pattern.compile("(?i)(\"(?:" + NAMES + ")\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/=-]+");

  // JDBC drivers take credentials in the URL: password=/pwd= everywhere, and driver-specific keys
  // (PostgreSQL sslpassword, SQL Server/Databricks AccessToken, Snowflake private_key_file_pwd,
  // Azure Storage AccountKey/SharedAccessSignature, BigQuery OAuthClientSecret, our own pat/token).
  private static final String JDBC_SECRET_NAMES =
      "password|pwd|passwd|sslpassword|sslkeypassword|keystorepassword|truststorepassword|"
          + "private_key_file_pwd|privatekeypassword|accesstoken|access_token|authtoken|"
          + "oauthtoken|oauthclientsecret|oauth-client-secret|clientsecret|client_secret|"
          + "entra-client-secret|secret|apikey|api_key|accountkey|sharedaccesskey|"
          + "sharedaccesssignature|sastoken|token|pat|personalaccesstoken|credentials";
  private static final Pattern JDBC_URL = Pattern.compile("(?i)jdbc:[^\\s'\"<>]+");
  // user:password@ after any scheme's //: up to the last @ that a host name follows (a password may
  // hold / : @), and never past a ? or ; (an e-mail address in a later parameter is no login).
  private static final Pattern USER_INFO =
      Pattern.compile(
          "(?i)//[^?;#\\s'\"<>]*@(?=[a-z0-9._\\[\\]-]+(?::\\d*)?(?:[/?;#,]|$|[\\s'\"<>]))");
  // Oracle's thin driver: jdbc:oracle:thin:user/password@host:1521/service.
  private static final Pattern JDBC_ORACLE_LOGIN =
      Pattern.compile("(?i)(:thin:)[^@/:\\s]*/[^\\s'\"<>]*@");
  private static final Pattern JDBC_SECRET_PARAM =
      Pattern.compile("(?i)([?&;:]\\s*(?:" + JDBC_SECRET_NAMES + ")\\s*=)[^;&]*");

  private final Set<String> knownSecrets = new CopyOnWriteArraySet<>();

  /** Remembers a secret value so it is masked wherever it appears, even in plain text. */
  public void addSecret(String secret) {
    if (secret != null && secret.length() >= 4) {
      knownSecrets.add(secret);
      // A PAT sent as Basic travels base64-encoded as ":PAT" or "user:PAT".
      knownSecrets.add(Base64.getEncoder().encodeToString((":" + secret).getBytes()));
    }
  }

  /** Tells whether a header carries credentials. */
  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Masks token-like query parameters of a URL. */
  public static String redactUrl(String url) {
    return url == null ? null : QUERY.matcher(url).replaceAll("$1" + MASK);
  }

  /**
   * Removes credentials from every JDBC URL in the text: {@code user:password@} is stripped, {@code
   * password=}, {@code pwd=} and driver-specific secret parameters are masked.
   */
  public static String redactJdbc(String text) {
    if (text == null) {
      return null;
    }
    return JDBC_URL
        .matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(redactJdbcUrl(m.group())));
  }

  /** Strips {@code user:password@} from every URL in the text (http, ftp, jdbc, ...). */
  public static String redactUserInfo(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("//");
  }

  private static String redactJdbcUrl(String url) {
    String s = redactUserInfo(url);
    s = JDBC_ORACLE_LOGIN.matcher(s).replaceFirst("$1" + MASK + "@");
    return JDBC_SECRET_PARAM.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
  }

  /** Masks token fields in JSON or form bodies and Basic/Bearer credentials in text. */
  public static String redactText(String text) {
    if (text == null) {
      return null;
    }
    String s = redactUserInfo(redactJdbc(text));
    s = JSON.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "$3");
    s = QUERY.matcher(s).replaceAll("$1" + MASK);
    return BEARER.matcher(s).replaceAll("$1 " + MASK);
  }

  /** Masks everything this redactor knows about: patterns plus registered secret values. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (String secret : knownSecrets) {
      s = s.replace(secret, MASK);
    }
    return redactText(s);
  }

  /** Returns a header value fit for logging. */
  public String redactHeader(String name, String value) {
    return isSecretHeader(name) ? MASK : redact(value);
  }
}
