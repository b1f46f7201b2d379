package dev.azdo.pipeline.endpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Writes what each row would send as one JSON line, and writes nothing to Azure DevOps. */
final class DryRunWriter implements EndpointWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final String endpoint;
  private final JsonGenerator out;
  private final AttachmentFolder attachments;

  DryRunWriter(String endpoint, OutputStream out, AttachmentFolder attachments) {
    this.endpoint = endpoint;
    this.attachments = attachments;
    try {
      this.out =
          out == null
              ? null
              : FACTORY.createGenerator(out).setRootValueSeparator(new SerializedString("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String write(EndpointRow row) {
    if (attachments != null) {
      // A dry run checks each file as a real run does, without reading it.
      attachments.resolve(row.get("File"));
    }
    if (out != null) {
      synchronized (out) {
        try {
          out.writeStartObject();
          out.writeNumberField("row", row.rowNumber());
          out.writeStringField("endpoint", endpoint);
          out.writeObjectFieldStart("input");
          for (Map.Entry<String, String> e : row.values().entrySet()) {
            out.writeStringField(e.getKey(), e.getValue());
          }
          out.writeEndObject();
          out.writeEndObject();
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return "dry-run";
  }
}
