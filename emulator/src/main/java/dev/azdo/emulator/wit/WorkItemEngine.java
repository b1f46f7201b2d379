package dev.azdo.emulator.wit;

import static dev.azdo.emulator.wit.FieldValues.str;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Identity;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.StateDef;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.model.WorkItem.Relation;
import dev.azdo.emulator.model.WorkItemTypeDef;
import dev.azdo.emulator.store.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies JSON Patch documents to work items with the service's rules, system fields and links, and
 * writes the new revisions. Call its methods inside a store transaction. The patch operations are
 * {@link PatchDocument}'s, field values and rules {@link FieldValues}', area and iteration paths
 * {@link ClassificationPaths}', state stamps {@link StateStampedFields}' and relations {@link
 * WorkItemLinks}'.
 */
final class WorkItemEngine {
  /** System.RevisedDate of the latest revision, as the service reports it. */
  static final String FAR_FUTURE = "9999-01-01T00:00:00Z";

  private final EmulatorContext ctx;
  private final WitServices services;
  private final WitTables t;
  private final PatchDocument patches;
  private final FieldValues values;
  private final ClassificationPaths paths;
  private final WorkItemLinks links;

  WorkItemEngine(EmulatorContext ctx, WitServices services, WitTables tables, TagDefinitions tags) {
    this.ctx = ctx;
    this.services = services;
    this.t = tables;
    this.patches = new PatchDocument(services);
    this.values = new FieldValues(ctx, services, tags);
    this.paths = new ClassificationPaths(services);
    this.links = new WorkItemLinks(ctx, tables, this);
  }

  /** The query flags of a create or update. */
  record Options(boolean validateOnly, boolean bypassRules, boolean suppressNotifications) {}

  /** The latest revision of a live (not deleted) work item, or the service's 404 (TF401232). */
  WorkItem live(int id) {
    WorkItem w = t.items.get(Integer.toString(id));
    if (w == null || w.deleted()) {
      throw missing(id);
    }
    return w;
  }

  static ApiException missing(int id) {
    return new ApiException(
        404,
        "WorkItemUnauthorizedAccessException",
        "TF401232: Work item "
            + id
            + " does not exist, or you do not have permissions to read it.");
  }

