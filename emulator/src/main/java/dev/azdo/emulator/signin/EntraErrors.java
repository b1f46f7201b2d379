package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Entra's error answers: AADSTS codes in the JSON body its OAuth endpoints return. */
final class EntraErrors {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final SignInState state;

  EntraErrors(SignInState state) {
    this.state = state;
  }

  /** The AADSTS-prefixed message Entra puts in error descriptions. */
  static String describe(int code, String message) {
    return "AADSTS" + code + ": " + message;
  }

  /** AADSTS700016: the client id names no app; {@code directory} is "" or " 'TENANT'". */
  ApiResponse unknownClient(String clientId, String directory) {
    return reply(
        400,
        "unauthorized_client",
        700016,
        "Application with identifier '"
            + clientId
            + "' was not found in the directory"
            + directory
            + ".");
  }

  /** Entra's JSON error body with trace and correlation ids, as the token endpoints send it. */
  ApiResponse reply(int status, String error, int code, String message) {
    String trace = UUID.randomUUID().toString();
    String correlation = UUID.randomUUID().toString();
    String stamp = STAMP.format(state.ctx.clock().instant());
    ObjectNode n = Json.object();
    n.put("error", error);
    n.put(
        "error_description",
        describe(code, message)
            + "\r\nTrace ID: "
            + trace
            + "\r\nCorrelation ID: "
            + correlation
            + "\r\nTimestamp: "
            + stamp);
    n.putArray("error_codes").add(code);
    n.put("timestamp", stamp);
    n.put("trace_id", trace);
    n.put("correlation_id", correlation);
    n.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    return Forms.json(status, n);
  }
}
