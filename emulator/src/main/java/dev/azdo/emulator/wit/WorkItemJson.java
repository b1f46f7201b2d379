package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItem.Relation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  // Fields the service only returns with $expand=fields/all or when asked for by name.
  private static final Set<String> HIDDEN =
      WorkItemEngine.withTreeLevels(
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
    return out.isEmpty() ? null : out;
  }

  /** A work item as GET returns it. */
  ObjectNode item(WorkItem w, String baseUrl, Expand expand, List<String> fields) {
    ObjectNode n = Json.object();
    if (w.id() != 0) {
      n.put("id", w.id());
    }
    n.put("rev", w.rev());
    n.set("fields", fields(w, baseUrl, fields, expand == Expand.FIELDS || expand == Expand.ALL));
    if (expand == Expand.RELATIONS || expand == Expand.ALL) {
      ArrayNode rels = relations(w, baseUrl);
      if (!rels.isEmpty()) {
        n.set("relations", rels);
      }
    }
    if (w.id() != 0) {
      if (w.commentCount() > 0 && w.fields().containsKey("System.History")) {
        ObjectNode ref = commentRef(w, baseUrl);
        if (ref != null) {
          n.set("commentVersionRef", ref);
        }
      }
      if (fields == null || expand == Expand.LINKS || expand == Expand.ALL) {
        n.set("_links", links(w, baseUrl));
      }
      n.put("url", baseUrl + "_apis/wit/workItems/" + w.id());
    }
    return n;
  }

  /** A revision: every field and relation, with the revision's own url. */
  ObjectNode revision(WorkItem w, String baseUrl, Expand expand, String revisedDate) {
    // A revision always lists every field; relations only with $expand=relations or all.
    boolean rels = expand == Expand.RELATIONS || expand == Expand.ALL;
    ObjectNode n = item(w, baseUrl, rels ? Expand.ALL : Expand.FIELDS, null);
    ObjectNode f = (ObjectNode) n.get("fields");
    if (revisedDate != null && f.has("System.RevisedDate")) {
      f.put("System.RevisedDate", revisedDate);
    }
    n.put("url", baseUrl + "_apis/wit/workItems/" + w.id() + "/revisions/" + w.rev());
    n.remove("commentVersionRef");
    return n;
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

  private ObjectNode fields(WorkItem w, String baseUrl, List<String> only, boolean all) {
    ObjectNode f = Json.object();
    if (only != null) {
      for (String ref : only) {
        Object v = w.fields().get(ref);
        if (v != null) {
          f.set(ref, value(ref, v, baseUrl));
        }
      }
      return f;
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String k : SYSTEM_ORDER) {
      if (w.fields().containsKey(k)) {
        ordered.put(k, w.fields().get(k));
      }
    }
    ordered.putAll(w.fields());
    for (Map.Entry<String, Object> e : ordered.entrySet()) {
      if (!all && HIDDEN.contains(e.getKey())) {
        continue;
      }
      if (e.getValue() != null) {
        f.set(e.getKey(), value(e.getKey(), e.getValue(), baseUrl));
      }
    }
    return f;
  }

  /** One field value as JSON: identities become IdentityRef objects. */
  JsonNode value(String ref, Object v, String baseUrl) {
    if (v == null) {
      return NullNode.instance;
    }
    if (v instanceof String s) {
      FieldDef def = services.field(ref);
      if (def != null && WorkItemEngine.isIdentity(def)) {
        return identity(s, baseUrl);
      }
    }
    return Json.tree(v);
  }

  /** An identity kept as "Name <email>" rendered as an IdentityRef. */
  ObjectNode identity(String combined, String baseUrl) {
    Identity who = ctx.directory().resolve(combined);
    if (who != null) {
      return who.identityRef(baseUrl);
    }
    // Unknown people (imported with bypassRules) keep their text as the display name.
    ObjectNode n = Json.object();
    n.put("displayName", combined);
    n.put("uniqueName", combined);
    return n;
  }

  /** Relations with urls re-based on the current organization URL, skipping destroyed ends. */
  ArrayNode relations(WorkItem w, String baseUrl) {
    ArrayNode a = Json.array();
    if (w.relations() == null) {
      return a;
    }
    for (Relation r : w.relations()) {
      ObjectNode n = a.objectNode();
      n.put("rel", r.rel());
      Integer target = WorkItemEngine.targetId(r.url());
      if (target != null && WorkItemEngine.LINK_TYPES.containsKey(r.rel())) {
        WorkItem other = t.items.get(Integer.toString(target));
        if (other == null || other.deleted()) {
          continue;
        }
        n.put("url", baseUrl + "_apis/wit/workItems/" + target);
      } else {
        n.put("url", rebase(r.url(), baseUrl));
      }
      ObjectNode attrs = n.putObject("attributes");
      if (r.attributes() != null) {
        r.attributes().forEach((k, v) -> attrs.set(k, Json.tree(v)));
      }
      if (WorkItemEngine.LINK_TYPES.containsKey(r.rel())) {
        attrs.put("name", linkName(r.rel()));
      }
      a.add(n);
    }
    return a;
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

  private ObjectNode links(WorkItem w, String baseUrl) {
    ObjectNode l = Json.object();
    String self = baseUrl + "_apis/wit/workItems/" + w.id();
    l.putObject("self").put("href", self);
    l.putObject("workItemUpdates").put("href", self + "/updates");
    l.putObject("workItemRevisions").put("href", self + "/revisions");
    l.putObject("workItemComments").put("href", self + "/comments");
    l.putObject("html")
        .put("href", baseUrl + "web/wi.aspx?pcguid=" + ctx.instanceId() + "&id=" + w.id());
    Object type = w.fields().get("System.WorkItemType");
    l.putObject("workItemType")
        .put(
            "href",
            baseUrl
                + w.projectId()
                + "/_apis/wit/workItemTypes/"
                + URLEncoder.encode(String.valueOf(type), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
    l.putObject("fields").put("href", baseUrl + "_apis/wit/fields");
    return l;
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
      if (old == null || !WorkItemEngine.same(old, e.getValue())) {
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
    ObjectNode n = Json.object();
    n.put("rel", r.rel());
    Integer target = WorkItemEngine.targetId(r.url());
    n.put(
        "url",
        target != null && WorkItemEngine.LINK_TYPES.containsKey(r.rel())
            ? baseUrl + "_apis/wit/workItems/" + target
            : rebase(r.url(), baseUrl));
    ObjectNode attrs = n.putObject("attributes");
    if (r.attributes() != null) {
      r.attributes().forEach((k, v) -> attrs.set(k, Json.tree(v)));
    }
    return n;
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
