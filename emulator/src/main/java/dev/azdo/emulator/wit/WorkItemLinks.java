package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.WorkItemEngine.missing;
import static dev.azdo.emulator.wit.WorkItemEngine.personId;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItem.Relation;
import dev.azdo.emulator.store.Store;
import dev.azdo.emulator.wit.WorkItemEngine.Draft;
import dev.azdo.emulator.wit.WorkItemEngine.Options;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Work item relations as the service keeps them: link types and their reverse, checks of a patch's
 * relations (targets, one parent, no cycles), attachment relations, System.Parent and the link
 * counts, and the mirrored link on the other end. Part of {@link WorkItemEngine}; call it inside a
 * store transaction.
 */
final class WorkItemLinks {
  /** Work item link types and their reverse. */
  static final Map<String, String> LINK_TYPES = linkTypes();

  // Relations that do not point at another work item.
  private static final Set<String> RESOURCE_LINKS =
      Set.of("Hyperlink", "AttachedFile", "ArtifactLink");

  private static final Pattern WORK_ITEM_URL =
      Pattern.compile(".*/_apis/wit/workItems/(-?\\d+)/?$", Pattern.CASE_INSENSITIVE);

  private final EmulatorContext ctx;
  private final WitTables t;
  // Writes the other end's new revision the way every revision is written.
  private final WorkItemEngine engine;

  WorkItemLinks(EmulatorContext ctx, WitTables tables, WorkItemEngine engine) {
    this.ctx = ctx;
    this.t = tables;
    this.engine = engine;
  }

  private static Map<String, String> linkTypes() {
    Map<String, String> m = new LinkedHashMap<>();
    pair(m, "System.LinkTypes.Hierarchy-Forward", "System.LinkTypes.Hierarchy-Reverse");
    pair(m, "System.LinkTypes.Dependency-Forward", "System.LinkTypes.Dependency-Reverse");
    pair(m, "System.LinkTypes.Duplicate-Forward", "System.LinkTypes.Duplicate-Reverse");
    pair(m, "Microsoft.VSTS.Common.TestedBy-Forward", "Microsoft.VSTS.Common.TestedBy-Reverse");
    pair(m, "Microsoft.VSTS.Common.Affects-Forward", "Microsoft.VSTS.Common.Affects-Reverse");
    pair(
        m,
        "Microsoft.VSTS.TestCase.SharedStepReferencedBy-Forward",
        "Microsoft.VSTS.TestCase.SharedStepReferencedBy-Reverse");
    pair(
        m,
        "Microsoft.VSTS.TestCase.SharedParameterReferencedBy-Forward",
        "Microsoft.VSTS.TestCase.SharedParameterReferencedBy-Reverse");
    m.put("System.LinkTypes.Related", "System.LinkTypes.Related");
    return Collections.unmodifiableMap(m);
  }

  private static void pair(Map<String, String> m, String forward, String reverse) {
    m.put(forward, reverse);
    m.put(reverse, forward);
  }

  /** The work item id a relation url points at, or null when it is not a work item url. */
  static Integer targetId(String url) {
    Matcher m = WORK_ITEM_URL.matcher(url == null ? "" : url);
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }

  /**
   * Checks and canonicalises a draft's relations (link types, targets, temporary ids of a batch,
   * one parent, no cycles) and updates System.Parent and the link counts.
   */
  void resolveRelations(
      Draft d, Map<Integer, Integer> tempIds, Options opt, List<Relation> existing) {
    List<Relation> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Set<String> kept = new HashSet<>();
    for (Relation r : existing) {
      kept.add(r.rel() + "|" + r.url());
    }
    for (Relation r : d.relations) {
      String rel = canonicalRel(r.rel());
      if (RESOURCE_LINKS.contains(rel)) {
        out.add(
            rel.equals("AttachedFile")
                ? attachedFile(r)
                : new Relation(rel, r.url(), r.attributes()));
        continue;
      }
      Integer target = targetId(r.url());
      if (target == null) {
        throw ApiException.badRequest(
            "WorkItemLinkInvalidException",
            "The relation url '" + r.url() + "' does not point at a work item.");
      }
      if (target < 0) {
        Integer real = tempIds == null ? null : tempIds.get(target);
        if (real == null) {
          throw ApiException.badRequest(
              "WorkItemLinkInvalidException",
              "The temporary work item id " + target + " is not defined in this batch.");
        }
        target = real;
      }
      if (target == d.id && d.id != 0) {
        throw ApiException.badRequest(
            "WorkItemLinkInvalidException",
            "TF201032: You cannot add a link between a work item and itself.");
      }
      WorkItem other = t.items.get(Integer.toString(target));
      if (other == null || other.deleted()) {
        if (other != null && kept.contains(r.rel() + "|" + r.url())) {
          // A link to an item now in the recycle bin: hidden while it is there, back on restore;
          // it must not make this item unwritable (the service keeps such links the same way).
          out.add(r);
          continue;
        }
        throw missing(target);
      }
      if (!seen.add(rel + "|" + target)) {
        throw ApiException.badRequest(
            "WorkItemLinkAlreadyExistsException",
            "Relation already exists: " + rel + " to work item " + target + ".");
      }
      if (rel.equals("System.LinkTypes.Hierarchy-Forward")) {
        Integer parent = parentOf(other);
        if (parent != null && parent != d.id) {
          throw parentError(d.id, target);
        }
        if (d.id != 0 && isAncestor(target, d.id)) {
          throw circular();
        }
      }
      Map<String, Object> attrs = new LinkedHashMap<>();
      attrs.put("isLocked", false);
      if (r.attributes() != null) {
        attrs.putAll(r.attributes());
      }
      out.add(new Relation(rel, workItemUrl(target), attrs));
    }
    int parents = 0;
    for (Relation r : out) {
      if (r.rel().equals("System.LinkTypes.Hierarchy-Reverse")) {
        Integer p = targetId(r.url());
        WorkItem pw = t.items.get(Integer.toString(p));
        if (pw != null && pw.deleted()) {
          continue;
        }
        parents++;
        if (parents > 1) {
          throw parentError(p, d.id);
        }
        if (pw != null && d.id != 0 && isAncestor(d.id, p)) {
          throw circular();
        }
      }
    }
    d.relations.clear();
    d.relations.addAll(out);
    syncParent(d.fields, d.relations);
  }

