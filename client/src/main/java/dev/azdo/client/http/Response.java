package dev.azdo.client.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An HTTP response with its body fully read. */
public final class Response {
  private final Request request;
  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  /** Creates a response for the given request. */
  public Response(Request request, int status, Map<String, List<String>> headers, byte[] body) {
    this.request = request;
    this.status = status;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body == null ? new byte[0] : body;
  }

  /** Returns the request that produced this response (after redirects, the last one). */
  public Request request() {
    return request;
  }

  /** Returns the HTTP status code. */
  public int status() {
    return status;
  }

  /** Returns all headers, keyed case-insensitively. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns the first value of a header, or null. */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Returns the body bytes (never null). */
  public byte[] body() {
    return body;
  }

  /** Returns the body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Tells whether the status is 2xx. */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  @Override
  public String toString() {
    return status + " " + request;
  }
}
