package dev.azdo.emulator.location;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.http.Router;
import dev.azdo.emulator.model.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The location service: connectionData and resourceAreas (OPTIONS is served by the handler). */
public final class LocationModule implements EmulatorModule {
  private EmulatorContext ctx;

  @Override
  public void register(EmulatorContext ctx) {
    this.ctx = ctx;
    Router r = ctx.router();
    r.area(ResourceArea.LOCATION);
    r.route(
            ResourceArea.LOCATION,
            "ConnectionData",
            // The location id Microsoft's clients ask for (Node's LocationsApi, Python's
            // LocationClient); the Location area's own id is another.
            "00d9565f-ed9c-4a06-9a50-00e7896ccab4",
            "_apis/{resource}")
        .versions("1.0", "7.2", "0.0", 1)
        .get(this::connectionData);
    r.route(
            ResourceArea.LOCATION,
            "ResourceAreas",
            "e81700f7-3be2-46de-8624-2eb35882fcaa",
            "_apis/{resource}/{areaId}")
        .versions("3.2", "7.2", "0.0", 1)
        .get(this::resourceAreas);
  }

  private JsonNode connectionData(ApiRequest req) {
    ObjectNode n = Json.object();
    ObjectNode user = identity(req.caller());
    n.set("authenticatedUser", user);
    n.set("authorizedUser", user.deepCopy());
    n.put("instanceId", ctx.instanceId());
    n.put("deploymentId", ctx.instanceId());
    if (ctx.release().onPremises()) {
      // An Azure DevOps Server: on-premises, under its /tfs/ virtual directory. It names no
      // release (Microsoft's clients infer it from the api-versions OPTIONS lists).
      n.put("deploymentType", "onPremises");
      n.put("webApplicationRelativeDirectory", "/tfs/");
    } else {
      n.put("deploymentType", "hosted");
    }
    ObjectNode loc = n.putObject("locationServiceData");
    loc.put("serviceOwner", "00025394-6065-48ca-87d9-7f5672854ef7");
    loc.put("defaultAccessMappingMoniker", "PublicAccessMapping");
    loc.put("lastChangeId", 1);
    loc.put("lastChangeId64", 1);
    ObjectNode mapping = loc.putArray("accessMappings").addObject();
    mapping.put("displayName", "Public Access Mapping");
    mapping.put("moniker", "PublicAccessMapping");
    mapping.put("accessPoint", req.baseUrl());
    mapping.put("serviceOwner", "00025394-6065-48ca-87d9-7f5672854ef7");
    return n;
  }

  private ObjectNode identity(Identity who) {
    ObjectNode u = Json.object();
    u.put("id", who.id());
    u.put("descriptor", "Microsoft.IdentityModel.Claims.ClaimsIdentity;" + who.uniqueName());
    u.put("subjectDescriptor", who.descriptor());
    u.put("providerDisplayName", who.displayName());
    u.put("customDisplayName", who.displayName());
    u.put("isActive", true);
    ObjectNode props = u.putObject("properties");
    props.putObject("Account").put("$type", "System.String").put("$value", who.uniqueName());
    u.put("resourceVersion", 2);
    u.put("metaTypeId", 0);
    return u;
  }

  private JsonNode resourceAreas(ApiRequest req) {
    String only = req.route("areaId");
    List<JsonNode> out = new ArrayList<>();
    for (Map.Entry<String, String> e : ctx.router().areas().entrySet()) {
      if (only != null
          && !only.equalsIgnoreCase(e.getValue())
          && !only.equalsIgnoreCase(e.getKey())) {
        continue;
      }
      ObjectNode a = Json.object();
      a.put("id", e.getValue());
      a.put("name", e.getKey());
      a.put("locationUrl", req.baseUrl());
      out.add(a);
    }
    if (only != null) {
      if (out.isEmpty()) {
        throw ApiException.notFound(
            "ResourceAreaNotFoundException", "Resource area " + only + " was not found.");
      }
      return out.get(0);
    }
    return Json.list(out);
  }
}
