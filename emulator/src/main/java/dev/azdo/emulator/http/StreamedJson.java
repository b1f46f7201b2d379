package dev.azdo.emulator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A JSON body written straight to Jackson's generator instead of built as a tree first. Big answers
 * (200 work items, 20,000 WIQL ids) spend most of their time building and walking trees; a handler
 * returns one of these and the response serializes it like any other value (so it can also sit
 * inside a tree, as a POJO node, or become a tree with {@link Json#tree}).
 */
public final class StreamedJson implements JsonSerializable {
  /** Writes one JSON value. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the value to the generator. */
    void write(JsonGenerator g) throws IOException;
  }

  private final Writer writer;

  private StreamedJson(Writer writer) {
    this.writer = writer;
  }

  /** A value that the writer writes when it is serialized. */
  public static StreamedJson of(Writer writer) {
    return new StreamedJson(writer);
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider serializers) throws IOException {
    writer.write(g);
  }

  @Override
  public void serializeWithType(
      JsonGenerator g, SerializerProvider serializers, TypeSerializer typeSer) throws IOException {
    writer.write(g);
  }
}