  /** Creates a work item of a type in a project from a patch document. */
  WorkItem create(
      Store.Tx tx,
      Project project,
      WorkItemTypeDef type,
      JsonNode patch,
      Options opt,
      Identity caller,
      Map<Integer, Integer> tempIds) {
    List<JsonNode> ops = PatchDocument.operations(patch);
    Draft d = new Draft();
    d.projectId = project.id();
    d.rev = 0;
    patches.apply(d, ops, null);
    String now = Json.date(ctx.clock().instant());
    Map<String, Object> f = d.fields;
    values.convertUserFields(d, opt, type);
    Map<String, Object> stamped = StateStampedFields.sent(f, d.given);
    f.put("System.TeamProject", project.name());
    f.put("System.WorkItemType", type.name());
    f.putIfAbsent("System.AreaPath", project.name());
    f.putIfAbsent("System.IterationPath", project.name());
    List<StateDef> states = type.states() == null ? List.of() : type.states();
    String initial = states.isEmpty() ? "New" : states.get(0).name();
    f.putIfAbsent("System.State", initial);
    if (!f.containsKey("System.Reason")) {
      f.put("System.Reason", StateStampedFields.reasonFor(type, (String) f.get("System.State")));
    }
    if (type.defaults() != null) {
      for (Map.Entry<String, String> e : type.defaults().entrySet()) {
        if (!f.containsKey(e.getKey()) && e.getValue() != null) {
          FieldDef def = services.field(e.getKey());
          f.put(e.getKey(), def == null ? e.getValue() : values.convert(def, e.getValue(), true));
        }
      }
    }
    setIfNotGiven(d, opt, "System.CreatedDate", now);
    setIfNotGiven(d, opt, "System.CreatedBy", caller.combinedName());
    setIfNotGiven(d, opt, "System.ChangedDate", f.get("System.CreatedDate"));
    setIfNotGiven(d, opt, "System.ChangedBy", caller.combinedName());
    f.put("System.AuthorizedDate", f.get("System.ChangedDate"));
    f.put("System.AuthorizedAs", caller.combinedName());
    f.put("System.PersonId", personId(caller));
    f.put("System.RevisedDate", FAR_FUTURE);
    f.put("System.CommentCount", 0);
    f.put("System.IsDeleted", false);
    StateStampedFields.enterState(d, type, null, (String) f.get("System.State"), caller, opt);
    StateStampedFields.settle(
        f,
        stamped,
        Map.of(),
        StateStampedFields.category(type, str(f.get("System.State"))),
        opt.bypassRules());
    if (!opt.bypassRules()) {
      values.checkRules(d, type);
    }
    paths.checkTree(d, -1);
    int id = 0;
    if (!opt.validateOnly()) {
      id = (int) tx.next(t.counters, "workItemId");
    }
    d.id = id;
    d.rev = 1;
    f.put("System.Id", id);
    f.put("System.Rev", 1);
    links.resolveRelations(d, tempIds, opt, List.of());
    if (opt.validateOnly()) {
      return d.toWorkItem(0);
    }
    f.put("System.Watermark", (int) tx.next(t.counters, "workItemWatermark"));
    Object history = f.get("System.History");
    boolean comment = history instanceof String h && !h.isBlank();
    if (comment) {
      // History given on create is the work item's first comment.
      f.put("System.CommentCount", 1);
    }
    orderFields(d);
    WorkItem w = d.toWorkItem(comment ? 1 : 0);
    save(tx, w);
    if (comment) {
      CommentsApi.insert(tx, t, w.id(), (String) history, caller.combinedName(), now, 1);
    }
    links.linkOthers(tx, d, List.of(), caller, now);
    if (d.tempId != null && tempIds != null) {
      tempIds.put(d.tempId, id);
    }
    return w;
  }

  /** Updates a work item from a patch document. */
  WorkItem update(
      Store.Tx tx,
      int id,
      JsonNode patch,
      Options opt,
      Identity caller,
      Map<Integer, Integer> tempIds) {
    List<JsonNode> ops = PatchDocument.operations(patch);
    WorkItem before = live(id);
    Project project = services.projectOrNull(before.projectId());
    Draft d = Draft.of(before);
    Object oldState = before.fields().get("System.State");
    d.fields.remove("System.History");
    patches.apply(d, ops, before);
    WorkItemTypeDef type = null;
    if (project != null) {
      type =
          services
              .processes()
              .type(project.processId(), str(before.fields().get("System.WorkItemType")));
    }
    values.convertUserFields(d, opt, type);
    Map<String, Object> stamped = StateStampedFields.sent(d.fields, d.given);
    String now = Json.date(ctx.clock().instant());
    Map<String, Object> f = d.fields;
    d.rev = before.rev() + 1;
    f.put("System.Rev", d.rev);
    f.put("System.Id", id);
    f.put("System.TeamProject", before.fields().get("System.TeamProject"));
    f.put("System.WorkItemType", before.fields().get("System.WorkItemType"));
    setIfNotGiven(d, opt, "System.ChangedDate", now);
    setIfNotGiven(d, opt, "System.ChangedBy", caller.combinedName());
    Object previous = before.fields().get("System.ChangedDate");
    if (previous != null
        && FieldValues.parseDate(str(f.get("System.ChangedDate")))
            .isBefore(FieldValues.parseDate(str(previous)))) {
      // Imports with bypassRules may set ChangedDate, but history must still move forward.
      throw ApiException.badRequest(
          "WorkItemDatesNotIncreasingException",
          "VS402625: Dates must be increasing with each revision.");
    }
    f.put("System.AuthorizedDate", f.get("System.ChangedDate"));
    f.put("System.AuthorizedAs", caller.combinedName());
    f.put("System.PersonId", personId(caller));
    f.put("System.RevisedDate", FAR_FUTURE);
    f.putIfAbsent("System.AreaPath", before.fields().get("System.TeamProject"));
    f.putIfAbsent("System.IterationPath", before.fields().get("System.TeamProject"));
    Object newState = f.get("System.State");
    if (type != null && !Objects.equals(oldState, newState)) {
      if (!d.given.contains("System.Reason")) {
        f.put("System.Reason", StateStampedFields.reasonFor(type, str(newState)));
      }
      StateStampedFields.enterState(d, type, str(oldState), str(newState), caller, opt);
    }
    StateStampedFields.settle(
        f,
        stamped,
        before.fields(),
        type == null ? "" : StateStampedFields.category(type, str(newState)),
        opt.bypassRules());
    if (!opt.bypassRules() && type != null) {
      values.checkRules(d, type);
    }
    paths.checkTree(d, id);
    links.resolveRelations(
        d, tempIds, opt, before.relations() == null ? List.of() : before.relations());
    if (opt.validateOnly()) {
      return d.toWorkItem(before.commentCount());
    }
    f.put("System.Watermark", (int) tx.next(t.counters, "workItemWatermark"));
    Object history = f.get("System.History");
    int comments = before.commentCount();
    if (history instanceof String h && !h.isBlank()) {
      // A History entry on an update is also a comment on the work item.
      comments++;
      f.put("System.CommentCount", comments);
    }
    orderFields(d);
    WorkItem w = d.toWorkItem(comments);
    save(tx, w);
    if (history instanceof String h && !h.isBlank()) {
      CommentsApi.insert(tx, t, w.id(), h, caller.combinedName(), now, w.rev());
    }
    links.linkOthers(tx, d, before.relations(), caller, now);
    return w;
  }

