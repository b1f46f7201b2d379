package dev.azdo.designer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.ConfigKey;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import java.util.List;

/**
 * The page's forms, derived from the typed definitions: every connection setting of {@link
 * ConnectionConfig}, every job setting of {@link JobConfig} and the endpoint catalogue, with their
 * types, defaults, help and choices, so the page and the command line never disagree.
 */
final class Forms {
  private static final List<String> BASIC =
      List.of(
          ConnectionConfig.ORG_URL,
          ConnectionConfig.ORG,
          ConnectionConfig.API_VERSION,
          ConnectionConfig.PROJECT);
  private static final List<String> PAT_ONLY =
      List.of(
          ConnectionConfig.PAT,
          ConnectionConfig.PAT_FILE,
          ConnectionConfig.AUTH_SCHEME,
          ConnectionConfig.AUTH_HEADER,
          ConnectionConfig.USER_NAME);

  private Forms() {}

  /** The schema the page builds its forms from. */
  static ObjectNode schema(boolean emulator, String callbackUri) {
    ObjectNode out = Exchange.JSON.createObjectNode();
    out.put("emulator", emulator);
    ArrayNode connection = out.putArray("connection");
    for (ConfigKey k : ConnectionConfig.keys()) {
      if (!k.name().equals(ConnectionConfig.PROFILE)) {
        ObjectNode f = connectionField(k);
        if (k.name().equals(ConnectionConfig.OAUTH_REDIRECT_URI)) {
          // Generate Token in the page is received by the designer itself, not by a listener.
          f.put("default", callbackUri);
          f.put(
              "doc",
              "Generate Token is received at "
                  + callbackUri
                  + " (register it for the app; --port keeps it); leave empty.");
        }
        connection.add(f);
      }
    }
    ArrayNode job = out.putArray("job");
    JobConfig.keys().forEach(k -> job.add(jobField(k)));
    ArrayNode endpoints = out.putArray("endpoints");
    Endpoints.all().stream().filter(EndpointSpec::write).forEach(e -> endpoints.add(endpoint(e)));
    return out;
  }

  private static ObjectNode connectionField(ConfigKey k) {
    ObjectNode f = Exchange.JSON.createObjectNode();
    f.put("name", k.name());
    f.put("label", label(k));
    f.put("type", k.type().name());
    f.put("secret", k.isSecret());
    f.put("doc", k.doc());
    if (k.defaultValue() != null) {
      f.put("default", k.defaultValue());
    }
    ArrayNode choices = f.putArray("choices");
    k.choices().forEach(choices::add);
    f.put("group", group(k));
    ArrayNode auth = f.putArray("auth");
    authMethods(k).forEach(auth::add);
    return f;
  }

  // The seed tool's name when there is one (AuthScheme, RetryCountMax, Default Project).
  private static String label(ConfigKey k) {
    for (String alias : k.aliases()) {
      if (!alias.equals(alias.toLowerCase(java.util.Locale.ROOT))) {
        return alias;
      }
    }
    return k.name();
  }

  private static String group(ConfigKey k) {
    if (BASIC.contains(k.name())) {
      return "basic";
    }
    if (k.section() == ConfigKey.Section.SIGN_IN) {
      return "sign-in";
    }
    if (k.name().equals(ConnectionConfig.TRUSTED_DOMAIN)) {
      return "security";
    }
    if (k.name().startsWith("retry-")) {
      return "retry";
    }
    return "advanced";
  }

  // Which sign-in methods show the field; empty: all of them.
  private static List<String> authMethods(ConfigKey k) {
    if (PAT_ONLY.contains(k.name())) {
      return List.of("pat", "bearer");
    }
    if (k.name().startsWith("oauth-")) {
      return List.of("oauth");
    }
    if (k.name().startsWith("entra-")) {
      return List.of("entra");
    }
    return List.of();
  }

  private static ObjectNode jobField(JobKey k) {
    ObjectNode f = Exchange.JSON.createObjectNode();
    f.put("name", k.name());
    f.put("yaml", k.yamlName());
    f.put("section", k.section().name().toLowerCase(java.util.Locale.ROOT));
    f.put("type", k.type().name());
    f.put("doc", k.doc());
    f.put("help", k.help().title());
    if (k.flag() != null) {
      f.put("flag", k.flag());
    }
    if (k.defaultValue() != null) {
      f.put("default", k.defaultValue());
    }
    ArrayNode choices = f.putArray("choices");
    k.choices().forEach(choices::add);
    return f;
  }

  private static ObjectNode endpoint(EndpointSpec e) {
    ObjectNode n = Exchange.JSON.createObjectNode();
    n.put("name", e.name());
    n.put("description", e.description());
    n.put("workItems", e.writesWorkItems());
    ArrayNode props = n.putArray("properties");
    e.properties()
        .forEach(p -> props.addObject().put("name", p.name()).put("meaning", p.meaning()));
    ArrayNode inputs = n.putArray("inputs");
    e.inputs()
        .forEach(
            c -> {
              ObjectNode col = inputs.addObject();
              col.put("name", c.name()).put("required", c.required()).put("meaning", c.meaning());
              if (c.oneOf() != null) {
                col.put("oneOf", c.oneOf());
              }
            });
    return n;
  }
}
