package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who the credentials belong to, from {@code _apis/connectionData}.
 *
 * @param userId the authenticated user's id
 * @param userName the display name
 * @param userAccount the account (usually an e-mail address), or null
 * @param instanceId the organization's instance id
 * @param deploymentType hosted for Azure DevOps Services, onPremises for Server
 * @param raw the whole response
 */
public record ConnectionData(
    String userId,
    String userName,
    String userAccount,
    String instanceId,
    String deploymentType,
    JsonNode raw) {

  /** True for Azure DevOps Server (deploymentType onPremises), false for Services. */
  public boolean onPremises() {
    return "onPremises".equalsIgnoreCase(deploymentType);
  }

  /**
   * The product behind these answers: "Azure DevOps Services", or the Server release its newest
   * api-version belongs to ("Azure DevOps Server 2020" for 6.0); a Server does not name its
   * release, so its api-version is how Microsoft's docs map one to the other.
   */
  public String product(String serverApiVersion) {
    if (!onPremises()) {
      return "Azure DevOps Services";
    }
    String release =
        serverApiVersion == null
            ? null
            : switch (serverApiVersion.replaceFirst("-.*", "")) {
              case "4.1" -> "Team Foundation Server 2018 Update 2";
              case "5.0" -> "Azure DevOps Server 2019";
              case "5.1" -> "Azure DevOps Server 2019 Update 1";
              case "6.0" -> "Azure DevOps Server 2020";
              case "7.0" -> "Azure DevOps Server 2022";
              case "7.1" -> "Azure DevOps Server 2022.1";
              default -> null;
            };
    return release == null ? "Azure DevOps Server" : release;
  }

  static ConnectionData from(JsonNode n) {
    JsonNode user = n.path("authenticatedUser");
    JsonNode account = user.path("properties").path("Account");
    return new ConnectionData(
        Json.text(user, "id"),
        user.has("providerDisplayName")
            ? Json.text(user, "providerDisplayName")
            : Json.text(user, "customDisplayName"),
        account.isObject() ? Json.text(account, "$value") : null,
        Json.text(n, "instanceId"),
        Json.text(n, "deploymentType"),
        n);
  }
}
