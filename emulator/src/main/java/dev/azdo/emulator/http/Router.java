package dev.azdo.emulator.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Holds every resource location and finds the one a path and method belong to. */
public final class Router {
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final Map<String, String> areaIds = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  /** Declares a resource area, so that resourceAreas reports it with its id. */
  public void area(ResourceArea area) {
    areaIds.put(area.areaName(), area.id());
  }

  /** Registers a location; the template may use {area} and {resource} like the service's. */
  public Route route(
      ResourceArea area, String resourceName, String locationId, String routeTemplate) {
    Route r = new Route(area.areaName(), resourceName, locationId, routeTemplate);
    routes.add(r);
    return r;
  }

  /** Returns the routes. */
  public Collection<Route> routes() {
    return routes;
  }

  /** Area name to area id, for resourceAreas. */
  public Map<String, String> areas() {
    return areaIds;
  }

  /** Routes of one area (case-insensitive), for OPTIONS _apis/{area}. */
  public List<Route> inArea(String area) {
    List<Route> out = new ArrayList<>();
    for (Route r : routes) {
      if (r.area().equalsIgnoreCase(area)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Finds the most specific route matching the path; prefers one that serves the method. Returns
   * null when no route matches the path at all.
   */
  public Route.Match find(List<String> path, String method) {
    return find(path, method, r -> true);
  }

  /** Like {@link #find(List, String)}, among the routes the filter lets through. */
  public Route.Match find(
      List<String> path, String method, java.util.function.Predicate<Route> available) {
    List<Route.Match> matches = new ArrayList<>();
    for (Route r : routes) {
      if (!available.test(r)) {
        continue;
      }
      Route.Match m = r.match(path);
      if (m != null) {
        matches.add(m);
      }
    }
    matches.sort(Comparator.comparingInt(Route.Match::score).reversed());
    for (Route.Match m : matches) {
      if (m.route().handler(method) != null) {
        return m;
      }
    }
    return matches.isEmpty() ? null : matches.get(0);
  }
}
