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
