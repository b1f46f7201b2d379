package dev.azdo.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for emulator tests: real requests over loopback, PAT as Basic. */
public final class Http {
  private final HttpClient client = HttpClient.newHttpClient();
  private final String orgUrl;
  private final String authorization;

  public Http(Emulator emulator) {
    this(emulator.url(), emulator.config().pat());
  }

  public Http(String orgUrl, String pat) {
    this.orgUrl = orgUrl.endsWith("/") ? orgUrl : orgUrl + "/";
    this.authorization =
        pat == null
            ? null
            : "Basic "
                + Base64.getEncoder().encodeToString((":" + pat).getBytes(StandardCharsets.UTF_8));
  }

  /** A response: status, headers and body. */
  public record Res(int status, HttpResponse<String> raw) {
    public JsonNode json() {
      return Json.parse(raw.body());
    }

    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Res get(String path) {
    return send("GET", path, null, null);
  }

  public Res post(String path, Object body) {
    return send("POST", path, body, "application/json");
  }

  public Res patch(String path, Object body) {
    return send("PATCH", path, body, "application/json-patch+json");
  }

  public Res delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Sends a request to a path below the organization URL, with the FedAuth redirect suppressed. */
  public Res send(String method, String path, Object body, String contentType) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(orgUrl + path))
            .header("X-TFS-FedAuthRedirect", "Suppress");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    String text = body == null ? "" : body instanceof String s ? s : Json.write(body);
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
    return send(b.build());
  }

  /** Sends any prepared request. */
  public Res send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String orgUrl() {
    return orgUrl;
  }
}
