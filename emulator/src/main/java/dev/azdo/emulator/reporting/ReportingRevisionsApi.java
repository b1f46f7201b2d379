package dev.azdo.emulator.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldCatalog;
import dev.azdo.emulator.model.FieldDef;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.ProjectDirectory;
import dev.azdo.emulator.model.WorkItem;
import dev.azdo.emulator.store.Table;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a project's work item revisions in change order (System.Watermark, then changed date, id,
 * revision), a batch at a time. The continuation token names the last revision served, so a token
 * kept after the last batch reads only later changes.
 */
final class ReportingRevisionsApi {
  /** The service's default and largest batch. */
  static final int MAX_PAGE_SIZE = 1000;

  // Long text is left out unless $expand=fields or asked for by name, as the service does.
  private static final Set<String> LONG_TEXT = Set.of("html", "plaintext", "history");

  private final EmulatorContext ctx;
  private final Table<WorkItem> items;
  private final Table<WorkItem> revisions;

  ReportingRevisionsApi(EmulatorContext ctx, Table<WorkItem> items, Table<WorkItem> revisions) {
    this.ctx = ctx;
    this.items = items;
    this.revisions = revisions;
  }

  Object get(ApiRequest req) {
    Filter f = new Filter();
    f.fields = list(req.query("fields"));
    f.types = list(req.query("types"));
    f.includeDeleted = req.queryBool("includeDeleted");
    f.includeIdentityRef = req.queryBool("includeIdentityRef");
    f.includeLatestOnly = req.queryBool("includeLatestOnly");
    return read(req, f);
  }

  Object post(ApiRequest req) {
    JsonNode body = req.json();
    if (!body.isObject()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: filter");
    }
    Filter f = new Filter();
    body.path("fields").forEach(n -> f.fields.add(n.asText()));
    body.path("types").forEach(n -> f.types.add(n.asText()));
    f.includeDeleted = body.path("includeDeleted").asBoolean(false);
    f.includeIdentityRef = body.path("includeIdentityRef").asBoolean(false);
    f.includeLatestOnly = body.path("includeLatestOnly").asBoolean(false);
    return read(req, f);
  }

