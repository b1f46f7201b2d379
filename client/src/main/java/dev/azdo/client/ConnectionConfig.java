package dev.azdo.client;

import dev.azdo.client.ConfigKey.Type;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one definition of connection settings shared by CLI flags, profiles, job files and JDBC URL
 * properties: key constants, types, defaults, validators and docs.
 */
public final class ConnectionConfig {
  /** Organization or collection URL. */
  public static final String ORG_URL = "org-url";

  /** Organization name, short for https://dev.azure.com/NAME. */
  public static final String ORG = "org";

  /** Default project. */
  public static final String PROJECT = "project";

  /** REST api-version. */
  public static final String API_VERSION = "api-version";

  /** Whether the api-version is negotiated down to the server's: auto or off. */
  public static final String API_VERSION_NEGOTIATION = "api-version-negotiation";

  /** Sign-in method: pat, bearer, oauth or entra. */
  public static final String AUTH = "auth";

  /** Personal access token or bearer token. */
  public static final String PAT = "pat";

  /** File holding the personal access token. */
  public static final String PAT_FILE = "pat-file";

  /** Basic or Bearer for a PAT. */
  public static final String AUTH_SCHEME = "auth-scheme";

  /** Header that carries credentials. */
  public static final String AUTH_HEADER = "auth-header";

  /** User name sent with a Basic PAT. */
  public static final String USER_NAME = "user-name";

  /** Extra trusted hosts or domains. */
  public static final String TRUSTED_DOMAIN = "trusted-domain";

  /** Statuses to retry (seed tool: RetryStatusCodeList). */
  public static final String RETRY_STATUS = "retry-status";

  /** What is retried: none, any error, or the retry-status list (seed tool: RetryMode). */
  public static final String RETRY_MODE = "retry-mode";

  /** Retries after the first attempt (seed tool: RetryCountMax). */
  public static final String RETRY_MAX = "retry-max";

  /** Double the wait after each retry (seed tool: RetryMultiplyWaitTime). */
  public static final String RETRY_MULTIPLY_WAIT = "retry-multiply-wait";

  /** First retry wait in milliseconds (seed tool: RetryWaitTimeMs). */
  public static final String RETRY_WAIT_MS = "retry-wait-ms";

  /** Longest computed retry wait in milliseconds. */
  public static final String RETRY_MAX_WAIT_MS = "retry-max-wait-ms";

  /**
   * Longest wait the service may demand (Retry-After, X-RateLimit-Reset) before a call gives up.
   */
  public static final String RETRY_MAX_WAIT = "retry-max-wait";

  /** The share of the identity's rate budget a run may use, above 0 and at most 1. */
  public static final String RATE_SHARE = "rate-share";

  /** Connect timeout in seconds. */
  public static final String CONNECT_TIMEOUT_S = "connect-timeout-s";

  /** Per-request timeout in seconds. */
  public static final String TIMEOUT_S = "timeout-s";

  /** OAuth application id. */
  public static final String OAUTH_CLIENT_ID = "oauth-client-id";

  /** OAuth client secret. */
  public static final String OAUTH_CLIENT_SECRET = "oauth-client-secret";

  /** OAuth scopes to request. */
  public static final String OAUTH_SCOPES = "oauth-scopes";

  /** Scopes registered for the OAuth app, to check requests against. */
  public static final String OAUTH_REGISTERED_SCOPES = "oauth-registered-scopes";

  /** OAuth authorize endpoint. */
  public static final String OAUTH_AUTHORIZE_URL = "oauth-authorize-url";

  /** OAuth token endpoint. */
  public static final String OAUTH_TOKEN_URL = "oauth-token-url";

  /** OAuth redirect URI on localhost. */
  public static final String OAUTH_REDIRECT_URI = "oauth-redirect-uri";

  /** Owner-only file keeping OAuth tokens. */
  public static final String OAUTH_TOKEN_FILE = "oauth-token-file";

  /** Entra flow: interactive, device-code, client-credentials or managed-identity. */
  public static final String ENTRA_FLOW = "entra-flow";

  /** Entra tenant. */
  public static final String ENTRA_TENANT = "entra-tenant";

  /** Entra sign-in host (another cloud, or a test authority). */
  public static final String ENTRA_AUTHORITY = "entra-authority";

