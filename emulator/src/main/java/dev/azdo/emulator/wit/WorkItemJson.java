package dev.azdo.emulator.wit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.http.StreamedJson;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItem.Relation;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Renders work items, revisions and updates as the service's JSON. */
final class WorkItemJson {
  /** The order the service lists system fields in. */
  static final List<String> SYSTEM_ORDER =
      List.of(
          "System.Id",
          "System.AreaId",
          "System.AreaPath",
          "System.TeamProject",
          "System.NodeName",
          "System.IterationId",
          "System.IterationPath",
          "System.WorkItemType",
          "System.State",
          "System.Reason",
          "System.AssignedTo",
          "System.Rev",
          "System.AuthorizedDate",
          "System.RevisedDate",
          "System.AuthorizedAs",
          "System.CreatedDate",
          "System.CreatedBy",
          "System.ChangedDate",
          "System.ChangedBy",
          "System.Watermark",
          "System.CommentCount",
          "System.Title");

  private static final Set<String> SYSTEM_SET = Set.copyOf(SYSTEM_ORDER);

  // Fields the service only returns with $expand=fields/all or when asked for by name.
  private static final Set<String> HIDDEN =
      ClassificationPaths.withTreeLevels(
          Set.of(
              "System.Id",
              "System.Rev",
              "System.AreaId",
              "System.IterationId",
              "System.NodeName",
              "System.AuthorizedDate",
              "System.RevisedDate",
              "System.AuthorizedAs",
              "System.Watermark",
              "System.PersonId",
              "System.IsDeleted"));

  /** The $expand values of work item reads, in the service's numbering. */
  enum Expand {
    NONE,
    RELATIONS,
    FIELDS,
    LINKS,
    ALL
  }

  private final EmulatorContext ctx;
  private final WitServices services;
  private final WitTables t;

  WorkItemJson(EmulatorContext ctx, WitServices services, WitTables tables) {
    this.ctx = ctx;
    this.services = services;
    this.t = tables;
  }

  /** Parses $expand by name or number; 400 for anything else. */
  static Expand expand(String value) {
    if (value == null || value.isBlank()) {
      return Expand.NONE;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      int i = Integer.parseInt(v);
      if (i < Expand.values().length) {
        return Expand.values()[i];
      }
    }
    for (Expand e : Expand.values()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw ApiException.badRequest(
        "InvalidArgumentValueException",
        "The value '" + value + "' is not valid for parameter $expand.");
  }

  /** Resolves requested field names to reference names; TF51535 for unknown ones. */
  List<String> fieldList(List<String> names) {
    if (names == null || names.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n == null || n.isBlank()) {
        continue;
      }
      FieldDef def = services.field(n.trim());
      if (def == null) {
        throw new ApiException(
            400, "WorkItemFieldInvalidException", "TF51535: Cannot find field " + n.trim() + ".");
      }
      out.add(def.referenceName());
    }
    // A field asked for twice (by name and by reference name) is listed once.
    return out.isEmpty() ? null : List.copyOf(new LinkedHashSet<>(out));
  }

  /** A work item as GET returns it, written straight to the response when serialized. */
  StreamedJson item(WorkItem w, String baseUrl, Expand expand, List<String> fields) {
    return StreamedJson.of(g -> writeItem(g, w, baseUrl, expand, fields, null));
  }

  /** A revision: every field and relation, with the revision's own url. */
  StreamedJson revision(WorkItem w, String baseUrl, Expand expand, String revisedDate) {
    // A revision always lists every field; relations only with $expand=relations or all.
    boolean rels = expand == Expand.RELATIONS || expand == Expand.ALL;
    Expand as = rels ? Expand.ALL : Expand.FIELDS;
    return StreamedJson.of(g -> writeItem(g, w, baseUrl, as, null, new Revised(revisedDate)));
  }

  // What a revision changes in an item's JSON: its RevisedDate, its url, no comment version.
  private record Revised(String revisedDate) {}

