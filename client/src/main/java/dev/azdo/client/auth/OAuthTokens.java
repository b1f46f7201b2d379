package dev.azdo.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * An OAuth access and refresh token pair with its expiry.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token, or null when the server sent none
 * @param expiresAt when the access token expires
 * @param scopes the granted scopes
 */
public record OAuthTokens(
    Secret accessToken, Secret refreshToken, Instant expiresAt, List<String> scopes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses a token endpoint response; expires_in may be a number or a string. */
  public static OAuthTokens fromTokenResponse(JsonNode n, Clock clock) {
    String access = n.path("access_token").asText(null);
    if (access == null || access.isEmpty()) {
      throw new IllegalArgumentException("token response has no access_token");
    }
    String refresh = n.path("refresh_token").asText(null);
    long expiresIn = Long.parseLong(n.path("expires_in").asText("3600").trim());
    String scope = n.path("scope").asText("");
    return new OAuthTokens(
        Secret.of(access),
        refresh == null || refresh.isEmpty() ? null : Secret.of(refresh),
        clock.instant().plusSeconds(expiresIn),
        Arrays.stream(scope.split("[ ,]+")).filter(s -> !s.isEmpty()).toList());
  }

  /** Tells whether the access token expires within the given margin. */
  public boolean expiresWithin(java.time.Duration margin, Clock clock) {
    return !clock.instant().plus(margin).isBefore(expiresAt);
  }

  /**
   * Reads tokens from an owner-only file.
   *
   * @throws dev.azdo.client.AuthenticationException naming the file and what is wrong with it
   */
  public static OAuthTokens read(Path file) {
    JsonNode n = TokenFile.readObject(file);
    String access = n.path("access_token").asText("");
    if (access.isEmpty()) {
      throw TokenFile.damaged(file, "not a token file: expected JSON with an access_token");
    }
    Instant expires;
    try {
      expires = Instant.parse(n.path("expires_at").asText(""));
    } catch (DateTimeParseException e) {
      throw TokenFile.damaged(
          file,
          "not a token file: expected expires_at as an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
    String refresh = n.path("refresh_token").asText(null);
    List<String> scopes =
        Arrays.stream(n.path("scope").asText("").split(" ")).filter(s -> !s.isEmpty()).toList();
    return new OAuthTokens(
        Secret.of(access), refresh == null ? null : Secret.of(refresh), expires, scopes);
  }

  /** Writes tokens to a file created owner-only (0600) before any byte is written. */
  public void write(Path file) {
    ObjectNode n = JSON.createObjectNode();
    n.put("access_token", accessToken.reveal());
    if (refreshToken != null) {
      n.put("refresh_token", refreshToken.reveal());
    }
    n.put("expires_at", expiresAt.toString());
    n.put("scope", String.join(" ", scopes));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write token file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "OAuthTokens[expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
  }
}
