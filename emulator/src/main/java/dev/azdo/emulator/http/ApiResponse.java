package dev.azdo.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response with a status, headers and a body that is JSON or raw bytes. */
public final class ApiResponse {
  private final int status;
  private final Object json;
  private byte[] raw;
  private final String contentType;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiResponse(int status, Object json, byte[] raw, String contentType) {
    this.status = status;
    this.json = json;
    this.raw = raw;
    this.contentType = contentType;
  }

  /** A JSON body with status 200. */
  public static ApiResponse ok(Object json) {
    return new ApiResponse(200, json, null, "application/json; charset=utf-8; api-version=7.1");
  }

  /** A JSON body with the given status. */
  public static ApiResponse json(int status, Object json) {
    return new ApiResponse(status, json, null, "application/json; charset=utf-8; api-version=7.1");
  }

  /** Raw bytes (attachments, HTML pages). */
  public static ApiResponse raw(int status, byte[] body, String contentType) {
    return new ApiResponse(status, null, body, contentType);
  }

  /** An empty body with the given status (204 and the like). */
  public static ApiResponse empty(int status) {
    return new ApiResponse(status, null, new byte[0], null);
  }

  /** A text body such as an HTML page. */
  public static ApiResponse text(int status, String body, String contentType) {
    return raw(status, body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** Adds a response header and returns this response. */
  public ApiResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Returns the status. */
  public int status() {
    return status;
  }

  /** Returns the headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** Returns the content type. */
  public String contentType() {
    return contentType;
  }

  /** The body as bytes, serializing JSON (a tree or a {@link StreamedJson}) the first time. */
  public byte[] bodyBytes() {
    if (raw == null) {
      raw = Json.bytes(json);
    }
    return raw;
  }

  /** The JSON body, or null for raw responses. */
  public Object jsonBody() {
    return json;
  }
}
