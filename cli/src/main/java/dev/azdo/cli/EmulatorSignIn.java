package dev.azdo.cli;

import dev.azdo.client.ConnectionConfig;
import dev.azdo.emulator.signin.SignInModule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The local emulator's OAuth test app as defaults, so `azdo token generate --org-url
 * http://127.0.0.1:PORT/ORG --auth oauth` needs no other flag.
 *
 * <p>They apply only when the organization URL's host is a loopback address written as such
 * (127.x.x.x, ::1, localhost), never for a name that merely resolves there; and they are the
 * emulator's published test values, so nothing of the user's reaches the host. Any setting the user
 * gave wins.
 */
final class EmulatorSignIn {
  private EmulatorSignIn() {}

  /** The OAuth defaults for a local emulator, or nothing for any other organization. */
  static Map<String, String> defaults(Map<String, String> merged) {
    Map<String, String> out = new LinkedHashMap<>();
    String auth = merged.get(ConnectionConfig.AUTH);
    URI org = orgUrl(merged.get(ConnectionConfig.ORG_URL));
    if (auth == null || !auth.equalsIgnoreCase("oauth") || org == null || !isLoopback(org)) {
      return out;
    }
    String root = org.getScheme() + "://" + org.getRawAuthority();
    out.put(ConnectionConfig.OAUTH_CLIENT_ID, SignInModule.DEFAULT_CLIENT_ID);
    // The seeded app is a confidential client: its secret is published (help, README, the
    // emulator's own output) and worthless anywhere else.
    if (!merged.containsKey(ConnectionConfig.OAUTH_CLIENT_ID)) {
      out.put(ConnectionConfig.OAUTH_CLIENT_SECRET, SignInModule.DEFAULT_CLIENT_SECRET);
    }
    out.put(ConnectionConfig.OAUTH_AUTHORIZE_URL, root + "/oauth2/authorize");
    out.put(ConnectionConfig.OAUTH_TOKEN_URL, root + "/oauth2/token");
    // The app accepts /callback on any loopback port (as Entra does): a free one, so two
    // sign-ins at once do not collide.
    out.put(ConnectionConfig.OAUTH_REDIRECT_URI, "http://127.0.0.1:" + freePort() + "/callback");
    return out;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      return 8400;
    }
  }

  private static URI orgUrl(String text) {
    if (text == null) {
      return null;
    }
    try {
      URI u = URI.create(text.strip());
      return u.getHost() == null ? null : u;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean isLoopback(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost")) {
      return true;
    }
    // Only literal addresses: a DNS name is not looked up (it could point anywhere tomorrow).
    if (!host.matches("[0-9.]+") && !host.startsWith("[")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
