package dev.azdo.emulator.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azdo.emulator.Emulator;
import dev.azdo.emulator.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttachmentsTest {
  private static final String AUTHORIZATION =
      "Basic "
          + Base64.getEncoder().encodeToString(":emulator-pat".getBytes(StandardCharsets.UTF_8));
  static Emulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator = Emulator.startDefault();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static HttpResponse<byte[]> download(String url) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTHORIZATION).build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void uploadReturns201WithIdAndUrlAndTheBytesComeBack() throws Exception {
    Http.Res up =
        http.send(
            "POST",
            "Demo/_apis/wit/attachments?fileName=notes.txt&uploadType=Simple&api-version=7.1",
            "line one\nline two",
            "application/octet-stream");
    assertThat(up.status()).as(up.body()).isEqualTo(201);
    String id = up.json().path("id").asText();
    String url = up.json().path("url").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(url)
        .isEqualTo(emulator.url() + "/_apis/wit/attachments/" + id + "?fileName=notes.txt");
    HttpResponse<byte[]> got = download(url + "&download=true&api-version=7.1");
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("line one\nline two");
    assertThat(got.headers().firstValue("Content-Type").orElse("")).contains("octet-stream");
    assertThat(got.headers().firstValue("Content-Disposition").orElse("")).contains("notes.txt");
  }

  @Test
  void chunkedUploadAppendsChunksInOrder() throws Exception {
    Http.Res start =
        http.send(
            "POST",
            "Demo/_apis/wit/attachments?fileName=big.bin&uploadType=Chunked&api-version=7.1",
            null,
            "application/octet-stream");
    assertThat(start.status()).as(start.body()).isEqualTo(201);
    String id = start.json().path("id").asText();
    String path =
        "Demo/_apis/wit/attachments/" + id + "?uploadType=Chunked&fileName=big.bin&api-version=7.1";
    assertThat(chunk(path, "hello ", "bytes 0-5/11").statusCode()).isEqualTo(201);
    assertThat(chunk(path, "world", "bytes 6-10/11").statusCode()).isEqualTo(201);
    assertThat(chunk(path, "again", "bytes 0-4/11").statusCode()).isEqualTo(400);
    HttpResponse<byte[]> got = download(start.json().path("url").asText() + "&api-version=7.1");
    assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("hello world");
  }

  private static HttpResponse<String> chunk(String path, String text, String range)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(http.orgUrl() + path))
            .header("Authorization", AUTHORIZATION)
            .header("Content-Type", "application/octet-stream")
            .header("Content-Range", range)
            .PUT(HttpRequest.BodyPublishers.ofString(text))
            .build();
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void uploadWithoutAFileNameIsRefused() {
    Http.Res up =
        http.send("POST", "_apis/wit/attachments?api-version=7.1", "x", "application/octet-stream");
    assertThat(up.status()).isEqualTo(400);
    assertThat(up.json().path("message").asText()).contains("fileName");
  }

  @Test
  void unknownAttachmentIs404() throws Exception {
    Http.Res r =
        http.get("_apis/wit/attachments/00000000-0000-0000-0000-000000000000?api-version=7.1");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("typeKey").asText()).isEqualTo("AttachmentNotFoundException");
  }

  @Test
  void anUploadOverSixtyMegabytesIsRefusedWithTheServicesMessageAndNotStored() throws Exception {
    int before = stored();
    byte[] big = new byte[(int) AttachmentsApi.MAX_ATTACHMENT_BYTES + 1];
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create(
                    http.orgUrl() + "Demo/_apis/wit/attachments?fileName=big.bin&api-version=7.1"))
            .header("Authorization", AUTHORIZATION)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(big))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body())
        .contains("TF237082")
        .contains("big.bin")
        .contains("exceeds the supported file upload size (60.000 MB(s))");
    assertThat(stored()).isEqualTo(before);

    // Exactly the limit is taken.
    Http.Res ok =
        http.send(
            "POST",
            "Demo/_apis/wit/attachments?fileName=edge.bin&api-version=7.1",
            "x",
            "application/octet-stream");
    assertThat(ok.status()).isEqualTo(201);
    assertThat(stored()).isEqualTo(before + 1);
  }

  private static int stored() {
    return emulator.context().store().size(WitTables.ATTACHMENTS);
  }
}
