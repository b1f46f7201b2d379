package dev.azdo.emulator.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;

/** A user of the emulated organization, as identity fields and connectionData show it. */
public record Identity(String id, String displayName, String uniqueName, String descriptor) {

  /** "Display Name <email>", the form identity fields take in WIQL and patches. */
  public String combinedName() {
    return displayName + " <" + uniqueName + ">";
  }

  /** The IdentityRef JSON used in work item fields (System.CreatedBy and the like). */
  public ObjectNode identityRef(String baseUrl) {
    ObjectNode n = Json.object();
    n.put("displayName", displayName);
    n.put("url", baseUrl + "_apis/Identities/" + id);
    ObjectNode links = n.putObject("_links");
    links
        .putObject("avatar")
        .put("href", baseUrl + "_apis/GraphProfile/MemberAvatars/" + descriptor);
    n.put("id", id);
    n.put("uniqueName", uniqueName);
    n.put("imageUrl", baseUrl + "_apis/GraphProfile/MemberAvatars/" + descriptor);
    n.put("descriptor", descriptor);
    return n;
  }
}
