package dev.azdo.emulator.wiql;

/**
 * A query the service refuses: a syntax error, an unknown field, a bad value, or a result over the
 * size limit. The message is the service's own (with its TF/VS code where it has one); position is
 * the 0-based offset in the query text of the token at fault, or -1.
 */
public final class WiqlException extends RuntimeException {
  /** The service's type key for syntax and validation errors in WIQL. */
  public static final String VALIDATION = "VssPropertyValidationException";

  /** The service's type key for VS402337 (too many results). */
  public static final String SIZE_LIMIT = "WorkItemTrackingQueryResultSizeLimitExceededException";

  private final int position;
  private final String token;
  private final String typeKey;

  /** Creates a validation error at a position, naming the token at fault. */
  public WiqlException(String message, int position, String token) {
    this(message, position, token, VALIDATION);
  }

  /** Creates an error with an explicit type key. */
  public WiqlException(String message, int position, String token, String typeKey) {
    super(message);
    this.position = position;
    this.token = token;
    this.typeKey = typeKey;
  }

  /** Builds the service's "{what}. The error is caused by «token»." message. */
  static WiqlException causedBy(String what, int position, String token) {
    return new WiqlException(what + " The error is caused by «" + token + "».", position, token);
  }

  /** The 0-based offset of the token at fault in the query text, or -1. */
  public int position() {
    return position;
  }

  /** The text of the token at fault, as the message quotes it. */
  public String token() {
    return token;
  }

  /** The service's type key for this error. */
  public String typeKey() {
    return typeKey;
  }
}
