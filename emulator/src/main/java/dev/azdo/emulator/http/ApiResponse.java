package dev.azdo.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response with a status, headers and a body that is JSON or raw bytes. */
public final class ApiResponse {
  private final int status;
  private final Object json;
  private byte[] raw;
  private String contentType;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiResponse(int status, Object json, byte[] raw, String contentType) {
    this.status = status;
    this.json = json;
    this.raw = raw;
    this.contentType = contentType;
  }

  // JSON bodies name the api-version they were served at; 7.1 until the request's is known.
  private static final String JSON_TYPE = "application/json; charset=utf-8; api-version=";

  /** A JSON body with status 200. */
  public static ApiResponse ok(Object json) {
    return new ApiResponse(200, json, null, JSON_TYPE + "7.1");
  }

  /** A JSON body with the given status. */
  public static ApiResponse json(int status, Object json) {
    return new ApiResponse(status, json, null, JSON_TYPE + "7.1");
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

  /**
   * Names the api-version a JSON body was served at, as the service echoes the requested one
   * ("7.0", "7.1-preview.4"); raw and empty bodies keep their own type.
   */
  public ApiResponse servedAt(ApiVersion version) {
    if (contentType != null && contentType.startsWith(JSON_TYPE)) {
      contentType = JSON_TYPE + version;
    }
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
