package dev.azdo.client.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** An immutable HTTP request travelling through the interceptor chain. */
public final class Request {
  private final String method;
  private final URI uri;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final boolean idempotent;
  private final int operations;

  private Request(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method");
    this.uri = Objects.requireNonNull(b.uri, "uri");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    b.headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = b.body;
    this.idempotent = b.idempotent;
    this.operations = b.operations;
  }

  /** Starts a request with the given method and URI. */
  public static Builder builder(String method, URI uri) {
    return new Builder().method(method).uri(uri);
  }

  /** Returns the HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** Returns the target URI. */
  public URI uri() {
    return uri;
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

  /** Returns the body bytes, or null when the request has no body. */
  public byte[] body() {
    return body;
  }

  /** Tells whether repeating this request is safe (GET, HEAD, OPTIONS, PUT, DELETE or marked). */
  public boolean idempotent() {
    return idempotent
        || switch (method) {
          case "GET", "HEAD", "OPTIONS", "PUT", "DELETE" -> true;
          default -> false;
        };
  }

  /**
   * Returns the work item operations this call carries (a $batch of 200 carries 200), at least 1.
   */
  public int operations() {
    return operations;
  }

  /** Returns a builder initialised from this request. */
  public Builder newBuilder() {
    Builder b =
        new Builder()
            .method(method)
            .uri(uri)
            .body(body)
            .idempotent(idempotent)
            .operations(operations);
    headers.forEach((k, v) -> b.headers.put(k, new ArrayList<>(v)));
    return b;
  }

  @Override
  public String toString() {
    return method + " " + Redactor.redactUrl(uri.toString());
  }

  /** Builds a {@link Request}. */
  public static final class Builder {
    private String method;
    private URI uri;
    private final TreeMap<String, List<String>> headers =
        new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body;
    private boolean idempotent;
    private int operations = 1;

    private Builder() {}

    /** Sets the HTTP method. */
    public Builder method(String method) {
      this.method = method.toUpperCase(java.util.Locale.ROOT);
      return this;
    }

    /** Sets the target URI. */
    public Builder uri(URI uri) {
      this.uri = uri;
      return this;
    }

    /** Replaces a header's values with one value. */
    public Builder header(String name, String value) {
      List<String> list = new ArrayList<>();
      list.add(value);
      headers.put(name, list);
      return this;
    }

    /** Removes a header. */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /** Sets the body bytes (null for none). */
    public Builder body(byte[] body) {
      this.body = body;
      return this;
    }

    /** Marks a POST or PATCH as safe to repeat, so it may be retried. */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /** Sets how many work item operations the call carries, for rate pacing (default 1). */
    public Builder operations(int operations) {
      this.operations = Math.max(1, operations);
      return this;
    }

    /** Builds the request. */
    public Request build() {
      return new Request(this);
    }
  }
}
