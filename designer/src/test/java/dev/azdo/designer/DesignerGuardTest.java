package dev.azdo.designer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.client.ProfileStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain HTTP requests to a started designer: only this start's token, a Host naming this server and
 * no foreign Origin get through; everything else is 403.
 */
class DesignerGuardTest {
  @TempDir static Path dir;
  static Designer designer;
  static String token;

  @BeforeAll
  static void start() {
    designer =
        Designer.builder()
            .port(0)
            .workspace(dir)
            .profiles(new ProfileStore(dir.resolve("config")))
            .env(Map.of())
            .build()
            .start();
    token = designer.url().substring(designer.url().indexOf("token=") + 6);
  }

  @AfterAll
  static void stop() {
    designer.close();
  }

  @Test
  void theUrlIsOnLoopbackWithARandomTokenAndThePageLoadsWithIt() throws IOException {
    assertThat(designer.url()).startsWith("http://127.0.0.1:" + designer.port() + "/?token=");
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    String answer = get("/?token=" + token, host(), null, null);
    assertThat(status(answer)).isEqualTo(200);
    assertThat(answer).contains("Set-Cookie: " + RequestGuard.COOKIE + "_" + designer.port());
    assertThat(answer)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("<title>azdo designer");
    // Later requests: the cookie or the header.
    assertThat(status(get("/api/schema", host(), null, cookie(token)))).isEqualTo(200);
    assertThat(status(get("/api/schema", "localhost:" + designer.port(), null, header(token))))
        .isEqualTo(200);
    assertThat(
            status(
                get("/api/schema", host(), "http://127.0.0.1:" + designer.port(), header(token))))
        .isEqualTo(200);
  }

  @Test
  void aMissingOrWrongTokenIsRefused() throws IOException {
    assertThat(status(get("/", host(), null, null))).isEqualTo(403);
    assertThat(status(get("/api/schema", host(), null, null))).isEqualTo(403);
    assertThat(status(get("/?token=wrong", host(), null, null))).isEqualTo(403);
    assertThat(status(get("/api/connection", host(), null, cookie(token + "x")))).isEqualTo(403);
    assertThat(status(get("/app.js", host(), null, header("")))).isEqualTo(403);
  }

  @Test
  void aForeignHostIsRefusedEvenWithTheToken() throws IOException {
    // DNS rebinding: evil.example resolving to 127.0.0.1 sends its own name as Host.
    String answer = get("/?token=" + token, "evil.example:" + designer.port(), null, null);
    assertThat(status(answer)).isEqualTo(403);
    assertThat(answer).doesNotContain("Set-Cookie");
    assertThat(status(get("/api/schema", "127.0.0.1:1", null, header(token)))).isEqualTo(403);
    assertThat(status(get("/api/schema", "127.0.0.1", null, header(token)))).isEqualTo(403);
  }

  @Test
  void aCrossSiteOriginIsRefusedEvenWithTheToken() throws IOException {
    assertThat(status(get("/api/schema", host(), "http://evil.example", header(token))))
        .isEqualTo(403);
    assertThat(status(get("/api/schema", host(), "null", header(token)))).isEqualTo(403);
    assertThat(
            status(
                get("/api/schema", host(), "https://127.0.0.1:" + designer.port(), header(token))))
        .isEqualTo(403);
    assertThat(
            status(
                post(
                    "/api/connection",
                    "http://127.0.0.1:" + (designer.port() + 1),
                    header(token),
                    "{\"values\":{}}")))
        .isEqualTo(403);
  }

  private String host() {
    return "127.0.0.1:" + designer.port();
  }

  private static String cookie(String value) {
    return "Cookie: " + RequestGuard.COOKIE + "_" + designer.port() + "=" + value;
  }

  private static String header(String value) {
    return RequestGuard.HEADER + ": " + value;
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  private static String get(String path, String host, String origin, String extra)
      throws IOException {
    return send("GET " + path, host, origin, extra, "");
  }

  private String post(String path, String origin, String extra, String body) throws IOException {
    return send("POST " + path, host(), origin, extra, body);
  }

  // A raw request: Java's HttpClient does not let a test set Host.
  static String send(String line, String host, String origin, String extra, String body)
      throws IOException {
    return send(designer.port(), line, host, origin, extra, body);
  }

  /** Sends one raw request to a designer on the port and returns the whole answer. */
  static String send(int port, String line, String host, String origin, String extra, String body)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      StringBuilder req = new StringBuilder(line + " HTTP/1.1\r\nHost: " + host + "\r\n");
      if (origin != null) {
        req.append("Origin: ").append(origin).append("\r\n");
      }
      if (extra != null) {
        req.append(extra).append("\r\n");
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      req.append("Content-Length: ").append(bytes.length).append("\r\n");
      req.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
