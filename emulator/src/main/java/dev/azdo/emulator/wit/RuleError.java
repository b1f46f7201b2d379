package dev.azdo.emulator.wit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiException;
import java.util.Locale;

/**
 * A rule violation (TF401320 and friends) whose envelope names the field, as the service's
 * RuleValidationException does in customProperties, so clients can tell which column failed.
 */
final class RuleError extends ApiException {
  private final String fieldReferenceName;
  private final String flags;

  RuleError(String fieldReferenceName, String flags, String message) {
    super(400, "RuleValidationException", message);
    this.fieldReferenceName = fieldReferenceName;
    this.flags = flags;
  }

  /** The reference name of the field the rule is about. */
  String fieldReferenceName() {
    return fieldReferenceName;
  }

  @Override
  public ObjectNode envelope() {
    ObjectNode n = super.envelope();
    ObjectNode props = n.putObject("customProperties");
    props.put("FieldReferenceName", fieldReferenceName);
    props.put("FieldStatusFlags", flags.toLowerCase(Locale.ROOT).replace(" ", ""));
    props.put("ErrorMessage", getMessage());
    props.put("FieldStatusCode", 0);
    ObjectNode error = props.putArray("RuleValidationErrors").addObject();
    error.put("fieldReferenceName", fieldReferenceName);
    error.put("fieldStatusFlags", flags.toLowerCase(Locale.ROOT).replace(" ", ""));
    error.put("errorMessage", getMessage());
    error.put("fieldStatusCode", 0);
    error.putNull("ruleValidationErrors");
    // The service puts customProperties before innerException; order does not matter to clients.
    n.put("eventId", 3200);
    return n;
  }
}
