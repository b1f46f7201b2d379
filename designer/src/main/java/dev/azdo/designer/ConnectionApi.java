package dev.azdo.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ConfigKey;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.ConnectionTester;
import dev.azdo.client.Project;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Connection step: the form's fields (from {@link ConnectionConfig}), saving what the page
 * typed as a profile (secrets into the store's owner-only file, never back to the page), the
 * connection test {@code azdo connection test} runs, the projects for the default project, and the
 * built-in emulator.
 */
final class ConnectionApi implements Designer.Api {
  static final String DEFAULT_PROFILE = "designer";

  private final Workspace ws;
  private final Supplier<String> callbackUri;

  ConnectionApi(Workspace ws, Supplier<String> callbackUri) {
    this.ws = ws;
    this.callbackUri = callbackUri;
  }

  @Override
  public Exchange.Answer handle(Exchange ex) {
    return switch (ex.method() + " " + ex.path()) {
      case "GET schema" -> Exchange.Answer.json(Forms.schema(ws.hasEmulator(), callbackUri.get()));
      case "GET connection" -> Exchange.Answer.json(current());
      case "POST connection" -> Exchange.Answer.json(save(ex.json()));
      case "POST connection/test" -> Exchange.Answer.json(test(ex.json()));
      case "POST connection/emulator" -> Exchange.Answer.json(emulator());
      default -> null;
    };
  }

  /** The saved connection as the page shows it: values without secrets, which secrets are set. */
  private ObjectNode current() {
    ObjectNode out = Exchange.JSON.createObjectNode();
    String profile = ws.profile();
    out.put("profile", profile == null ? DEFAULT_PROFILE : profile);
    out.put("saved", profile != null);
    ObjectNode values = out.putObject("values");
    ObjectNode secrets = out.putObject("secrets");
    if (profile != null) {
      Map<String, String> shown = ws.profiles().describe(profile);
      Map<String, String> all = ws.profiles().load(profile).orElse(Map.of());
      for (Map.Entry<String, String> e : all.entrySet()) {
        ConfigKey k = ConnectionConfig.key(e.getKey()).orElse(null);
        if (k != null && k.isSecret()) {
          // Only whether it is set, or the reference (env:NAME, file:PATH), never the value.
          secrets.put(
              k.name(),
              ConnectionConfig.isSecretReference(e.getValue()) ? e.getValue() : "(saved)");
        } else if (shown.containsKey(e.getKey())) {
          values.put(e.getKey(), e.getValue());
        }
      }
    }
    ArrayNode names = out.putArray("profiles");
    ws.profiles().names().forEach(names::add);
    return out;
  }

  /**
   * Saves the typed values as the profile: a secret left empty keeps the one saved before, so the
   * page never needs it back.
   */
  ObjectNode save(ObjectNode body) {
    String profile = body.path("profile").asText(DEFAULT_PROFILE).strip();
    if (profile.isEmpty()) {
      profile = DEFAULT_PROFILE;
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> before = ws.profiles().load(profile).orElse(Map.of());
    for (Iterator<Map.Entry<String, JsonNode>> it = body.path("values").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ConfigKey k =
          ConnectionConfig.key(e.getKey())
              .orElseThrow(() -> new Exchange.BadRequest(e.getKey() + ": unknown setting"));
      String v = e.getValue().asText("").strip();
      if (!v.isEmpty() && !k.name().equals(ConnectionConfig.PROFILE)) {
        values.put(k.name(), v);
      }
    }
    // A secret the page left empty keeps the one saved before: the page never gets it back.
    before.forEach(
        (name, v) -> {
          ConfigKey k = ConnectionConfig.key(name).orElse(null);
          if (k != null && k.isSecret()) {
            values.putIfAbsent(k.name(), v);
          }
        });
    // Checked with the sign-in defaults the later runs get, which are not saved themselves.
    Map<String, String> checked = new LinkedHashMap<>(values);
    ws.signInDefaults(Map.copyOf(values)).forEach(checked::putIfAbsent);
    ConnectionConfig.Result check = ConnectionConfig.parse(checked, ws.env());
    ObjectNode out = Exchange.JSON.createObjectNode();
    if (!check.isValid()) {
      ArrayNode errors = out.putArray("errors");
      check.errors().forEach(errors::add);
      return out;
    }
    try {
      ws.profiles().save(profile, values, false);
    } catch (dev.azdo.client.ConfigException e) {
      throw new Exchange.BadRequest(Messages.of(e));
    }
    ws.profile(profile);
    out.put("profile", profile);
    out.put("message", "Saved profile '" + profile + "' in " + ws.profiles().profilesFile());
    return out;
  }

  /** Saves, then tests as {@code azdo connection test --profile NAME} does; lists the projects. */
  ObjectNode test(ObjectNode body) {
    ObjectNode saved = save(body);
    if (saved.has("errors")) {
      saved.put("ok", false);
      saved.put("line", "connection failed: " + saved.path("errors").path(0).asText());
      return saved;
    }
    ConnectionSettings settings = ws.settings();
    ConnectionTester.Result r = ConnectionTester.test(settings);
    ObjectNode out = saved;
    out.put("ok", r.ok());
    String via = " (profile '" + ws.profile() + "')";
    if (!r.ok()) {
      out.put("line", "connection failed" + via + ": " + r.reason());
    } else {
      out.put(
          "line",
          "Connected to "
              + r.organization()
              + " ("
              + settings.orgUrl()
              + ")"
              + via
              + " as "
              + r.user()
              + "; "
              + r.product()
              + " (api-version "
              + r.apiVersion()
              + ")"
              + (r.project() == null ? "" : "; project " + r.project() + " exists"));
    }
    ArrayNode projects = out.putArray("projects");
    projects(r, settings).forEach(projects::add);
    settings.project().ifPresent(p -> out.put("project", p));
    return out;
  }

  private static List<String> projects(ConnectionTester.Result r, ConnectionSettings settings) {
    if (!r.projects().isEmpty()) {
      return r.projects();
    }
    if (!r.ok()) {
      return List.of();
    }
    try (AzdoClient client = AzdoClient.create(settings)) {
      return client.listAllProjects().stream()
          .map(Project::name)
          .sorted(String.CASE_INSENSITIVE_ORDER)
          .toList();
    } catch (AzdoException e) {
      return List.of();
    }
  }

  /** Starts the built-in emulator and saves its connection as the profile "emulator". */
  private ObjectNode emulator() {
    EmulatorLauncher.Started started = ws.emulator();
    ObjectNode body = Exchange.JSON.createObjectNode().put("profile", "emulator");
    ObjectNode values = body.putObject("values");
    started.connection().forEach(values::put);
    return test(body);
  }
}