  /** Writes a revision as the latest and keeps it in the revision history. */
  void save(Store.Tx tx, WorkItem w) {
    tx.put(t.items, Integer.toString(w.id()), w);
    tx.put(t.revisions, w.id() + ":" + w.rev(), w);
  }

  private void setIfNotGiven(Draft d, Options opt, String ref, Object value) {
    // bypassRules lets importers keep the original creation and change history.
    if (opt.bypassRules() && d.given.contains(ref) && d.fields.get(ref) != null) {
      return;
    }
    d.fields.put(ref, value);
  }

  /** The service's System.PersonId: the integer id of the identity that made the revision. */
  static int personId(Identity caller) {
    return Math.floorMod(caller.id().hashCode(), 90_000_000) + 10_000_000;
  }

  private static void orderFields(Draft d) {
    // Keep the map's insertion order stable: system fields first, as the service lists them.
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : WorkItemJson.SYSTEM_ORDER) {
      if (d.fields.containsKey(k)) {
        out.put(k, d.fields.get(k));
      }
    }
    out.putAll(d.fields);
    d.fields.clear();
    d.fields.putAll(out);
  }

  /** A work item being built: mutable copies of fields and relations. */
  static final class Draft {
    int id;
    int rev;
    String projectId;
    Integer tempId;
    WorkItemTypeDef type;
    final Map<String, Object> fields = new LinkedHashMap<>();
    final List<Relation> relations = new ArrayList<>();
    final Set<String> given = new LinkedHashSet<>();

    static Draft of(WorkItem w) {
      Draft d = new Draft();
      d.id = w.id();
      d.rev = w.rev();
      d.projectId = w.projectId();
      d.fields.putAll(w.fields());
      if (w.relations() != null) {
        d.relations.addAll(w.relations());
      }
      return d;
    }

    WorkItem toWorkItem(int commentCount) {
      Map<String, Object> f = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, Object>> it = fields.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Object> e = it.next();
        if (e.getValue() != null) {
          f.put(e.getKey(), e.getValue());
        }
      }
      return new WorkItem(
          id,
          rev,
          projectId,
          Collections.unmodifiableMap(f),
          List.copyOf(relations),
          false,
          commentCount);
    }
  }
}