  private Object read(ApiRequest req, Filter f) {
    Project project = ctx.require(ProjectDirectory.class).find(req.requireRoute("project"));
    String token = req.query("continuationToken");
    String start = req.query("startDateTime");
    if (token != null && start != null) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The startDateTime parameter cannot be used together with continuationToken.");
    }
    Position after = token == null ? null : Position.parse(token);
    long startMillis = start == null ? Long.MIN_VALUE : millis(start, "startDateTime");
    int size = req.queryInt("$maxPageSize", MAX_PAGE_SIZE);
    if (size < 1) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + size + "' is not valid for parameter $maxPageSize.");
    }
    size = Math.min(size, MAX_PAGE_SIZE);
    boolean expandFields = "fields".equalsIgnoreCase(req.query("$expand"));

    List<Entry> candidates = new ArrayList<>();
    Set<String> types = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    types.addAll(f.types);
    for (WorkItem latest : items.values()) {
      if (!inProject(latest, project)
          || (latest.deleted() && !f.includeDeleted)
          || (!types.isEmpty() && !types.contains(text(latest, "System.WorkItemType")))) {
        continue;
      }
      int from = f.includeLatestOnly ? latest.rev() : 1;
      for (int rev = from; rev <= latest.rev(); rev++) {
        WorkItem w = rev == latest.rev() ? latest : revisions.get(latest.id() + ":" + rev);
        if (w == null) {
          continue;
        }
        long mark = watermark(w);
        // Dates are parsed only where the watermark cannot order or a start date filters.
        long when = mark == 0 || start != null ? changed(w) : 0;
        Position p = new Position(mark, when, w.id(), w.rev());
        if ((after == null || p.compareTo(after) > 0) && (start == null || when > startMillis)) {
          candidates.add(new Entry(p, w));
        }
      }
    }
    candidates.sort(Comparator.comparing(Entry::position));
    List<Entry> page = candidates.subList(0, Math.min(size, candidates.size()));
    boolean last = page.size() == candidates.size();
    String next = page.isEmpty() ? (token == null ? new Position(0, 0, 0, 0).text() : token) : null;
    if (next == null) {
      next = page.get(page.size() - 1).position().text();
    }
    ObjectNode out = Json.object();
    ArrayNode values = out.putArray("values");
    FieldCatalog catalog = catalog();
    for (Entry e : page) {
      values.add(revision(e.item(), f, expandFields, catalog));
    }
    out.put(
        "nextLink",
        req.baseUrl()
            + URLEncoder.encode(project.name(), StandardCharsets.UTF_8).replace("+", "%20")
            + "/_apis/wit/reporting/workItemRevisions?continuationToken="
            + URLEncoder.encode(next, StandardCharsets.UTF_8)
            + "&api-version="
            + req.apiVersion());
    out.put("continuationToken", next);
    out.put("isLastBatch", last);
    return out;
  }

  private ObjectNode revision(WorkItem w, Filter f, boolean expandFields, FieldCatalog catalog) {
    ObjectNode n = Json.object();
    n.put("id", w.id());
    n.put("rev", w.rev());
    ObjectNode fields = n.putObject("fields");
    Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    wanted.addAll(f.fields);
    for (Map.Entry<String, Object> e : w.fields().entrySet()) {
      if (!wanted.isEmpty() && !wanted.contains(e.getKey())) {
        continue;
      }
      FieldDef def = catalog == null ? null : catalog.find(e.getKey());
      if (wanted.isEmpty() && isLongText(def) && !expandFields) {
        continue;
      }
      Object v = e.getValue();
      if (f.includeIdentityRef && def != null && def.identity() && v instanceof String s) {
        fields.set(e.getKey(), identityRef(s));
      } else {
        fields.set(e.getKey(), Json.tree(v));
      }
    }
    if (w.deleted()) {
      fields.put("System.IsDeleted", true);
    }
    return n;
  }

  private static boolean isLongText(FieldDef def) {
    return def != null
        && def.type() != null
        && LONG_TEXT.contains(def.type().toLowerCase(Locale.ROOT));
  }

  private static ObjectNode identityRef(String value) {
    ObjectNode o = Json.object();
    int lt = value.lastIndexOf('<');
    if (lt > 0 && value.endsWith(">")) {
      o.put("displayName", value.substring(0, lt).strip());
      o.put("uniqueName", value.substring(lt + 1, value.length() - 1));
    } else {
      o.put("displayName", value);
      o.put("uniqueName", value);
    }
    return o;
  }

  private FieldCatalog catalog() {
    try {
      return ctx.require(FieldCatalog.class);
    } catch (IllegalStateException e) {
      return null; // the process module is not loaded: every field is returned
    }
  }

  private static boolean inProject(WorkItem w, Project p) {
    String pid = w.projectId();
    String team = text(w, "System.TeamProject");
    return p.id().equalsIgnoreCase(pid == null ? "" : pid)
        || p.name().equalsIgnoreCase(pid == null ? "" : pid)
        || p.name().equalsIgnoreCase(team);
  }

  private static String text(WorkItem w, String field) {
    Object v = w.fields().get(field);
    return v == null ? "" : v.toString();
  }

  // System.Watermark grows with every revision the organization saves: the service's change order.
  private static long watermark(WorkItem w) {
    return w.fields().get("System.Watermark") instanceof Number n ? n.longValue() : 0;
  }

  private static long changed(WorkItem w) {
    Object v = w.fields().get("System.ChangedDate");
    if (v == null) {
      v = w.fields().get("System.CreatedDate");
    }
    try {
      return v == null ? 0 : Instant.parse(v.toString()).toEpochMilli();
    } catch (DateTimeParseException e) {
      return 0;
    }
  }

  private static long millis(String text, String parameter) {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(text)
            .atStartOfDay(java.time.ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw ApiException.badRequest(
            "InvalidArgumentValueException",
            "The value '" + text + "' is not valid for parameter " + parameter + ".");
      }
    }
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    if (csv != null && !csv.isBlank()) {
      Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }

  private static final class Filter {
    List<String> fields = new ArrayList<>();
    List<String> types = new ArrayList<>();
    boolean includeDeleted;
    boolean includeIdentityRef;
    boolean includeLatestOnly;
  }

  private record Entry(Position position, WorkItem item) {}

  /** Where a revision sits in change order; its text is the continuation token. */
  record Position(long watermark, long millis, int id, int rev) implements Comparable<Position> {
    static Position parse(String token) {
      String[] p = token.split(";");
      try {
        if (p.length == 4) {
          return new Position(
              Long.parseLong(p[0]),
              Long.parseLong(p[1]),
              Integer.parseInt(p[2]),
              Integer.parseInt(p[3]));
        }
      } catch (NumberFormatException e) {
        // falls through to the service's answer for a token it did not issue
      }
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + token + "' is not valid for parameter continuationToken.");
    }

    String text() {
      return watermark + ";" + millis + ";" + id + ";" + rev;
    }

    @Override
    public int compareTo(Position o) {
      int c = Long.compare(watermark, o.watermark);
      if (c == 0) {
        c = Long.compare(millis, o.millis);
      }
      if (c == 0) {
        c = Integer.compare(id, o.id);
      }
      return c != 0 ? c : Integer.compare(rev, o.rev);
    }
  }
}
