package dev.azdo.emulator.ims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.EmulatorModule;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.ResourceArea;
import dev.azdo.emulator.model.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identities (ims, served by vssps.dev.azure.com on the service): read by ids or descriptors, or
 * searched with searchFilter=General|AccountName|DisplayName|MailAddress and a filterValue.
 */
public final class ImsModule implements EmulatorModule {

  private EmulatorContext ctx;

  @Override
  public void register(EmulatorContext ctx) {
    this.ctx = ctx;
    ctx.router().area(ResourceArea.IMS);
    ctx.router()
        .route(
            ResourceArea.IMS,
            "Identities",
            "28010c54-d0c0-4c89-a5b0-1c9e188b9fb7",
            "_apis/{resource}/{identityId}")
        .versions("1.0", "7.2", "7.1", 1)
        .get(this::read);
  }

  private Object read(ApiRequest req) {
    String one = req.route("identityId");
    if (one != null && !one.isEmpty()) {
      Identity who = ctx.directory().byId(one);
      if (who == null) {
        throw ApiException.notFound(
            "IdentityNotFoundException", "The identity " + one + " could not be found.");
      }
      return identity(who);
    }
    String filter = req.query("searchFilter");
    String value = req.query("filterValue");
    String ids = req.query("identityIds");
    String descriptors = req.query("descriptors");
    String subjects = req.query("subjectDescriptors");
    if (filter == null && ids == null && descriptors == null && subjects == null) {
      throw ApiException.badRequest(
          "InvalidQueryException",
          "Either searchFilter and filterValue, identityIds, descriptors or subjectDescriptors"
              + " must be given.");
    }
    List<JsonNode> out = new ArrayList<>();
    for (Identity who : ctx.directory().users()) {
      if (matches(who, filter, value, ids, descriptors, subjects)) {
        out.add(identity(who));
      }
    }
    return Json.list(out);
  }

  private static boolean matches(
      Identity who, String filter, String value, String ids, String descriptors, String subjects) {
    if (ids != null) {
      return listed(ids, who.id());
    }
    if (subjects != null) {
      return listed(subjects, who.descriptor());
    }
    if (descriptors != null) {
      return listed(descriptors, descriptor(who));
    }
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return false;
    }
    String mail = who.uniqueName().toLowerCase(Locale.ROOT);
    String name = who.displayName().toLowerCase(Locale.ROOT);
    return switch (filter.toLowerCase(Locale.ROOT)) {
      case "accountname", "mailaddress" -> mail.equals(v);
      case "displayname" -> name.equals(v);
      // General: the service's people picker matches a prefix of the name or the e-mail.
      default -> mail.startsWith(v) || name.startsWith(v) || name.contains(" " + v);
    };
  }

  private static boolean listed(String csv, String value) {
    for (String s : csv.split(",")) {
      if (s.trim().equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  private static String descriptor(Identity who) {
    return "Microsoft.IdentityModel.Claims.ClaimsIdentity;" + who.uniqueName();
  }

  /** The Identity the service answers, as connectionData's authenticatedUser also shows it. */
  public static ObjectNode identity(Identity who) {
    ObjectNode u = Json.object();
    u.put("id", who.id());
    u.put("descriptor", descriptor(who));
    u.put("subjectDescriptor", who.descriptor());
    u.put("providerDisplayName", who.displayName());
    u.put("isActive", true);
    u.put("isContainer", false);
    u.putArray("members");
    u.putArray("memberOf");
    u.putArray("memberIds");
    ObjectNode props = u.putObject("properties");
    props.putObject("Description").put("$type", "System.String").put("$value", "");
    props.putObject("Domain").put("$type", "System.String").put("$value", "Windows Live ID");
    props.putObject("Account").put("$type", "System.String").put("$value", who.uniqueName());
    props.putObject("Mail").put("$type", "System.String").put("$value", who.uniqueName());
    u.put("resourceVersion", 2);
    u.put("metaTypeId", 0);
    return u;
  }
}
