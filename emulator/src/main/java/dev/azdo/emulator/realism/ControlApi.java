package dev.azdo.emulator.realism;

import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiHandler;
import dev.azdo.emulator.http.ApiRequest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test control API under /_emulator/, guarded by the admin token (Bearer); other modules add
 * their own sections with {@link #section} ({@code ctx.require(ControlApi.class)}).
 */
public final class ControlApi implements ApiHandler {
  private final String adminToken;
  private final Map<String, ApiHandler> sections = new ConcurrentHashMap<>();

  ControlApi(String adminToken) {
    this.adminToken = adminToken;
  }

  /**
   * Serves /_emulator/{name}/...; the handler sees the path below /_emulator (starting with the
   * name) and is only called with the admin token.
   */
  public void section(String name, ApiHandler handler) {
    sections.put(name.toLowerCase(Locale.ROOT), handler);
  }

  @Override
  public Object handle(ApiRequest req) {
    String auth = req.header("Authorization");
    if (auth == null || !auth.trim().equals("Bearer " + adminToken)) {
      throw new ApiException(
              401,
              "UnauthorizedRequestException",
              "The emulator's control API needs the admin token as a Bearer token.")
          .header("WWW-Authenticate", "Bearer realm=\"_emulator\"");
    }
    String path = req.path();
    String first = path.isEmpty() ? "" : path.split("/", 2)[0].toLowerCase(Locale.ROOT);
    ApiHandler h = sections.get(first);
    if (h == null) {
      throw ApiException.notFound(
          "NotFoundException", "The emulator has no control resource '" + path + "'.");
    }
    return h.handle(req);
  }
}