  /** Entra application id (or user-assigned managed identity client id). */
  public static final String ENTRA_CLIENT_ID = "entra-client-id";

  /** Entra client secret. */
  public static final String ENTRA_CLIENT_SECRET = "entra-client-secret";

  /** Saved profile name. */
  public static final String PROFILE = "profile";

  /** Environment variables read for the organization URL and PAT besides AZDO_{KEY}. */
  public static final Map<String, String> ENVIRONMENT =
      Map.of(
          "AZDO_ORG_URL", ORG_URL,
          "AZDO_PAT", PAT,
          "AZURE_DEVOPS_EXT_PAT", PAT);

  private static final Map<String, ConfigKey> BY_NAME = index();

  private ConnectionConfig() {}

  /** Returns every setting definition in documentation order. */
  public static List<ConfigKey> keys() {
    return ConnectionKeys.ALL;
  }

  /** Finds a setting by name or alias, ignoring case, dashes, dots and underscores. */
  public static Optional<ConfigKey> key(String nameOrAlias) {
    return Optional.ofNullable(BY_NAME.get(canonical(nameOrAlias)));
  }

  /** Tells whether a property name belongs to the connection settings. */
  public static boolean isKnownKey(String nameOrAlias) {
    return key(nameOrAlias).isPresent();
  }

  /** Validates values (keys by name or alias) and returns settings or one message per bad key. */
  public static Result parse(Map<String, String> values) {
    return parse(values, System.getenv());
  }

  /** Like {@link #parse(Map)}, resolving {@code env:NAME} secret references in the given map. */
  public static Result parse(Map<String, String> values, Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      Optional<ConfigKey> k = key(e.getKey());
      if (k.isEmpty()) {
        errors.add(e.getKey() + ": unknown setting");
      } else if (e.getValue() != null) {
        raw.put(k.get().name(), e.getValue().trim());
      }
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    for (ConfigKey k : ConnectionKeys.ALL) {
      String text = raw.containsKey(k.name()) ? raw.get(k.name()) : k.defaultValue();
      if (text == null
          || (text.isEmpty() && k.type() != Type.LIST && !k.name().equals(USER_NAME))) {
        continue;
      }
      try {
        Object v = ConnectionValues.convert(k, text, env);
        String problem = k.validator() == null ? null : k.validator().check(v);
        if (problem != null) {
          errors.add(k.name() + ": " + problem + describe(k, text));
        } else {
          typed.put(k.name(), v);
        }
      } catch (IllegalArgumentException bad) {
        errors.add(k.name() + ": " + bad.getMessage());
      }
    }
    crossCheck(typed, raw, errors);
    return errors.isEmpty()
        ? new Result(new ConnectionSettings(typed), List.of())
        : new Result(null, errors);
  }

