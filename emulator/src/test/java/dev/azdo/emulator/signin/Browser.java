package dev.azdo.emulator.signin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A headless stand-in for a browser and an OAuth client: forms, redirects not followed. */
final class Browser {
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Emulator emulator;

  Browser(Emulator emulator) {
    this.emulator = emulator;
  }

  /** A response: status, body and headers. */
  record Page(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      return Json.parse(body);
    }

    String location() {
      return raw.headers().firstValue("Location").orElse(null);
    }

    /** A query parameter of the redirect's Location. */
    String redirectParam(String name) {
      return query(URI.create(location()).getRawQuery()).get(name);
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      m.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  static String form(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return b.toString();
  }

  Page get(String pathAndQuery) {
    return send(
        HttpRequest.newBuilder(URI.create(emulator.rootUrl() + pathAndQuery)).GET().build());
  }

  Page post(String path, Map<String, String> params) {
    return send(
        HttpRequest.newBuilder(URI.create(emulator.rootUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)))
            .build());
  }

  /** Calls the REST API with a bearer token. */
  Page api(String path, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(emulator.url() + "/" + path))
            .header("Authorization", "Bearer " + token)
            .header("X-TFS-FedAuthRedirect", "Suppress")
            .GET()
            .build());
  }

  /** Calls the control API with the admin token. */
  Page control(String method, String path, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create(emulator.rootUrl() + "/_emulator/" + path))
            .header("Authorization", "Bearer " + emulator.config().adminToken())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build());
  }

  Page send(HttpRequest r) {
    try {
      HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Page(res.statusCode(), res.body(), res);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
