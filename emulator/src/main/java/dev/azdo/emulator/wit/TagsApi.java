package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import dev.azdo.emulator.model.WorkItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A project's work item tags (_apis/wit/tags): the tags its work items carry, listed, read by id or
 * name, renamed and deleted; a tag's id is stable for its project and name.
 */
final class TagsApi {
  private final EmulatorContext ctx;
  private final WitServices services;
  private final WitTables t;
  private final Runnable tagsChanged;

  TagsApi(EmulatorContext ctx, WitServices services, WitTables tables, Runnable tagsChanged) {
    this.ctx = ctx;
    this.services = services;
    this.t = tables;
    this.tagsChanged = tagsChanged;
  }

  /** GET tags or tags/{tagIdOrName}. */
  Object get(ApiRequest req) {
    Project p = services.project(req.requireRoute("project"));
    Map<String, Tag> tags = tags(p);
    String one = req.route("tagIdOrName");
    if (one == null || one.isEmpty()) {
      List<JsonNode> out = new ArrayList<>();
      for (Tag tag : tags.values()) {
        out.add(render(p, tag, req.baseUrl()));
      }
      return Json.list(out);
    }
    return render(p, find(tags, one), req.baseUrl());
  }

  /** PATCH tags/{tagIdOrName} with {"name": ...}: renames the tag on every work item. */
  Object rename(ApiRequest req) {
    Project p = services.project(req.requireRoute("project"));
    JsonNode name = req.json().path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      throw ApiException.badRequest(
          "VssPropertyValidationException", "The tag name cannot be null or empty.");
    }
    String to = name.asText().trim();
    Tag tag = find(tags(p), req.requireRoute("tagIdOrName"));
    rewrite(p, tag.name(), to);
    Tag renamed = find(tags(p), to);
    return render(p, renamed, req.baseUrl());
  }

  /** DELETE tags/{tagIdOrName}: removes the tag from every work item of the project. */
  Object delete(ApiRequest req) {
    Project p = services.project(req.requireRoute("project"));
    Tag tag = find(tags(p), req.requireRoute("tagIdOrName"));
    rewrite(p, tag.name(), null);
    return ApiResponse.empty(204);
  }

  // The service renames and deletes tags without new work item revisions; the latest revision
  // is changed in place (in the items and revisions tables alike).
  private void rewrite(Project p, String from, String to) {
    ctx.store()
        .run(
            tx -> {
              for (WorkItem w : t.items.where(x -> p.id().equals(x.projectId()))) {
                Object tags = w.fields().get("System.Tags");
                if (!(tags instanceof String s)
                    || names(s).stream().noneMatch(from::equalsIgnoreCase)) {
                  continue;
                }
                List<String> kept = new ArrayList<>();
                for (String n : names(s)) {
                  kept.add(n.equalsIgnoreCase(from) ? to : n);
                }
                kept.removeIf(x -> x == null);
                Map<String, Object> f = new LinkedHashMap<>(w.fields());
                String joined = TagDefinitions.normaliseTags(String.join("; ", kept));
                if (joined.isEmpty()) {
                  f.remove("System.Tags");
                } else {
                  f.put("System.Tags", joined);
                }
                WorkItem n =
                    new WorkItem(
                        w.id(),
                        w.rev(),
                        w.projectId(),
                        Collections.unmodifiableMap(f),
                        w.relations(),
                        w.deleted(),
                        w.commentCount());
                tx.put(t.items, Integer.toString(w.id()), n);
                tx.put(t.revisions, w.id() + ":" + w.rev(), n);
              }
            });
    // The renamed or deleted tag's definition goes too: later writes spell it anew.
    tagsChanged.run();
  }

  // Every tag on the project's work items, by lower-cased name, with its latest change date.
  private Map<String, Tag> tags(Project p) {
    Map<String, Tag> out = new TreeMap<>();
    for (WorkItem w : t.items.where(x -> p.id().equals(x.projectId()))) {
      Object tags = w.fields().get("System.Tags");
      if (!(tags instanceof String s)) {
        continue;
      }
      String changed = String.valueOf(w.fields().get("System.ChangedDate"));
      for (String name : names(s)) {
        String key = name.toLowerCase(Locale.ROOT);
        Tag old = out.get(key);
        if (old == null || old.lastUpdated().compareTo(changed) < 0) {
          out.put(key, new Tag(id(p, name), old == null ? name : old.name(), changed));
        }
      }
    }
    return out;
  }

  private static List<String> names(String tags) {
    List<String> out = new ArrayList<>();
    for (String n : tags.split(";")) {
      if (!n.isBlank()) {
        out.add(n.trim());
      }
    }
    return out;
  }

  private static Tag find(Map<String, Tag> tags, String idOrName) {
    Tag byName = tags.get(idOrName.trim().toLowerCase(Locale.ROOT));
    if (byName != null) {
      return byName;
    }
    for (Tag tag : tags.values()) {
      if (tag.id().equalsIgnoreCase(idOrName.trim())) {
        return tag;
      }
    }
    throw ApiException.notFound(
        "WorkItemTagNotFoundException", "The tag '" + idOrName + "' does not exist.");
  }

  private static String id(Project p, String name) {
    return UUID.nameUUIDFromBytes(
            ("tag:" + p.id() + ":" + name.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static ObjectNode render(Project p, Tag tag, String baseUrl) {
    ObjectNode n = Json.object();
    n.put("id", tag.id());
    n.put("name", tag.name());
    n.put("lastUpdated", tag.lastUpdated());
    n.put("url", baseUrl + p.id() + "/_apis/wit/tags/" + tag.id());
    return n;
  }

  private record Tag(String id, String name, String lastUpdated) {}
}