  /**
   * Maps environment variables (AZDO_ORG_URL, AZDO_PAT, AZURE_DEVOPS_EXT_PAT, AZDO_{KEY}) to keys.
   */
  public static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigKey k : ConnectionKeys.ALL) {
      String name = "AZDO_" + k.name().toUpperCase(Locale.ROOT).replace('-', '_');
      if (env.get(name) != null && !env.get(name).isBlank()) {
        out.put(k.name(), env.get(name));
      }
    }
    // AZURE_DEVOPS_EXT_PAT is what the az devops extension reads; AZDO_PAT wins over it.
    if (!out.containsKey(PAT) && env.get("AZURE_DEVOPS_EXT_PAT") != null) {
      out.put(PAT, env.get("AZURE_DEVOPS_EXT_PAT"));
    }
    return out;
  }

  /**
   * Merges flags over environment over the saved profile (named by the profile flag, AZDO_PROFILE
   * or the store's default) over defaults, then validates.
   */
  public static Result resolve(
      Map<String, String> flags, Map<String, String> env, ProfileStore profiles) {
    return resolve(Map.of(), flags, env, profiles);
  }

  /**
   * Like {@link #resolve(Map, Map, ProfileStore)} with a job file's connection section as a layer
   * between the environment and the flags.
   */
  public static Result resolve(
      Map<String, String> job,
      Map<String, String> flags,
      Map<String, String> env,
      ProfileStore profiles) {
    return resolve(job, flags, env, profiles, merged -> Map.of());
  }

  /**
   * Like {@link #resolve(Map, Map, Map, ProfileStore)} with defaults that depend on the merged
   * values (the CLI's local-emulator sign-in app); they fill only settings no layer set.
   */
  public static Result resolve(
      Map<String, String> job,
      Map<String, String> flags,
      Map<String, String> env,
      ProfileStore profiles,
      Function<Map<String, String>, Map<String, String>> defaults) {
    Map<String, String> jobLayer = canonicalKeys(job);
    Map<String, String> flagLayer = canonicalKeys(flags);
    Map<String, String> envLayer = fromEnvironment(env);
    String profile =
        flagLayer.getOrDefault(PROFILE, jobLayer.getOrDefault(PROFILE, envLayer.get(PROFILE)));
    Map<String, String> merged = new LinkedHashMap<>();
    List<Map<String, String>> above = List.of(envLayer, jobLayer, flagLayer);
    ProfileScope scope = null;
    if (profiles != null) {
      if (profile == null) {
        profile = profiles.defaultProfile().orElse(null);
      }
      if (profile != null) {
        Optional<Map<String, String>> saved = profiles.load(profile);
        if (saved.isEmpty()) {
          return new Result(null, List.of(PROFILE + ": no saved profile named '" + profile + "'"));
        }
        merged.putAll(canonicalKeys(saved.get()));
        merged.put(PROFILE, profile);
        scope = ProfileScope.of(profile, canonicalKeys(saved.get()), above);
        if (scope.otherOrganization()) {
          scope.dropCredentials(merged);
        }
      }
    }
    above.forEach(layer -> overlay(merged, layer));
    canonicalKeys(defaults.apply(java.util.Collections.unmodifiableMap(merged)))
        .forEach(merged::putIfAbsent);
    if (scope != null
        && scope.otherOrganization()
        && scope.holdsCredentials()
        && !merged.containsKey(PAT)
        && !merged.containsKey(PAT_FILE)
        && List.of("pat", "bearer")
            .contains(merged.getOrDefault(AUTH, "pat").toLowerCase(Locale.ROOT))) {
      return new Result(null, List.of(scope.missingCredentialMessage()));
    }
    Result r = parse(merged, env);
    if (r.isValid() && scope != null && scope.credentialsUsed(merged, above)) {
      return new Result(r.settings().withCredentialsFrom(profile, scope.profileUrl()), List.of());
    }
    return r;
  }

  /** Returns the organization URL for an organization name on Azure DevOps Services. */
  public static URI servicesUrl(String organization) {
    return URI.create("https://dev.azure.com/" + organization);
  }

  // A value from a higher layer replaces its alternatives from lower layers, so --org on the
  // command line beats a profile's org-url and AZDO_PAT beats a profile's pat-file.
  private static void overlay(Map<String, String> merged, Map<String, String> layer) {
    for (String k : layer.keySet()) {
      for (List<String> group : List.of(List.of(ORG, ORG_URL), List.of(PAT, PAT_FILE))) {
        if (group.contains(k)) {
          group.forEach(merged::remove);
        }
      }
    }
    merged.putAll(layer);
  }

  private static Map<String, String> canonicalKeys(Map<String, String> in) {
    Map<String, String> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(key(k).map(ConfigKey::name).orElse(k), v));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void crossCheck(
      Map<String, Object> typed, Map<String, String> raw, List<String> errors) {
    typed.computeIfPresent(RETRY_STATUS, (k, v) -> Set.copyOf(toStatuses((List<String>) v)));
    Object orgUrl = typed.get(ORG_URL);
    Object org = typed.get(ORG);
    if (raw.containsKey(ORG_URL) && raw.containsKey(ORG)) {
      errors.add(ORG + ": set either org or org-url, not both");
    } else if (orgUrl == null && org == null) {
      if (!errors.stream().anyMatch(e -> e.startsWith(ORG))) {
        errors.add(ORG_URL + ": required; set --org-url URL, --org NAME or AZDO_ORG_URL");
      }
    } else if (orgUrl == null) {
      typed.put(ORG_URL, servicesUrl((String) org));
    } else {
      typed.put(ORG, organizationName((URI) orgUrl));
    }
    if (raw.containsKey(PAT) && raw.containsKey(PAT_FILE)) {
      errors.add(PAT_FILE + ": set either pat or pat-file, not both");
    } else if (typed.containsKey(PAT_FILE)) {
      try {
        typed.put(
            PAT, Secret.of(ConnectionValues.readSecretFile(Path.of((String) typed.get(PAT_FILE)))));
      } catch (IllegalArgumentException e) {
        errors.add(PAT_FILE + ": " + e.getMessage());
      }
    }
    Object auth = typed.get(AUTH);
    if ((auth == AuthMethod.PAT || auth == AuthMethod.BEARER) && !typed.containsKey(PAT)) {
      if (errors.stream().noneMatch(e -> e.startsWith(PAT))) {
        errors.add(
            PAT
                + ": required for auth="
                + ((AuthMethod) auth).cliName()
                + "; set --pat-file FILE, AZDO_PAT or AZURE_DEVOPS_EXT_PAT");
      }
    }
    if (auth == AuthMethod.OAUTH && !typed.containsKey(OAUTH_CLIENT_ID)) {
      errors.add(OAUTH_CLIENT_ID + ": required for auth=oauth");
    }
    if (auth == AuthMethod.OAUTH) {
      @SuppressWarnings("unchecked")
      List<String> registered = (List<String>) typed.get(OAUTH_REGISTERED_SCOPES);
      @SuppressWarnings("unchecked")
      List<String> requested = (List<String>) typed.get(OAUTH_SCOPES);
      if (registered != null && !registered.isEmpty() && requested != null) {
        List<String> extra = requested.stream().filter(s -> !registered.contains(s)).toList();
        if (!extra.isEmpty()) {
          errors.add(OAUTH_SCOPES + ": not registered for the app: " + String.join(",", extra));
        }
      }
    }
    String flow = (String) typed.get(ENTRA_FLOW);
    if (auth == AuthMethod.ENTRA && flow != null) {
      if (!"managed-identity".equals(flow) && !typed.containsKey(ENTRA_CLIENT_ID)) {
        errors.add(ENTRA_CLIENT_ID + ": required for auth=entra with entra-flow=" + flow);
      }
      if ("client-credentials".equals(flow) && !typed.containsKey(ENTRA_CLIENT_SECRET)) {
        errors.add(ENTRA_CLIENT_SECRET + ": required for entra-flow=client-credentials");
      }
    }
  }

  /** Derives the organization (or collection) name from its URL. */
  static String organizationName(URI orgUrl) {
    String host = orgUrl.getHost() == null ? "" : orgUrl.getHost().toLowerCase(Locale.ROOT);
    String path = orgUrl.getPath() == null ? "" : orgUrl.getPath();
    String[] segments =
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    if (host.endsWith(".visualstudio.com")) {
      return host.substring(0, host.indexOf('.'));
    }
    return segments.length == 0 ? host : segments[segments.length - 1];
  }

  /** Tells whether a secret's value only points at it ({@code env:NAME} or {@code file:PATH}). */
  public static boolean isSecretReference(String text) {
    return text.startsWith("env:") || text.startsWith("file:");
  }

  private static String describe(ConfigKey k, String text) {
    return k.isSecret() ? "" : ", got '" + text + "'";
  }

  private static Map<String, ConfigKey> index() {
    Map<String, ConfigKey> m = new LinkedHashMap<>();
    for (ConfigKey k : ConnectionKeys.ALL) {
      m.put(canonical(k.name()), k);
      k.aliases().forEach(a -> m.put(canonical(a), k));
    }
    return m;
  }

  private static String canonical(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Statuses as integers, for settings built from the LIST value. */
  static Set<Integer> toStatuses(List<String> list) {
    Set<Integer> out = new LinkedHashSet<>();
    list.forEach(s -> out.add(Integer.parseInt(s)));
    return out;
  }

  /**
   * The outcome of parsing: settings, or one message per bad key.
   *
   * @param settings the settings when valid, else null
   * @param errors the messages, empty when valid
   */
  public record Result(ConnectionSettings settings, List<String> errors) {

    /** Tells whether the values were valid. */
    public boolean isValid() {
      return errors.isEmpty();
    }

    /** Returns the settings or throws {@link ConfigException} listing every error. */
    public ConnectionSettings orThrow() {
      if (!errors.isEmpty()) {
        throw new ConfigException(errors);
      }
      return settings;
    }
  }
}
