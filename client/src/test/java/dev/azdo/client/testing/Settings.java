package dev.azdo.client.testing;

import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds settings for tests against a {@link TestServer}. */
public final class Settings {
  /** The PAT tests use; log and message assertions search for it. */
  public static final String PAT = "s3cr3t-pat-value-1234567890";

  private Settings() {}

  /**
   * Returns settings for http://127.0.0.1:PORT/demo with the test PAT, api-version negotiation off,
   * and extra values.
   */
  public static ConnectionSettings forServer(TestServer server, String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ConnectionConfig.ORG_URL, server.url("/demo"));
    m.put(ConnectionConfig.PAT, PAT);
    // A scripted server answers requests in order; negotiation's OPTIONS would take the first
    // answer, so tests of negotiation turn it on themselves.
    m.put(ConnectionConfig.API_VERSION_NEGOTIATION, "off");
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return ConnectionConfig.parse(m, Map.of()).orThrow();
  }
}
