package dev.azdo.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One resource location: the id Microsoft's clients route by, its route template, its versions and
 * a handler per HTTP method.
 */
public final class Route {
  private final String area;
  private final String resourceName;
  private final UUID id;
  private final String routeTemplate;
  private final List<Segment> segments;
  private final Map<String, ApiHandler> handlers = new LinkedHashMap<>();
  private String minVersion = "1.0";
  private String maxVersion = "7.2";
  private String releasedVersion = "7.1";
  private int resourceVersion = 1;
  private String since;

  Route(String area, String resourceName, String id, String routeTemplate) {
    this.area = area;
    this.resourceName = resourceName;
    this.id = UUID.fromString(id);
    this.routeTemplate = routeTemplate;
    this.segments = compile(routeTemplate, area, resourceName);
  }

  /** Sets min, max and released versions and the resource version, as OPTIONS reports them. */
  public Route versions(String min, String max, String released, int resourceVersion) {
    this.minVersion = min;
    this.maxVersion = max;
    this.releasedVersion = released;
    this.resourceVersion = resourceVersion;
    return this;
  }

  /**
   * Sets the api-version the resource first shipped in, when that is above its min version (a
   * Server release older than it has no such location); defaults to the min version.
   */
  public Route since(String version) {
    this.since = version;
    return this;
  }

  /** Returns the api-version the resource first shipped in. */
  public ApiVersion since() {
    return ApiVersion.parse(since == null ? minVersion : since);
  }

  /** Serves GET with the handler. */
  public Route get(ApiHandler h) {
    return on("GET", h);
  }

  /** Serves POST with the handler. */
  public Route post(ApiHandler h) {
    return on("POST", h);
  }

  /** Serves PATCH with the handler. */
  public Route patch(ApiHandler h) {
    return on("PATCH", h);
  }

  /** Serves PUT with the handler. */
  public Route put(ApiHandler h) {
    return on("PUT", h);
  }

  /** Serves DELETE with the handler. */
  public Route delete(ApiHandler h) {
    return on("DELETE", h);
  }

  /** Registers a handler for a method. */
  public Route on(String method, ApiHandler h) {
    handlers.put(method.toUpperCase(Locale.ROOT), h);
    return this;
  }

  ApiHandler handler(String method) {
    return handlers.get(method);
  }

  /** Returns the area. */
  public String area() {
    return area;
  }

  /** Returns the resource name. */
  public String resourceName() {
    return resourceName;
  }

  /** Returns the location id Microsoft's clients route by. */
  public UUID id() {
    return id;
  }

  /** Returns the route template. */
  public String routeTemplate() {
    return routeTemplate;
  }

  /** Returns the lowest api-version the route accepts. */
  public ApiVersion minVersion() {
    return ApiVersion.parse(minVersion);
  }

  /** Returns the highest api-version the route accepts. */
  public ApiVersion maxVersion() {
    return ApiVersion.parse(maxVersion);
  }

  /** Returns the highest released (non-preview) api-version. */
  public ApiVersion releasedVersion() {
    return ApiVersion.parse(releasedVersion);
  }

  /** Returns the resource version used in preview api-versions. */
  public int resourceVersion() {
    return resourceVersion;
  }

  /** The ApiResourceLocation JSON that OPTIONS lists. */
  public ObjectNode location() {
    ObjectNode n = Json.object();
    n.put("id", id.toString());
    n.put("area", area);
    n.put("resourceName", resourceName);
    n.put("routeTemplate", routeTemplate);
    n.put("resourceVersion", resourceVersion);
    n.put("minVersion", minVersion);
    n.put("maxVersion", maxVersion);
    n.put("releasedVersion", releasedVersion);
    return n;
  }

  /** Matches path segments; returns route values and a specificity score, or null. */
  Match match(List<String> path) {
    Map<String, String> values = new HashMap<>();
    int score = match(path, 0, 0, values);
    return score < 0 ? null : new Match(this, values, score);
  }

  // Backtracking match: a {param} segment may be absent, as Microsoft's clients drop template
  // segments whose route value is undefined.
  private int match(List<String> path, int pi, int si, Map<String, String> values) {
    if (si == segments.size()) {
      return pi == path.size() ? 0 : -1;
    }
    Segment s = segments.get(si);
    if (s.catchAll) {
      if (pi < path.size()) {
        values.put(s.name, String.join("/", path.subList(pi, path.size())));
        return 1;
      }
      return 0;
    }
    if (pi < path.size()) {
      String p = path.get(pi);
      if (s.name == null) {
        if (s.literal.equalsIgnoreCase(p)) {
          int rest = match(path, pi + 1, si + 1, values);
          if (rest >= 0) {
            return rest + 100;
          }
        }
      } else if (p.regionMatches(true, 0, s.literal, 0, s.literal.length())
          && p.length() > s.literal.length()
          && !p.startsWith("_apis")) {
        values.put(s.name, p.substring(s.literal.length()));
        int rest = match(path, pi + 1, si + 1, values);
        if (rest >= 0) {
          return rest + 10 + 20 * s.literal.length();
        }
        values.remove(s.name);
      }
    }
    if (s.name != null) {
      return match(path, pi, si + 1, values);
    }
    return -1;
  }

  private static List<Segment> compile(String template, String area, String resource) {
    List<Segment> out = new ArrayList<>();
    for (String part : template.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String p = part.replace("{area}", area).replace("{resource}", resource);
      int open = p.indexOf('{');
      if (open < 0) {
        out.add(new Segment(p, null, false));
      } else {
        String name = p.substring(open + 1, p.indexOf('}'));
        boolean all = name.startsWith("*");
        out.add(new Segment(p.substring(0, open), all ? name.substring(1) : name, all));
      }
    }
    return out;
  }

  private record Segment(String literal, String name, boolean catchAll) {}

  /** A successful match of a path against this route. */
  record Match(Route route, Map<String, String> values, int score) {}
}