  private void writeItem(
      JsonGenerator g,
      WorkItem w,
      String baseUrl,
      Expand expand,
      List<String> fields,
      Revised revised)
      throws IOException {
    g.writeStartObject();
    if (w.id() != 0) {
      g.writeNumberField("id", w.id());
    }
    g.writeNumberField("rev", w.rev());
    g.writeFieldName("fields");
    writeFields(
        g,
        w,
        baseUrl,
        fields,
        expand == Expand.FIELDS || expand == Expand.ALL,
        revised == null ? null : revised.revisedDate());
    if (expand == Expand.RELATIONS || expand == Expand.ALL) {
      writeRelations(g, w, baseUrl);
    }
    if (w.id() != 0) {
      if (revised == null && w.commentCount() > 0 && w.fields().containsKey("System.History")) {
        ObjectNode ref = commentRef(w, baseUrl);
        if (ref != null) {
          g.writeFieldName("commentVersionRef");
          g.writeTree(ref);
        }
      }
      if (fields == null || expand == Expand.LINKS || expand == Expand.ALL) {
        g.writeFieldName("_links");
        writeLinks(g, w, baseUrl);
      }
      String url = baseUrl + "_apis/wit/workItems/" + w.id();
      g.writeStringField("url", revised == null ? url : url + "/revisions/" + w.rev());
    }
    g.writeEndObject();
  }

  private ObjectNode commentRef(WorkItem w, String baseUrl) {
    WitTables.CommentIds ids = t.commentIds.get(Integer.toString(w.id()));
    if (ids == null) {
      return null;
    }
    for (int i = ids.ids().size() - 1; i >= 0; i--) {
      WitTables.Comment c = t.comments.get(w.id() + ":" + ids.ids().get(i));
      if (c != null && c.createdInRevision() == w.rev()) {
        ObjectNode ref = Json.object();
        ref.put("commentId", c.id());
        ref.put("version", c.version());
        ref.put(
            "url",
            baseUrl
                + w.projectId()
                + "/_apis/wit/workItems/"
                + w.id()
                + "/comments/"
                + c.id()
                + "/versions/"
                + c.version());
        return ref;
      }
    }
    return null;
  }

  // The fields object: the ones asked for, or the system fields in the service's order first.
  private void writeFields(
      JsonGenerator g,
      WorkItem w,
      String baseUrl,
      List<String> only,
      boolean all,
      String revisedDate)
      throws IOException {
    g.writeStartObject();
    Map<String, Object> values = w.fields();
    if (only != null) {
      for (String ref : only) {
        writeField(g, ref, values.get(ref), baseUrl, null);
      }
    } else {
      for (String k : SYSTEM_ORDER) {
        if (all || !HIDDEN.contains(k)) {
          writeField(g, k, values.get(k), baseUrl, revisedDate);
        }
      }
      for (Map.Entry<String, Object> e : values.entrySet()) {
        String k = e.getKey();
        if (!SYSTEM_SET.contains(k) && (all || !HIDDEN.contains(k))) {
          writeField(g, k, e.getValue(), baseUrl, revisedDate);
        }
      }
    }
    g.writeEndObject();
  }

  private void writeField(JsonGenerator g, String ref, Object v, String baseUrl, String revised)
      throws IOException {
    if (v == null) {
      return;
    }
    g.writeFieldName(ref);
    if (revised != null && ref.equals("System.RevisedDate")) {
      g.writeString(revised);
    } else {
      writeValue(g, ref, v, baseUrl);
    }
  }

  /** One field value as JSON: identities become IdentityRef objects. */
  JsonNode value(String ref, Object v, String baseUrl) {
    return Json.tree(StreamedJson.of(g -> writeValue(g, ref, v, baseUrl)));
  }

  private void writeValue(JsonGenerator g, String ref, Object v, String baseUrl)
      throws IOException {
    if (v instanceof String s) {
      FieldDef def = services.field(ref);
      if (def != null && FieldValues.isIdentity(def)) {
        writeIdentity(g, s, baseUrl);
      } else {
        g.writeString(s);
      }
    } else {
      Json.writeValue(g, v);
    }
  }

  /** An identity kept as "Name <email>" rendered as an IdentityRef. */
  ObjectNode identity(String combined, String baseUrl) {
    return (ObjectNode) Json.tree(StreamedJson.of(g -> writeIdentity(g, combined, baseUrl)));
  }

  // An identity field renders the same IdentityRef every time (about 400 bytes with its avatar
  // links): rendered once per organization URL and copied as bytes, it was a third of a
  // workitemsbatch answer's rendering. Bounded, as names imported with bypassRules are not.
  private static final int IDENTITY_CACHE_SIZE = 10_000;

  private final Map<String, Map<String, SerializedString>> identityJson = new ConcurrentHashMap<>();

