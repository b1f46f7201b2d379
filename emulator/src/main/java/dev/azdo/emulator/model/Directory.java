package dev.azdo.emulator.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The emulated organization's users, and lookup of an identity the ways the service accepts. */
public final class Directory {
  private final List<Identity> users;

  /** Seeds the organization's users; the first one owns the default PAT. */
  public Directory() {
    this.users =
        List.of(
            user("Alice Admin", "alice@example.com"),
            user("Bob Builder", "bob@example.com"),
            user("Carol Chen", "carol@example.com"),
            user("Dave Diaz", "dave@example.com"),
            user("Erin Evans", "erin@example.com"));
  }

  private static Identity user(String name, String email) {
    String id = UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).toString();
    String descriptor =
        "aad."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(id.getBytes(StandardCharsets.UTF_8));
    return new Identity(id, name, email, descriptor);
  }

  /** Returns the seeded users. */
  public List<Identity> users() {
    return users;
  }

  /** The owner of the default PAT. */
  public Identity owner() {
    return users.get(0);
  }

  /**
   * Resolves "Display Name", "email", "Display Name <email>" or an id, case-insensitively; null
   * when nobody matches.
   */
  public Identity resolve(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    int lt = t.lastIndexOf('<');
    if (lt >= 0 && t.endsWith(">")) {
      t = t.substring(lt + 1, t.length() - 1).trim();
    }
    String k = t.toLowerCase(Locale.ROOT);
    for (Identity u : users) {
      if (u.uniqueName().equalsIgnoreCase(k)
          || u.displayName().equalsIgnoreCase(k)
          || u.id().equalsIgnoreCase(k)) {
        return u;
      }
    }
    return null;
  }

  /** Finds a user by id. */
  public Identity byId(String id) {
    for (Identity u : users) {
      if (u.id().equalsIgnoreCase(id)) {
        return u;
      }
    }
    return null;
  }
}
