package dev.azdo.client.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.azdo.client.AuthenticationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads saved token files; a damaged one is reported by its path and what is wrong with it, never
 * by its content (which may hold a token).
 */
final class TokenFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TokenFile() {}

  /** Reads a JSON object from a token file, or throws one line naming the file. */
  static JsonNode readObject(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw damaged(file, "cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw damaged(file, "not a token file: expected a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the text it could not read: that text may be the token.
      throw damaged(
          file,
          "not a token file: expected JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (IOException e) {
      throw damaged(file, "cannot read it (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The error for a token file that cannot be used. */
  static AuthenticationException damaged(Path file, String what) {
    return new AuthenticationException(
        0, null, null, "token file " + file + ": " + what + "; run 'azdo token generate' again");
  }
}
