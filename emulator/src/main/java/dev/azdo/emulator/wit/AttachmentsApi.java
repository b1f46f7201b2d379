package dev.azdo.emulator.wit;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Work item attachments: simple upload of raw bytes and download. */
final class AttachmentsApi {
  /**
   * Azure DevOps Services takes attachments of at most 60 MB (Microsoft's work tracking limits);
   * the REST status of its refusal is not documented, so a 400 carries the service's TF237082 text.
   */
  static final long MAX_ATTACHMENT_BYTES = 60L * 1024 * 1024;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+)");
  private final EmulatorContext ctx;
  private final WitServices services;
  private final WitTables t;

  AttachmentsApi(EmulatorContext ctx, WitServices services, WitTables tables) {
    this.ctx = ctx;
    this.services = services;
    this.t = tables;
  }

  Object upload(ApiRequest req) {
    String projectName = req.route("project");
    Project project = projectName == null ? null : services.project(projectName);
    String fileName = req.query("fileName");
    if (fileName == null || fileName.isBlank()) {
      fileName = req.route("fileName");
    }
    if (fileName == null || fileName.isBlank()) {
      throw ApiException.badRequest(
          "ArgumentNullException", "Value cannot be null.\r\nParameter name: fileName");
    }
    String type = req.query("uploadType");
    if (type != null && !type.equalsIgnoreCase("Simple") && !type.equalsIgnoreCase("Chunked")) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The value '" + type + "' is not valid for parameter uploadType.");
    }
    checkSize(fileName, req.body().length);
    String id = UUID.randomUUID().toString();
    String name = fileName;
    ctx.store()
        .run(
            tx ->
                tx.put(
                    t.attachments,
                    id,
                    new WitTables.Attachment(
                        id,
                        name,
                        project == null ? null : project.id(),
                        Json.date(ctx.clock().instant()),
                        Base64.getEncoder().encodeToString(req.body()))));
    return ApiResponse.json(
        201,
        Json.object()
            .put("id", id)
            .put(
                "url",
                req.baseUrl()
                    + "_apis/wit/attachments/"
                    + id
                    + "?fileName="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")));
  }

  /** PUT of one chunk of a chunked upload: Content-Range says where the bytes go. */
  Object chunk(ApiRequest req) {
    String id = req.requireRoute("id").toLowerCase(Locale.ROOT);
    String range = req.header("Content-Range");
    Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.trim());
    if (m == null || !m.matches()) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "A chunk needs a Content-Range header such as 'bytes 0-99/200'.");
    }
    long from = Long.parseLong(m.group(1));
    byte[] body = req.body();
    WitTables.Attachment saved =
        ctx.store()
            .write(
                tx -> {
                  WitTables.Attachment a = t.attachments.get(id);
                  if (a == null) {
                    throw notFound(id);
                  }
                  byte[] old = Base64.getDecoder().decode(a.data());
                  if (from != old.length) {
                    throw ApiException.badRequest(
                        "InvalidArgumentValueException",
                        "The chunk starts at "
                            + from
                            + " but "
                            + old.length
                            + " bytes have been uploaded.");
                  }
                  checkSize(a.fileName(), (long) old.length + body.length);
                  byte[] all = Arrays.copyOf(old, old.length + body.length);
                  System.arraycopy(body, 0, all, old.length, body.length);
                  WitTables.Attachment n =
                      new WitTables.Attachment(
                          a.id(),
                          a.fileName(),
                          a.projectId(),
                          a.createdDate(),
                          Base64.getEncoder().encodeToString(all));
                  tx.put(t.attachments, id, n);
                  return n;
                });
    return ApiResponse.json(201, reference(saved, req.baseUrl()));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode reference(
      WitTables.Attachment a, String baseUrl) {
    return Json.object()
        .put("id", a.id())
        .put(
            "url",
            baseUrl
                + "_apis/wit/attachments/"
                + a.id()
                + "?fileName="
                + URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static void checkSize(String fileName, long bytes) {
    if (bytes > MAX_ATTACHMENT_BYTES) {
      throw ApiException.badRequest(
          "FileAttachmentException",
          "TF237082: The file you are trying to upload ("
              + fileName
              + ") exceeds the supported file upload size (60.000 MB(s)). Instead of uploading the"
              + " file, add the file to version control or to the team project web site, and then"
              + " link the file to the work item.");
    }
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound(
        "AttachmentNotFoundException", "VS402543: The attachment " + id + " could not be found.");
  }

  Object download(ApiRequest req) {
    String id = req.requireRoute("id");
    WitTables.Attachment a = t.attachments.get(id.toLowerCase(java.util.Locale.ROOT));
    if (a == null) {
      throw notFound(id);
    }
    byte[] bytes = Base64.getDecoder().decode(a.data());
    ApiResponse r = ApiResponse.raw(200, bytes, "application/octet-stream");
    String name = req.query("fileName");
    if (name == null || name.isBlank()) {
      name = a.fileName();
    }
    if (req.queryBool("download")) {
      r.header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"");
    }
    return r;
  }
}
