package dev.azdo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A failed Azure DevOps call, keeping the service's TF/VS code, message and HTTP status. */
public class AzdoException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final Pattern CODE = Pattern.compile("^((?:TF|VS)\\d+)\\s*:?\\s*");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Broad failure categories callers branch on. */
  public enum Kind {
    /** Credentials missing, wrong, expired or not accepted (401, 203 sign-in page). */
    AUTHENTICATION,
    /** Authenticated but not allowed (403). */
    FORBIDDEN,
    /** The resource, project or organization does not exist (404). */
    NOT_FOUND,
    /** The request was rejected as invalid (400, 409, 412). */
    INVALID,
    /** Rate limited and retries exhausted (429). */
    THROTTLED,
    /**
     * The service asked for a wait (Retry-After, X-RateLimit-Reset) longer than retry-max-wait;
     * never retried, since trying again sooner only earns another refusal.
     */
    WAIT_TOO_LONG,
    /** The service failed (5xx) and retries were exhausted. */
    SERVER,
    /** The host could not be reached. */
    UNREACHABLE,
    /** The server pointed at a host that may not receive credentials. */
    UNTRUSTED_HOST,
    /** The answer was not what the API promises (HTML instead of JSON, unreadable body). */
    PROTOCOL,
    /** Anything else. */
    OTHER
  }

  private final Kind kind;
  private final int status;
  private final String serviceCode;
  private final String typeKey;

  /** Creates an exception; the message must already be free of secrets. */
  public AzdoException(Kind kind, int status, String serviceCode, String typeKey, String message) {
    this(kind, status, serviceCode, typeKey, message, null);
  }

  /** Creates an exception with a cause; the message must already be free of secrets. */
  public AzdoException(
      Kind kind, int status, String serviceCode, String typeKey, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.serviceCode = serviceCode;
    this.typeKey = typeKey;
  }

  /** Returns the failure category. */
  public Kind kind() {
    return kind;
  }

  /** Returns the HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** Returns the service's error code such as TF401232 or VS402337, or null. */
  public String serviceCode() {
    return serviceCode;
  }

  /** Returns the service's typeKey such as WorkItemUnauthorizedAccessException, or null. */
  public String typeKey() {
    return typeKey;
  }

  /** Builds an exception from an error envelope body; prefix says which call failed. */
  static AzdoException fromEnvelope(int status, String body, String prefix) {
    String message = null;
    String typeKey = null;
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        message = n.path("message").asText(null);
        typeKey = n.path("typeKey").asText(null);
        if (message == null && n.path("value").isObject()) {
          message = n.path("value").path("Message").asText(null);
        }
      }
    } catch (Exception notJson) {
      // Proxies and gateways answer with HTML or plain text; keep a short excerpt.
    }
    if (message == null) {
      String text = body == null ? "" : body.strip();
      message = text.isEmpty() ? "no details" : text.substring(0, Math.min(200, text.length()));
    }
    String code = null;
    Matcher m = CODE.matcher(message);
    if (m.find()) {
      code = m.group(1);
    }
    return new AzdoException(
        kindOf(status), status, code, typeKey, prefix + " (HTTP " + status + "): " + message);
  }

  static Kind kindOf(int status) {
    return switch (status) {
      case 401 -> Kind.AUTHENTICATION;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 400, 409, 412, 413, 415 -> Kind.INVALID;
      case 429 -> Kind.THROTTLED;
      default -> status >= 500 ? Kind.SERVER : Kind.OTHER;
    };
  }
}
