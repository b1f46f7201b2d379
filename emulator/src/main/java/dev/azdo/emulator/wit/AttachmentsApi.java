package dev.azdo.emulator.wit;

import dev.azdo.emulator.EmulatorContext;
import dev.azdo.emulator.http.ApiException;
import dev.azdo.emulator.http.ApiRequest;
import dev.azdo.emulator.http.ApiResponse;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.Project;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Work item attachments: simple upload of raw bytes and download. */
final class AttachmentsApi {
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
    if (type != null && !type.equalsIgnoreCase("Simple")) {
      throw ApiException.badRequest(
          "InvalidArgumentValueException",
          "The emulator supports uploadType=Simple only, not '" + type + "'.");
    }
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

  Object download(ApiRequest req) {
    String id = req.requireRoute("id");
    WitTables.Attachment a = t.attachments.get(id.toLowerCase(java.util.Locale.ROOT));
    if (a == null) {
      throw ApiException.notFound(
          "AttachmentNotFoundException", "VS402543: The attachment " + id + " could not be found.");
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
