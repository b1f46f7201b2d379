package dev.azdo.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered in the service's error envelope, with its HTTP status and type key. */
public class ApiException extends RuntimeException {
  private final int status;
  private final String typeKey;
  private final String typeName;
  private final Map<String, String> headers = new LinkedHashMap<>();

  /** Creates an error with the service's message (which carries its TF/VS code) and type key. */
  public ApiException(int status, String typeKey, String message) {
    this(status, typeKey, defaultTypeName(typeKey), message);
  }

  /** Creates an error with an explicit .NET type name, as the service reports it. */
  public ApiException(int status, String typeKey, String typeName, String message) {
    super(message);
    this.status = status;
    this.typeKey = typeKey;
    this.typeName = typeName;
  }

  /** Adds a response header sent with the error (for example Retry-After). */
  public ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Returns the status. */
  public int status() {
    return status;
  }

  /** Returns the service's typeKey of the error. */
  public String typeKey() {
    return typeKey;
  }

  /** Returns the headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The service's error envelope: $id, innerException, message, typeName, typeKey, errorCode,
   * eventId.
   */
  public ObjectNode envelope() {
    ObjectNode n = Json.object();
    n.put("$id", "1");
    n.putNull("innerException");
    n.put("message", getMessage());
    n.put("typeName", typeName);
    n.put("typeKey", typeKey);
    n.put("errorCode", 0);
    n.put("eventId", 3000);
    return n;
  }

  private static String defaultTypeName(String typeKey) {
    if (typeKey.startsWith("Vss")) {
      return "Microsoft.VisualStudio.Services.WebApi."
          + typeKey
          + ", Microsoft.VisualStudio.Services.WebApi";
    }
    if (typeKey.startsWith("WorkItem")
        || typeKey.startsWith("Wiql")
        || typeKey.startsWith("Rule")) {
      return "Microsoft.TeamFoundation.WorkItemTracking.Server."
          + typeKey
          + ", Microsoft.TeamFoundation.WorkItemTracking.Server";
    }
    return "Microsoft.TeamFoundation.Core.WebApi."
        + typeKey
        + ", Microsoft.TeamFoundation.Core.WebApi";
  }

  /** 400 with the given type key. */
  public static ApiException badRequest(String typeKey, String message) {
    return new ApiException(400, typeKey, message);
  }

  /** 404 with the given type key. */
  public static ApiException notFound(String typeKey, String message) {
    return new ApiException(404, typeKey, message);
  }

  /**
   * The 400 for an api-version newer than the server serves, in the words Azure DevOps Server 2019
   * gives a 5.2 request (and Services a 7.3 one).
   */
  public static ApiException versionOutOfRange(ApiVersion requested, ApiVersion latest) {
    return badRequest(
        "VssVersionOutOfRangeException",
        "The requested REST API version of "
            + requested.number()
            + " is out of range for this server. The latest REST API version this server"
            + " supports is "
            + latest.number()
            + ".");
  }
}