  private void writeIdentity(JsonGenerator g, String combined, String baseUrl) throws IOException {
    if (g instanceof TokenBuffer) {
      // A tree is being built (a raw value would become one opaque node in it).
      renderIdentity(g, combined, baseUrl);
      return;
    }
    Map<String, SerializedString> byName =
        identityJson.computeIfAbsent(baseUrl, k -> new ConcurrentHashMap<>());
    SerializedString json = byName.get(combined);
    if (json == null) {
      json =
          new SerializedString(
              Json.write(StreamedJson.of(x -> renderIdentity(x, combined, baseUrl))));
      if (byName.size() < IDENTITY_CACHE_SIZE) {
        byName.put(combined, json);
      }
    }
    g.writeRawValue(json);
  }

  private void renderIdentity(JsonGenerator g, String combined, String baseUrl) throws IOException {
    Identity who = ctx.directory().resolve(combined);
    if (who != null) {
      who.writeRef(g, baseUrl);
      return;
    }
    // Unknown people (imported with bypassRules) keep their text as the display name.
    g.writeStartObject();
    g.writeStringField("displayName", combined);
    g.writeStringField("uniqueName", combined);
    g.writeEndObject();
  }

  // "relations": re-based urls, destroyed ends skipped; left out when none is left.
  private void writeRelations(JsonGenerator g, WorkItem w, String baseUrl) throws IOException {
    if (w.relations() == null) {
      return;
    }
    List<Relation> shown = new ArrayList<>(w.relations().size());
    for (Relation r : w.relations()) {
      Integer target = WorkItemLinks.targetId(r.url());
      if (target != null && WorkItemLinks.LINK_TYPES.containsKey(r.rel())) {
        WorkItem other = t.items.get(Integer.toString(target));
        if (other == null || other.deleted()) {
          continue;
        }
      }
      shown.add(r);
    }
    if (shown.isEmpty()) {
      return;
    }
    g.writeArrayFieldStart("relations");
    for (Relation r : shown) {
      writeRelation(g, r, baseUrl, true);
    }
    g.writeEndArray();
  }

  // One relation; with its friendly name among the attributes when the item shows it.
  private static void writeRelation(JsonGenerator g, Relation r, String baseUrl, boolean named)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("rel", r.rel());
    boolean link = WorkItemLinks.LINK_TYPES.containsKey(r.rel());
    Integer target = WorkItemLinks.targetId(r.url());
    g.writeStringField(
        "url",
        target != null && link
            ? baseUrl + "_apis/wit/workItems/" + target
            : rebase(r.url(), baseUrl));
    g.writeObjectFieldStart("attributes");
    boolean withName = named && link;
    boolean nameWritten = false;
    if (r.attributes() != null) {
      for (Map.Entry<String, ?> e : r.attributes().entrySet()) {
        g.writeFieldName(e.getKey());
        if (withName && e.getKey().equals("name")) {
          g.writeString(linkName(r.rel()));
          nameWritten = true;
        } else {
          Json.writeValue(g, e.getValue());
        }
      }
    }
    if (withName && !nameWritten) {
      g.writeStringField("name", linkName(r.rel()));
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String rebase(String url, String baseUrl) {
    int i = url == null ? -1 : url.indexOf("/_apis/wit/attachments/");
    if (i < 0) {
      return url;
    }
    return baseUrl + url.substring(i + 1);
  }

  /** The friendly name the service shows for a link type ("Parent", "Child", ...). */
  static String linkName(String rel) {
    return switch (rel) {
      case "System.LinkTypes.Hierarchy-Forward" -> "Child";
      case "System.LinkTypes.Hierarchy-Reverse" -> "Parent";
      case "System.LinkTypes.Related" -> "Related";
      case "System.LinkTypes.Dependency-Forward" -> "Successor";
      case "System.LinkTypes.Dependency-Reverse" -> "Predecessor";
      case "System.LinkTypes.Duplicate-Forward" -> "Duplicate";
      case "System.LinkTypes.Duplicate-Reverse" -> "Duplicate Of";
      case "Microsoft.VSTS.Common.TestedBy-Forward" -> "Tested By";
      case "Microsoft.VSTS.Common.TestedBy-Reverse" -> "Tests";
      case "Microsoft.VSTS.Common.Affects-Forward" -> "Affects";
      case "Microsoft.VSTS.Common.Affects-Reverse" -> "Affected By";
      default -> rel;
    };
  }

  private void writeLinks(JsonGenerator g, WorkItem w, String baseUrl) throws IOException {
    String self = baseUrl + "_apis/wit/workItems/" + w.id();
    g.writeStartObject();
    href(g, "self", self);
    href(g, "workItemUpdates", self + "/updates");
    href(g, "workItemRevisions", self + "/revisions");
    href(g, "workItemComments", self + "/comments");
    href(g, "html", baseUrl + "web/wi.aspx?pcguid=" + ctx.instanceId() + "&id=" + w.id());
    Object type = w.fields().get("System.WorkItemType");
    href(
        g,
        "workItemType",
        baseUrl
            + w.projectId()
            + "/_apis/wit/workItemTypes/"
            + URLEncoder.encode(String.valueOf(type), StandardCharsets.UTF_8).replace("+", "%20"));
    href(g, "fields", baseUrl + "_apis/wit/fields");
    g.writeEndObject();
  }

  private static void href(JsonGenerator g, String name, String url) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("href", url);
    g.writeEndObject();
  }

