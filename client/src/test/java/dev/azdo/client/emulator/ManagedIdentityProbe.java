package dev.azdo.client.emulator;

import dev.azdo.client.AzdoClient;
import dev.azdo.client.ConnectionConfig;
import dev.azdo.client.ConnectionData;
import dev.azdo.client.ConnectionSettings;
import dev.azdo.client.Project;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A child-JVM entry point: connects with auth=entra, entra-flow=managed-identity, as a program on
 * an Azure host would; MSAL finds the identity endpoint in the environment it was started with.
 */
public final class ManagedIdentityProbe {
  private ManagedIdentityProbe() {}

  /** Args: organization URL, then optionally a user-assigned identity's client id. */
  public static void main(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("org-url", args[0]);
    m.put("auth", "entra");
    m.put("entra-flow", "managed-identity");
    if (args.length > 1) {
      m.put("entra-client-id", args[1]);
    }
    try {
      ConnectionSettings settings = ConnectionConfig.parse(m, Map.of()).orThrow();
      AzdoClient client = AzdoClient.create(settings);
      ConnectionData who = client.connectionData();
      System.out.println("user: " + who.userName());
      System.out.println(
          "projects: "
              + client.listAllProjects().stream()
                  .map(Project::name)
                  .collect(Collectors.joining(",")));
      System.exit(0);
    } catch (RuntimeException e) {
      System.err.println("failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
