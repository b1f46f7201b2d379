package dev.azdo.emulator.wit;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies JSON Patch documents to work items with the service's rules, system fields and links, and
 * writes the new revisions. Call its methods inside a store transaction.
 */
final class WorkItemEngine {
  /** System.RevisedDate of the latest revision, as the service reports it. */
  static final String FAR_FUTURE = "9999-01-01T00:00:00Z";

  // The service's limit for single-line string fields.
  private static final int MAX_STRING_LENGTH = 255;

  /** The service's limit on a long text (HTML, plain text, history) field: 1,048,576 characters. */
  static final int MAX_LONG_TEXT_LENGTH = 1_048_576;

  // The service keeps System.AreaLevel1..7 and System.IterationLevel1..7.
  private static final int MAX_TREE_LEVELS = 7;

  /** The level fields the service derives from the area and iteration paths. */
  static final List<String> TREE_LEVEL_FIELDS = treeLevelFields();

  // Fields the service always sets itself, even with bypassRules.
  private static final Set<String> ALWAYS_READ_ONLY =
      withTreeLevels(
          Set.of(
              "System.Id",
              "System.Rev",
              "System.RevisedDate",
              "System.Watermark",
              "System.TeamProject",
              "System.CommentCount",
              "System.NodeName",
              "System.AuthorizedAs",
              "System.WorkItemType",
              "System.BoardColumn",
              "System.BoardColumnDone",
              "System.BoardLane",
              "System.Parent",
              "System.RelatedLinkCount",
              "System.HyperLinkCount",
              "System.AttachedFileCount",
              "System.ExternalLinkCount",
              "System.RemoteLinkCount",
              "System.PersonId",
              "System.IsDeleted"));

  private final EmulatorContext ctx;
  private final WitServices services;
  private final WitTables t;
  // The organization's tag definitions: lower-case name to the spelling first written.
  private final Map<String, String> tagNames = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean tagNamesLoaded;
  private final WorkItemLinks links;

