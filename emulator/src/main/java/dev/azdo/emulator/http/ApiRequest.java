package dev.azdo.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.azdo.emulator.model.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One API call as a handler sees it: route values, query, headers, body and the caller. */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final Map<String, String> routeValues;
  private final Map<String, List<String>> query;
  private final Map<String, String> headers;
  private final byte[] body;
  private final ApiVersion apiVersion;
  private final Identity caller;
  private final String baseUrl;
  private JsonNode json;

  /** Creates a request; maps are case-insensitive as the service treats names. */
  public ApiRequest(
      String method,
      String path,
      Map<String, String> routeValues,
      Map<String, List<String>> query,
      Map<String, String> headers,
      byte[] body,
      ApiVersion apiVersion,
      Identity caller,
      String baseUrl) {
    this.method = method;
    this.path = path;
    this.routeValues = caseInsensitive(routeValues);
    this.query = caseInsensitive(query);
    this.headers = caseInsensitive(headers);
    this.body = body;
    this.apiVersion = apiVersion;
    this.caller = caller;
    this.baseUrl = baseUrl;
  }

  private static <V> Map<String, V> caseInsensitive(Map<String, V> in) {
    Map<String, V> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(in);
    return Collections.unmodifiableMap(m);
  }

  /** Returns the method. */
  public String method() {
    return method;
  }

  /** The path below the organization, without a leading slash. */
  public String path() {
    return path;
  }

  /** A route value such as {project} or {id}, or null when the client left it out. */
  public String route(String name) {
    return routeValues.get(name);
  }

  /** A route value that must be present, else 400 naming it. */
  public String requireRoute(String name) {
    String v = routeValues.get(name);
    if (v == null || v.isEmpty()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: " + name);
    }
    return v;
  }

  /** The first value of a query parameter (case-insensitive name), or null. */
  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** An integer query parameter, or the default; 400 when not a number. */
  public int queryInt(String name, int dflt) {
    String v = query(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + v + "' is not valid for parameter " + name + ".");
    }
  }

  /** A boolean query parameter ("true"/"false", any case). */
  public boolean queryBool(String name) {
    return "true".equalsIgnoreCase(query(name));
  }

  /** An enum query value accepted by name or by number, as the service accepts both. */
  public <E extends Enum<E>> E queryEnum(String name, Class<E> type, E dflt) {
    String v = query(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    E[] values = type.getEnumConstants();
    if (v.chars().allMatch(Character::isDigit)) {
      int i = Integer.parseInt(v);
      if (i >= 0 && i < values.length) {
        return values[i];
      }
    }
    for (E e : values) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    throw ApiException.badRequest(
        "InvalidArgumentValueException",
        "The value '" + v + "' is not valid for parameter " + name + ".");
  }

  /** Returns every query parameter with all its values. */
  public Map<String, List<String>> queryAll() {
    return query;
  }

  /** Returns a request header, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Returns the body. */
  public byte[] body() {
    return body;
  }

  /** Returns the body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON (NullNode when empty); 400 when it is not JSON. */
  public JsonNode json() {
    if (json == null) {
      json = body.length == 0 ? NullNode.instance : Json.parse(bodyText());
    }
    return json;
  }

  /** Returns the api version. */
  public ApiVersion apiVersion() {
    return apiVersion;
  }

  /** The authenticated identity. */
  public Identity caller() {
    return caller;
  }

  /** The organization URL with a trailing slash, as links in responses start. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Lower-cased method name. */
  public String methodLower() {
    return method.toLowerCase(Locale.ROOT);
  }
}