  /**
   * An AttachedFile relation as the service stores it: the url without its ?fileName= query, and
   * the file's id, name, size and dates added to the caller's attributes (a comment, say). One
   * already stored (it has resourceSize) is kept as it is.
   */
  private Relation attachedFile(Relation r) {
    if (r.attributes() != null && r.attributes().containsKey("resourceSize")) {
      return r;
    }
    String url = r.url() == null ? "" : r.url();
    String fileName = null;
    int q = url.indexOf('?');
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        if (pair.regionMatches(true, 0, "fileName=", 0, 9)) {
          fileName = java.net.URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
        }
      }
      url = url.substring(0, q);
    }
    String attachmentId = url.substring(url.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    WitTables.Attachment a = t.attachments.get(attachmentId);
    String now = Json.date(ctx.clock().instant());
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("authorizedDate", now);
    attrs.put("id", fileId(attachmentId));
    attrs.put("resourceCreatedDate", a == null ? now : a.createdDate());
    attrs.put("resourceModifiedDate", a == null ? now : a.createdDate());
    attrs.put("revisedDate", "9999-01-01T00:00:00Z");
    if (r.attributes() != null) {
      r.attributes().forEach(attrs::putIfAbsent);
    }
    attrs.put("resourceSize", a == null ? 0 : base64Length(a.data()));
    attrs.put("name", a != null ? a.fileName() : fileName != null ? fileName : attachmentId);
    return new Relation("AttachedFile", url, attrs);
  }

  // The service's file id is a number; this one is stable for the attachment.
  private static int fileId(String attachmentId) {
    try {
      return (int) (java.util.UUID.fromString(attachmentId).getLeastSignificantBits() & 0x7fffffff);
    } catch (IllegalArgumentException e) {
      return attachmentId.hashCode() & 0x7fffffff;
    }
  }

  private static long base64Length(String data) {
    int pad = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
    return data.length() / 4L * 3 - pad;
  }

  // System.Parent mirrors the Hierarchy-Reverse link, as the service computes it.
  private static void syncParent(Map<String, Object> fields, List<Relation> relations) {
    int related = 0;
    int hyperlinks = 0;
    int files = 0;
    int external = 0;
    for (Relation r : relations) {
      switch (r.rel()) {
        case "Hyperlink" -> hyperlinks++;
        case "AttachedFile" -> files++;
        case "ArtifactLink" -> external++;
        default -> related++;
      }
    }
    // The service keeps link counts as fields; they are only shown once there is a link.
    count(fields, "System.RelatedLinkCount", related);
    count(fields, "System.HyperLinkCount", hyperlinks);
    count(fields, "System.AttachedFileCount", files);
    count(fields, "System.ExternalLinkCount", external);
    fields.remove("System.Parent");
    for (Relation r : relations) {
      if (r.rel().equals("System.LinkTypes.Hierarchy-Reverse")) {
        Integer p = targetId(r.url());
        if (p != null) {
          fields.put("System.Parent", p);
        }
      }
    }
  }

  private static void count(Map<String, Object> fields, String ref, int n) {
    if (n > 0) {
      fields.put(ref, n);
    } else {
      fields.remove(ref);
    }
  }

  private static ApiException circular() {
    return ApiException.badRequest(
        "WorkItemLinkInvalidException",
        "TF201037: The link cannot be saved because it would create a circular relationship.");
  }

  private static ApiException parentError(int parent, int child) {
    return ApiException.badRequest(
        "WorkItemLinkInvalidException",
        "TF201036: You cannot add a Child link between work items "
            + parent
            + " and "
            + child
            + " because a work item can have only one Parent link.");
  }

  // True when candidate is an ancestor-or-self chain element reached from start's descendants.
  private boolean isAncestor(int child, int parent) {
    int cur = parent;
    Set<Integer> seen = new LinkedHashSet<>();
    while (seen.add(cur)) {
      if (cur == child) {
        return true;
      }
      WorkItem w = t.items.get(Integer.toString(cur));
      Integer up = w == null ? null : parentOf(w);
      if (up == null) {
        return false;
      }
      cur = up;
    }
    return false;
  }

  private Integer parentOf(WorkItem w) {
    if (w.relations() == null) {
      return null;
    }
    for (Relation r : w.relations()) {
      if (r.rel().equals("System.LinkTypes.Hierarchy-Reverse")) {
        Integer p = targetId(r.url());
        WorkItem pw = p == null ? null : t.items.get(Integer.toString(p));
        if (pw != null && !pw.deleted()) {
          return p;
        }
      }
    }
    return null;
  }

  private static String canonicalRel(String rel) {
    for (String k : LINK_TYPES.keySet()) {
      if (k.equalsIgnoreCase(rel)) {
        return k;
      }
    }
    for (String k : RESOURCE_LINKS) {
      if (k.equalsIgnoreCase(rel)) {
        return k;
      }
    }
    throw ApiException.badRequest(
        "WorkItemLinkTypeNotFoundException",
        "TF201063: The link type '" + rel + "' does not exist.");
  }

  private String workItemUrl(int id) {
    String base = ctx.orgUrl() == null ? "" : ctx.orgUrl();
    return base + "_apis/wit/workItems/" + id;
  }

  /** Mirrors added and removed work item links on the other ends, each as a new revision there. */
  void linkOthers(
      Store.Tx tx, Draft d, List<Relation> beforeRelations, Identity caller, String now) {
    Map<String, Relation> before = new LinkedHashMap<>();
    for (Relation r : beforeRelations == null ? List.<Relation>of() : beforeRelations) {
      Integer id = targetId(r.url());
      if (id != null && LINK_TYPES.containsKey(r.rel())) {
        before.put(r.rel() + "|" + id, r);
      }
    }
    Map<String, Relation> after = new LinkedHashMap<>();
    for (Relation r : d.relations) {
      Integer id = targetId(r.url());
      if (id != null && LINK_TYPES.containsKey(r.rel())) {
        after.put(r.rel() + "|" + id, r);
      }
    }
    Map<Integer, List<Runnable>> changes = new LinkedHashMap<>();
    Map<Integer, List<Relation>> rels = new HashMap<>();
    for (Map.Entry<String, Relation> e : after.entrySet()) {
      Relation prev = before.get(e.getKey());
      if (prev != null && Objects.equals(prev.attributes(), e.getValue().attributes())) {
        continue;
      }
      int other = targetId(e.getValue().url());
      List<Relation> list = relationsOf(rels, other);
      if (list == null) {
        continue;
      }
      String reverse = LINK_TYPES.get(e.getValue().rel());
      String url = workItemUrl(d.id);
      list.removeIf(r -> r.rel().equals(reverse) && Objects.equals(targetId(r.url()), d.id));
      list.add(new Relation(reverse, url, e.getValue().attributes()));
      changes.computeIfAbsent(other, k -> new ArrayList<>());
    }
    for (Map.Entry<String, Relation> e : before.entrySet()) {
      if (after.containsKey(e.getKey())) {
        continue;
      }
      int other = targetId(e.getValue().url());
      List<Relation> list = relationsOf(rels, other);
      if (list == null) {
        continue;
      }
      String reverse = LINK_TYPES.get(e.getValue().rel());
      if (list.removeIf(r -> r.rel().equals(reverse) && Objects.equals(targetId(r.url()), d.id))) {
        changes.computeIfAbsent(other, k -> new ArrayList<>());
      }
    }
    for (Integer other : changes.keySet()) {
      WorkItem w = t.items.get(Integer.toString(other));
      Map<String, Object> f = new LinkedHashMap<>(w.fields());
      f.remove("System.History");
      int rev = w.rev() + 1;
      f.put("System.Rev", rev);
      f.put("System.ChangedDate", now);
      f.put("System.ChangedBy", caller.combinedName());
      f.put("System.AuthorizedDate", now);
      f.put("System.AuthorizedAs", caller.combinedName());
      f.put("System.PersonId", personId(caller));
      f.put("System.Watermark", (int) tx.next(t.counters, "workItemWatermark"));
      syncParent(f, rels.get(other));
      engine.save(
          tx,
          new WorkItem(
              w.id(),
              rev,
              w.projectId(),
              Collections.unmodifiableMap(f),
              List.copyOf(rels.get(other)),
              false,
              w.commentCount()));
    }
  }

  private List<Relation> relationsOf(Map<Integer, List<Relation>> cache, int id) {
    List<Relation> list = cache.get(id);
    if (list == null) {
      WorkItem w = t.items.get(Integer.toString(id));
      if (w == null || w.deleted()) {
        return null;
      }
      list = new ArrayList<>(w.relations() == null ? List.of() : w.relations());
      cache.put(id, list);
    }
    return list;
  }
}