  WorkItemEngine(EmulatorContext ctx, WitServices services, WitTables tables) {
    this.ctx = ctx;
    this.services = services;
    this.t = tables;
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
    List<JsonNode> ops = operations(patch);
    Draft d = new Draft();
    d.projectId = project.id();
    d.rev = 0;
    apply(d, ops, null);
    String now = Json.date(ctx.clock().instant());
    Map<String, Object> f = d.fields;
    convertUserFields(d, opt, type);
    Map<String, Object> stamped = StateStampedFields.sent(f, d.given);
    f.put("System.TeamProject", project.name());
    f.put("System.WorkItemType", type.name());
    f.putIfAbsent("System.AreaPath", project.name());
    f.putIfAbsent("System.IterationPath", project.name());
    List<StateDef> states = type.states() == null ? List.of() : type.states();
    String initial = states.isEmpty() ? "New" : states.get(0).name();
    f.putIfAbsent("System.State", initial);
    if (!f.containsKey("System.Reason")) {
      f.put("System.Reason", reasonFor(type, (String) f.get("System.State")));
    }
    if (type.defaults() != null) {
      for (Map.Entry<String, String> e : type.defaults().entrySet()) {
        if (!f.containsKey(e.getKey()) && e.getValue() != null) {
          FieldDef def = services.field(e.getKey());
          f.put(e.getKey(), def == null ? e.getValue() : convert(def, e.getValue(), true));
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
    enterState(d, type, null, (String) f.get("System.State"), caller, opt);
    StateStampedFields.settle(
        f, stamped, Map.of(), category(type, str(f.get("System.State"))), opt.bypassRules());
    if (!opt.bypassRules()) {
      checkRules(d, type);
    }
    checkTree(d, -1);
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
    List<JsonNode> ops = operations(patch);
    WorkItem before = live(id);
    Project project = services.projectOrNull(before.projectId());
    Draft d = Draft.of(before);
    Object oldState = before.fields().get("System.State");
    d.fields.remove("System.History");
    apply(d, ops, before);
    WorkItemTypeDef type = null;
    if (project != null) {
      type =
          services
              .processes()
              .type(project.processId(), str(before.fields().get("System.WorkItemType")));
    }
    convertUserFields(d, opt, type);
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
        && parseDate(str(f.get("System.ChangedDate"))).isBefore(parseDate(str(previous)))) {
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
        f.put("System.Reason", reasonFor(type, str(newState)));
      }
      enterState(d, type, str(oldState), str(newState), caller, opt);
    }
    StateStampedFields.settle(
        f,
        stamped,
        before.fields(),
        type == null ? "" : category(type, str(newState)),
        opt.bypassRules());
    if (!opt.bypassRules() && type != null) {
      checkRules(d, type);
    }
    checkTree(d, id);
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

  // ---- patch document ----

  private static List<JsonNode> operations(JsonNode patch) {
    if (patch == null || !patch.isArray() || patch.isEmpty()) {
      throw invalidPatch();
    }
    List<JsonNode> ops = new ArrayList<>();
    for (JsonNode op : patch) {
      if (!op.isObject() || !op.path("op").isTextual() || !op.path("path").isTextual()) {
        throw invalidPatch();
      }
      ops.add(op);
    }
    return ops;
  }

  static ApiException invalidPatch() {
    return new ApiException(
        400,
        "VssPropertyValidationException",
        "Microsoft.VisualStudio.Services.Common.VssPropertyValidationException,"
            + " Microsoft.VisualStudio.Services.Common",
        "You must pass a valid patch document in the body of the request.");
  }

  private void apply(Draft d, List<JsonNode> ops, WorkItem before) {
    for (JsonNode op : ops) {
      String kind = op.path("op").asText().toLowerCase(Locale.ROOT);
      String path = op.path("path").asText();
      JsonNode value = op.get("value");
      if (!Set.of("add", "replace", "remove", "test", "copy", "move").contains(kind)) {
        throw ApiException.badRequest(
            "VssPropertyValidationException",
            "The operation '" + op.path("op").asText() + "' is not supported.");
      }
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.equals("/rev")) {
        if (kind.equals("test")) {
          int expected = value == null ? -1 : value.asInt(-1);
          int actual = before == null ? 0 : before.rev();
          if (expected != actual) {
            throw new ApiException(
                412,
                "WorkItemRevisionMismatchException",
                "TF26071: This work item has been changed by someone else since you opened it."
                    + " You will need to refresh it and discard your changes.");
          }
          continue;
        }
        throw badPath(path);
      }
      if (lower.equals("/id")) {
        // $batch declares a temporary negative id with add /id so links can refer to it; the
        // service also takes it as a string ("-1", as Microsoft's MCP server sends it).
        Integer temp = null;
        if (value != null && value.isNumber() && value.canConvertToInt()) {
          temp = value.asInt();
        } else if (value != null
            && value.isTextual()
            && value.asText().trim().matches("-\\d{1,9}")) {
          temp = Integer.valueOf(value.asText().trim());
        }
        if (before == null && temp != null && temp < 0) {
          d.tempId = temp;
          continue;
        }
        throw badPath(path);
      }
      if (lower.startsWith("/multilinefieldsformat/")) {
        continue;
      }
      if (lower.startsWith("/fields/")) {
        applyField(d, kind, path.substring(8), value, op.path("from").asText(null));
        continue;
      }
      if (lower.startsWith("/relations/")) {
        applyRelation(d, kind, path.substring(11), value);
        continue;
      }
      throw badPath(path);
    }
  }

  private static ApiException badPath(String path) {
    return ApiException.badRequest(
        "VssPropertyValidationException",
        "The path '" + path + "' is not valid for a work item patch operation.");
  }

  private FieldDef fieldOrFail(String name) {
    FieldDef def = services.field(name);
    if (def == null) {
      throw new ApiException(
          400, "WorkItemFieldInvalidException", "TF51535: Cannot find field " + name + ".");
    }
    return def;
  }

  private void applyField(Draft d, String kind, String name, JsonNode value, String from) {
    FieldDef def = fieldOrFail(name);
    String ref = def.referenceName();
    switch (kind) {
      case "add", "replace" -> {
        d.fields.put(ref, Json.MAPPER.convertValue(value, Object.class));
        d.given.add(ref);
      }
      case "remove" -> {
        d.fields.remove(ref);
        d.given.add(ref);
      }
      case "test" -> {
        Object want = Json.MAPPER.convertValue(value, Object.class);
        if (!same(d.fields.get(ref), want)) {
          throw new ApiException(
              412,
              "WorkItemRevisionMismatchException",
              "TF26071: This work item has been changed by someone else since you opened it."
                  + " You will need to refresh it and discard your changes.");
        }
      }
      default -> {
        // copy and move take the value from another field.
        if (from == null || !from.toLowerCase(Locale.ROOT).startsWith("/fields/")) {
          throw badPath(from == null ? "" : from);
        }
        FieldDef src = fieldOrFail(from.substring(8));
        d.fields.put(ref, d.fields.get(src.referenceName()));
        d.given.add(ref);
        if (kind.equals("move")) {
          d.fields.remove(src.referenceName());
          d.given.add(src.referenceName());
        }
      }
    }
  }

  private void applyRelation(Draft d, String kind, String rest, JsonNode value) {
    String[] parts = rest.split("/", 3);
    if (parts[0].equals("-")) {
      if (!kind.equals("add") || value == null || !value.isObject()) {
        throw badPath("/relations/" + rest);
      }
      d.relations.add(relationFrom(value));
      return;
    }
    int index;
    try {
      index = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw badPath("/relations/" + rest);
    }
    if (index < 0 || index >= d.relations.size()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "Index " + index + " is out of range for the relations of this work item.");
    }
    Relation cur = d.relations.get(index);
    if (parts.length == 1) {
      switch (kind) {
        case "remove" -> d.relations.remove(index);
        case "replace", "add" -> d.relations.set(index, relationFrom(value));
        case "test" -> {}
        default -> throw badPath("/relations/" + rest);
      }
      return;
    }
    if (parts.length == 3 && parts[1].equalsIgnoreCase("attributes")) {
      Map<String, Object> attrs =
          new LinkedHashMap<>(cur.attributes() == null ? Map.of() : cur.attributes());
      if (kind.equals("remove")) {
        attrs.remove(parts[2]);
      } else {
        attrs.put(parts[2], Json.MAPPER.convertValue(value, Object.class));
      }
      d.relations.set(index, new Relation(cur.rel(), cur.url(), attrs));
      return;
    }
    throw badPath("/relations/" + rest);
  }