  /** The update that produced revision rev: changed fields and relations against rev - 1. */
  ObjectNode update(WorkItem prev, WorkItem cur, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("id", cur.rev());
    n.put("workItemId", cur.id());
    n.put("rev", cur.rev());
    Object by = cur.fields().get("System.ChangedBy");
    n.set("revisedBy", by == null ? NullNode.instance : identity(String.valueOf(by), baseUrl));
    Object date = cur.fields().get("System.ChangedDate");
    n.put("revisedDate", date == null ? WorkItemEngine.FAR_FUTURE : String.valueOf(date));
    ObjectNode fields = Json.object();
    Map<String, Object> before = prev == null ? Map.of() : prev.fields();
    for (Map.Entry<String, Object> e : cur.fields().entrySet()) {
      Object old = before.get(e.getKey());
      if (old == null || !FieldValues.same(old, e.getValue())) {
        ObjectNode c = fields.putObject(e.getKey());
        if (old != null) {
          c.set("oldValue", value(e.getKey(), old, baseUrl));
        }
        c.set("newValue", value(e.getKey(), e.getValue(), baseUrl));
      }
    }
    for (Map.Entry<String, Object> e : before.entrySet()) {
      if (!cur.fields().containsKey(e.getKey()) && !e.getKey().equals("System.History")) {
        fields.putObject(e.getKey()).set("oldValue", value(e.getKey(), e.getValue(), baseUrl));
      }
    }
    if (!fields.isEmpty()) {
      n.set("fields", fields);
    }
    ObjectNode rels = relationChanges(prev, cur, baseUrl);
    if (!rels.isEmpty()) {
      n.set("relations", rels);
    }
    n.put(
        "url",
        baseUrl + cur.projectId() + "/_apis/wit/workItems/" + cur.id() + "/updates/" + cur.rev());
    return n;
  }

  private ObjectNode relationChanges(WorkItem prev, WorkItem cur, String baseUrl) {
    Map<String, Relation> a = keyed(prev);
    Map<String, Relation> b = keyed(cur);
    ArrayNode added = Json.array();
    ArrayNode removed = Json.array();
    ArrayNode updated = Json.array();
    for (Map.Entry<String, Relation> e : b.entrySet()) {
      Relation old = a.get(e.getKey());
      if (old == null) {
        added.add(relation(e.getValue(), baseUrl));
      } else if (!Objects.equals(old.attributes(), e.getValue().attributes())) {
        updated.add(relation(e.getValue(), baseUrl));
      }
    }
    for (Map.Entry<String, Relation> e : a.entrySet()) {
      if (!b.containsKey(e.getKey())) {
        removed.add(relation(e.getValue(), baseUrl));
      }
    }
    ObjectNode n = Json.object();
    if (!added.isEmpty()) {
      n.set("added", added);
    }
    if (!removed.isEmpty()) {
      n.set("removed", removed);
    }
    if (!updated.isEmpty()) {
      n.set("updated", updated);
    }
    return n;
  }

  private ObjectNode relation(Relation r, String baseUrl) {
    return (ObjectNode) Json.tree(StreamedJson.of(g -> writeRelation(g, r, baseUrl, false)));
  }

  private static Map<String, Relation> keyed(WorkItem w) {
    Map<String, Relation> m = new LinkedHashMap<>();
    if (w != null && w.relations() != null) {
      for (Relation r : w.relations()) {
        m.put(r.rel() + "|" + r.url(), r);
      }
    }
    return m;
  }
}
