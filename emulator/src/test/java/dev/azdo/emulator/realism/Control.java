package dev.azdo.emulator.realism;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import dev.azdo.emulator.http.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** Calls the emulator's control API (/_emulator/) with the admin token. */
final class Control {
  private final Http http;
  private final String root;
  private final String token;

  Control(Emulator emulator) {
    this.http = new Http(emulator);
    this.root = emulator.rootUrl() + "/_emulator/";
    this.token = emulator.config().adminToken();
  }

  Http.Res get(String path) {
    return send("GET", path, null);
  }

  Http.Res post(String path, Object body) {
    return send("POST", path, body);
  }

  Http.Res put(String path, Object body) {
    return send("PUT", path, body);
  }

  Http.Res send(String method, String path, Object body) {
    String text = body == null ? "" : body instanceof String s ? s : Json.write(body);
    return http.send(
        HttpRequest.newBuilder(URI.create(root + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
            .build());
  }

  /** Moves the emulator's clock forward. */
  void advance(long seconds) {
    post("clock", Json.object().put("advanceSeconds", seconds));
  }
}