  private static Relation relationFrom(JsonNode value) {
    if (value == null || !value.path("rel").isTextual() || !value.path("url").isTextual()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException",
          "A relation must have a 'rel' and a 'url': " + (value == null ? "null" : value));
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    JsonNode a = value.get("attributes");
    if (a != null && a.isObject()) {
      a.fields()
          .forEachRemaining(
              e -> attrs.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(), Object.class)));
    }
    return new Relation(value.path("rel").asText(), value.path("url").asText(), attrs);
  }

  // ---- field values and rules ----

  private void convertUserFields(Draft d, Options opt, WorkItemTypeDef type) {
    for (String ref : d.given) {
      FieldDef def = services.field(ref);
      if (def == null) {
        continue;
      }
      if (!onType(type, ref)) {
        // A field of the organization that the work item type does not have is unknown to it.
        throw new ApiException(
            400, "WorkItemFieldInvalidException", "TF51535: Cannot find field " + ref + ".");
      }
      boolean bypassable = opt.bypassRules() && !ALWAYS_READ_ONLY.contains(ref);
      // The service accepts the fields its state rules own and keeps them only where the rules
      // allow (StateStampedFields), so they are not refused as read-only.
      boolean ruled = StateStampedFields.contains(ref);
      if ((def.readOnly() || ALWAYS_READ_ONLY.contains(ref)) && !bypassable && !ruled) {
        throw new RuleError(
            ref, "ReadOnly", "TF401326: Invalid field status 'ReadOnly' for field '" + ref + "'.");
      }
      Object v = d.fields.get(ref);
      if (v == null || (v instanceof String s && s.isEmpty())) {
        d.fields.remove(ref);
        continue;
      }
      d.fields.put(ref, convertChecked(def, v, opt.bypassRules()));
    }
  }

  private Object convertChecked(FieldDef def, Object v, boolean bypass) {
    Object out = convert(def, v, bypass);
    String kind = type(def);
    if ((kind.equals("html") || kind.equals("plainText") || kind.equals("history"))
        && out instanceof String text
        && text.length() > MAX_LONG_TEXT_LENGTH) {
      // A storage limit, so bypassRules does not lift it.
      throw ruleError(def, "InvalidTooLong");
    }
    if (!bypass) {
      String type = type(def);
      if (type.equals("string") && out instanceof String s && s.length() > MAX_STRING_LENGTH) {
        throw ruleError(def, "InvalidTooLong");
      }
      List<String> allowed = def.allowedValues();
      if (allowed != null && !allowed.isEmpty() && !isIdentity(def)) {
        boolean ok = false;
        for (String a : allowed) {
          if (a.equalsIgnoreCase(String.valueOf(out)) || same(convertQuiet(def, a), out)) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          throw ruleError(def, "HasValues, LimitedToValues, AllowsOldValue, InvalidListValue");
        }
      }
    }
    return out;
  }

  private Object convertQuiet(FieldDef def, String v) {
    try {
      return convert(def, v, true);
    } catch (ApiException e) {
      return v;
    }
  }

  /** Converts a JSON value to the stored form of the field's type; 400 when it does not fit. */
  Object convert(FieldDef def, Object v, boolean bypass) {
    if (isIdentity(def)) {
      String text = identityText(v);
      Identity who = ctx.directory().resolve(text);
      if (who != null) {
        return who.combinedName();
      }
      if (bypass) {
        return text;
      }
      throw new RuleError(
          def.referenceName(),
          "ValidIdentity",
          "TF401320: Rule Error for field "
              + def.name()
              + ". Error code: ValidIdentity. The identity value '"
              + text
              + "' for field '"
              + def.name()
              + "' is an unknown identity.");
    }
    String type = type(def);
    try {
      switch (type) {
        case "integer" -> {
          if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue() <= Integer.MAX_VALUE && n.longValue() >= Integer.MIN_VALUE
                ? (Object) n.intValue()
                : (Object) n.longValue();
          }
          if (v instanceof String s) {
            return Integer.parseInt(s.trim());
          }
          throw ruleError(def, "InvalidType");
        }
        case "double" -> {
          if (v instanceof Number n) {
            return n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15
                ? (Object) n.longValue()
                : (Object) n.doubleValue();
          }
          if (v instanceof String s) {
            double x = Double.parseDouble(s.trim());
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? (Object) (long) x : (Object) x;
          }
          throw ruleError(def, "InvalidType");
        }
        case "boolean" -> {
          if (v instanceof Boolean b) {
            return b;
          }
          if (v instanceof String s
              && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s.trim());
          }
          throw ruleError(def, "InvalidType");
        }
        case "datetime" -> {
          return Json.date(parseDate(String.valueOf(v)));
        }
        default -> {
          if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
            throw ruleError(def, "InvalidType");
          }
          String s = String.valueOf(v);
          if (def.referenceName().equals("System.Tags")) {
            return tagsAsDefined(s);
          }
          return s;
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ruleError(def, type.equals("datetime") ? "InvalidDate" : "InvalidType");
    }
  }

  private static String identityText(Object v) {
    if (v instanceof Map<?, ?> m) {
      Object u = m.get("uniqueName");
      if (u == null) {
        u = m.get("id");
      }
      if (u == null) {
        u = m.get("displayName");
      }
      return String.valueOf(u);
    }
    return String.valueOf(v);
  }

  static Instant parseDate(String s) {
    String x = s.trim();
    try {
      return OffsetDateTime.parse(x).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(x).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        if (x.indexOf(',') > 0) {
          // Microsoft's Node client sends dates such as asOf as RFC 1123 text.
          return ZonedDateTime.parse(x, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        return LocalDate.parse(x).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
    }
  }

  /** Tags as the service keeps them: trimmed, without duplicates, joined by "; ". */
  static String normaliseTags(String s) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (String tag : s.split("[;,]")) {
      String x = tag.trim();
      if (!x.isEmpty() && seen.add(x.toLowerCase(Locale.ROOT))) {
        out.add(x);
      }
    }
    return String.join("; ", out);
  }

  /**
   * Normalised tags, each spelled as the tag definition already spells it: the service keeps one
   * definition per tag regardless of case, so "Ui" written after "ui" reads back "ui".
   */
  String tagsAsDefined(String s) {
    String normalised = normaliseTags(s);
    if (normalised.isEmpty()) {
      return normalised;
    }
    List<String> out = new ArrayList<>();
    for (String tag : normalised.split("; ")) {
      out.add(tagName(tag));
    }
    return String.join("; ", out);
  }

  private String tagName(String tag) {
    if (!tagNamesLoaded) {
      synchronized (tagNames) {
        if (!tagNamesLoaded) {
          // After a restart on saved data the definitions are those the stored items carry.
          for (WorkItem w : t.items.values()) {
            Object v = w.fields().get("System.Tags");
            if (v != null) {
              for (String x : v.toString().split(";")) {
                if (!x.isBlank()) {
                  tagNames.putIfAbsent(x.trim().toLowerCase(Locale.ROOT), x.trim());
                }
              }
            }
          }
          tagNamesLoaded = true;
        }
      }
    }
    return tagNames.computeIfAbsent(tag.toLowerCase(Locale.ROOT), k -> tag);
  }

  /** Forgets the tag definitions, for a reset organization or a renamed or deleted tag. */
  void forgetTagNames() {
    synchronized (tagNames) {
      tagNames.clear();
      tagNamesLoaded = false;
    }
  }

  static String type(FieldDef def) {
    return def.type() == null ? "string" : def.type().toLowerCase(Locale.ROOT);
  }

  static boolean isIdentity(FieldDef def) {
    return def.identity() || "identity".equalsIgnoreCase(def.type());
  }

  private static ApiException ruleError(FieldDef def, String codes) {
    return new RuleError(
        def.referenceName(),
        codes,
        "TF401320: Rule Error for field " + def.name() + ". Error code: " + codes + ".");
  }

  private void setIfNotGiven(Draft d, Options opt, String ref, Object value) {
    // bypassRules lets importers keep the original creation and change history.
    if (opt.bypassRules() && d.given.contains(ref) && d.fields.get(ref) != null) {
      return;
    }
    d.fields.put(ref, value);
  }

  private void checkRules(Draft d, WorkItemTypeDef type) {
    List<String> required = new ArrayList<>();
    required.add("System.Title");
    if (type.requiredFields() != null) {
      required.addAll(type.requiredFields());
    }
    for (String ref : required) {
      Object v = d.fields.get(ref);
      if (v == null || (v instanceof String s && s.isBlank())) {
        FieldDef def = services.field(ref);
        String name = def == null ? ref : def.name();
        throw new RuleError(
            def == null ? ref : def.referenceName(),
            "Required, InvalidEmpty",
            "TF401320: Rule Error for field " + name + ". Error code: Required, InvalidEmpty.");
      }
    }
    String state = str(d.fields.get("System.State"));
    if (type.states() != null && !type.states().isEmpty()) {
      boolean known = false;
      for (StateDef s : type.states()) {
        if (s.name().equalsIgnoreCase(state)) {
          d.fields.put("System.State", s.name());
          known = true;
        }
      }
      if (!known) {
        throw new RuleError(
            "System.State",
            "Required, HasValues, LimitedToValues, AllowsOldValue, InvalidListValue",
            "TF401320: Rule Error for field State. Error code: Required, HasValues,"
                + " LimitedToValues, AllowsOldValue, InvalidListValue.");
      }
    }
  }

  private void checkTree(Draft d, int id) {
    for (String[] f :
        List.of(
            new String[] {"System.AreaPath", "Area", "System.AreaId"},
            new String[] {"System.IterationPath", "Iteration", "System.IterationId"})) {
      String path = str(d.fields.get(f[0]));
      if (path == null) {
        continue;
      }
      path = path.replace('/', '\\');
      while (path.endsWith("\\")) {
        path = path.substring(0, path.length() - 1);
      }
      if (path.startsWith("\\")) {
        path = path.substring(1);
      }
      if (!services.tree().exists(d.projectId, f[1], path)) {
        throw new ApiException(
            400,
            "WorkItemTrackingTreeNameInvalidException",
            "TF401347: Invalid tree name given for work item " + id + ", field '" + f[0] + "'.");
      }
      d.fields.put(f[0], path);
      d.fields.put(f[2], services.tree().nodeId(d.projectId, f[1], path));
      setPath(d.fields, f[1], path);
    }
  }

  private static List<String> treeLevelFields() {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("Area", "Iteration")) {
      for (int level = 1; level <= MAX_TREE_LEVELS; level++) {
        out.add("System." + kind + "Level" + level);
      }
    }
    return List.copyOf(out);
  }

  /** Returns the fields with the area and iteration level fields added. */
  static Set<String> withTreeLevels(Set<String> fields) {
    Set<String> out = new java.util.HashSet<>(fields);
    out.addAll(TREE_LEVEL_FIELDS);
    return Set.copyOf(out);
  }

  /**
   * Sets an area ("Area") or iteration ("Iteration") path with the fields the service derives from
   * it: each segment in System.AreaLevelN / System.IterationLevelN, and the area's System.NodeName.
   */
  static void setPath(Map<String, Object> fields, String kind, String path) {
    fields.put("System." + kind + "Path", path);
    String[] segments = path.split("\\\\");
    for (int level = 1; level <= MAX_TREE_LEVELS; level++) {
      String key = "System." + kind + "Level" + level;
      if (level <= segments.length) {
        fields.put(key, segments[level - 1]);
      } else {
        fields.remove(key);
      }
    }
    if (kind.equals("Area")) {
      fields.put("System.NodeName", segments[segments.length - 1]);
    }
  }

  // The service's System.PersonId is the integer id of the identity that made the revision.
  static int personId(Identity caller) {
    return Math.floorMod(caller.id().hashCode(), 90_000_000) + 10_000_000;
  }

  private static String reasonFor(WorkItemTypeDef type, String state) {
    if (type.defaultReasons() != null && state != null) {
      for (Map.Entry<String, String> e : type.defaultReasons().entrySet()) {
        if (e.getKey().equalsIgnoreCase(state)) {
          return e.getValue();
        }
      }
    }
    return state == null ? "New" : "Moved to state " + state;
  }

  // Sets the dates and people the service records when a work item enters a state category.
  private void enterState(
      Draft d, WorkItemTypeDef type, String from, String to, Identity caller, Options opt) {
    Map<String, Object> f = d.fields;
    String now = str(f.get("System.ChangedDate"));
    d.type = type;
    if (onType(type, "Microsoft.VSTS.Common.StateChangeDate")
        && !(opt.bypassRules() && d.given.contains("Microsoft.VSTS.Common.StateChangeDate"))) {
      f.put("Microsoft.VSTS.Common.StateChangeDate", now);
    }
    String category = category(type, to);
    String who = caller.combinedName();
    if (category.equals("Proposed")) {
      clear(d, opt, "Microsoft.VSTS.Common.ActivatedDate", "Microsoft.VSTS.Common.ActivatedBy");
      clear(d, opt, "Microsoft.VSTS.Common.ResolvedDate", "Microsoft.VSTS.Common.ResolvedBy");
      clear(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy");
    } else if (category.equals("InProgress")) {
      stamp(
          d,
          opt,
          "Microsoft.VSTS.Common.ActivatedDate",
          "Microsoft.VSTS.Common.ActivatedBy",
          now,
          who);
      clear(d, opt, "Microsoft.VSTS.Common.ResolvedDate", "Microsoft.VSTS.Common.ResolvedBy");
      clear(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy");
    } else if (category.equals("Resolved")) {
      stamp(
          d,
          opt,
          "Microsoft.VSTS.Common.ResolvedDate",
          "Microsoft.VSTS.Common.ResolvedBy",
          now,
          who);
      clear(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy");
    } else if (category.equals("Completed")) {
      stamp(d, opt, "Microsoft.VSTS.Common.ClosedDate", "Microsoft.VSTS.Common.ClosedBy", now, who);
    }
  }

  private static boolean onType(WorkItemTypeDef type, String ref) {
    if (type == null || type.fields() == null || type.fields().isEmpty()) {
      return true;
    }
    for (String f : type.fields()) {
      if (f.equalsIgnoreCase(ref)) {
        return true;
      }
    }
    return false;
  }

  private static String category(WorkItemTypeDef type, String state) {
    if (type.states() != null) {
      for (StateDef s : type.states()) {
        if (s.name().equalsIgnoreCase(state)) {
          return s.category() == null ? "" : s.category();
        }
      }
    }
    return "";
  }

  private void stamp(Draft d, Options opt, String dateRef, String byRef, String now, String who) {
    if (!onType(d.type, dateRef)) {
      return;
    }
    if (!(opt.bypassRules() && d.given.contains(dateRef))) {
      d.fields.put(dateRef, now);
    }
    if (!(opt.bypassRules() && d.given.contains(byRef))) {
      d.fields.put(byRef, who);
    }
  }

  private void clear(Draft d, Options opt, String dateRef, String byRef) {
    if (!(opt.bypassRules() && d.given.contains(dateRef))) {
      d.fields.remove(dateRef);
    }
    if (!(opt.bypassRules() && d.given.contains(byRef))) {
      d.fields.remove(byRef);
    }
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

  // ---- helpers ----

  static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /** Equality of stored values, treating 2 and 2L (and 2.0) as the same number. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
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
