package dev.azdo.emulator.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.StreamedJson;
import java.io.IOException;

/** A user of the emulated organization, as identity fields and connectionData show it. */
public record Identity(String id, String displayName, String uniqueName, String descriptor) {

  /** "Display Name <email>", the form identity fields take in WIQL and patches. */
  public String combinedName() {
    return displayName + " <" + uniqueName + ">";
  }

  /** The IdentityRef JSON used in work item fields (System.CreatedBy and the like). */
  public ObjectNode identityRef(String baseUrl) {
    return (ObjectNode) Json.tree(StreamedJson.of(g -> writeRef(g, baseUrl)));
  }

  /** Writes the IdentityRef JSON of {@link #identityRef} straight to a generator. */
  public void writeRef(JsonGenerator g, String baseUrl) throws IOException {
    String avatar = baseUrl + "_apis/GraphProfile/MemberAvatars/" + descriptor;
    g.writeStartObject();
    g.writeStringField("displayName", displayName);
    g.writeStringField("url", baseUrl + "_apis/Identities/" + id);
    g.writeObjectFieldStart("_links");
    g.writeObjectFieldStart("avatar");
    g.writeStringField("href", avatar);
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("id", id);
    g.writeStringField("uniqueName", uniqueName);
    g.writeStringField("imageUrl", avatar);
    g.writeStringField("descriptor", descriptor);
    g.writeEndObject();
  }
}
