package dev.azdo.client.auth;

import java.io.IOException;

/** Supplies the authentication header for requests to trusted hosts. */
public interface Credentials {

  /** Returns the header name that carries the credential, usually Authorization. */
  default String headerName() {
    return "Authorization";
  }

  /** Returns the header value, obtaining or refreshing a token first if needed. */
  String headerValue() throws IOException;

  /** Refreshes after a 401 and tells whether a single retry with new credentials makes sense. */
  default boolean refreshAfterUnauthorized() throws IOException {
    return false;
  }

  /** Returns a short description for messages, never containing a secret. */
  String describe();
}
