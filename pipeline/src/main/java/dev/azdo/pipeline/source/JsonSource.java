package dev.azdo.pipeline.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON array of objects or NDJSON (one object per line) with Jackson's streaming parser.
 *
 * <p>Nested objects are flattened into dotted column names ({@code {"fields":{"Title":"x"}}}
 * becomes column {@code fields.Title}); an array of scalars becomes one value joined with "; " (the
 * tag list form), and an array holding objects or arrays is kept as compact JSON text. The first
 * object fixes the column order; later objects may add columns. In NDJSON a line that is not valid
 * JSON rejects only that row; in a JSON array bad syntax stops the run.
 */
public final class JsonSource implements RowSource {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private final String name;
  private final BufferedReader lines;
  private final JsonParser arrayParser;
  private final List<String> names = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private SourceSchema schema;
  // Null for text given as a Reader: there are no bytes to judge.
  private final DecodingReader decoding;

  /** Rows read ahead so that columns first seen in later rows are in the schema a plan checks. */
  public static final int PEEK_ROWS = 1000;

  private final java.util.ArrayDeque<SourceRow> pending = new java.util.ArrayDeque<>();
  private SourceException deferred;
  private long rowNumber;
  private long lineNumber;

  private JsonSource(String name, Reader reader) throws IOException {
    this.name = name;
    this.decoding = reader instanceof DecodingReader d ? d : null;
    BufferedReader buffered = new BufferedReader(reader, 1 << 16);
    buffered.mark(1 << 16);
    int c;
    do {
      c = buffered.read();
    } while (c != -1 && Character.isWhitespace(c));
    buffered.reset();
    if (c == '[') {
      this.lines = null;
      this.arrayParser = FACTORY.createParser(buffered);
      arrayParser.nextToken();
    } else {
      this.lines = buffered;
      this.arrayParser = null;
    }
    this.schema = SourceSchema.of(List.of());
    // Reading ahead lets a mapping be checked against columns that only some rows have.
    SourceRow row;
    while (pending.size() < PEEK_ROWS) {
      try {
        row = read();
      } catch (SourceException e) {
        // Rows before the damage are still good: hand them out, then report it.
        deferred = e;
        break;
      }
      if (row == null) {
        break;
      }
      pending.add(row);
    }
  }

  /**
   * Opens a .json (array) or .ndjson/.jsonl file; the form is detected from the first character.
   */
  public static JsonSource open(Path file, Charset charset) {
    try {
      return new JsonSource(
          file.getFileName().toString(), Inputs.reader(Files.newInputStream(file), charset));
    } catch (IOException e) {
      throw new SourceException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads JSON text from a reader, named for messages. */
  public static JsonSource of(String name, Reader reader) {
    try {
      return new JsonSource(name, reader);
    } catch (IOException e) {
      throw new SourceException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public SourceSchema schema() {
    return schema;
  }

  @Override
  public SourceRow next() {
    if (!pending.isEmpty()) {
      return pending.poll();
    }
    if (deferred != null) {
      throw deferred;
    }
    return read();
  }

  private SourceRow read() {
    try {
      return arrayParser != null ? readArrayElement() : readLine();
    } catch (IOException e) {
      throw new SourceException(name + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private SourceRow readArrayElement() throws IOException {
    if (arrayParser.currentToken() != JsonToken.START_ARRAY && rowNumber == 0) {
      throw new SourceException(name + ": expected a JSON array of objects");
    }
    JsonToken token;
    try {
      token = arrayParser.nextToken();
      if (token == null || token == JsonToken.END_ARRAY) {
        return null;
      }
      rowNumber++;
      if (token != JsonToken.START_OBJECT) {
        arrayParser.skipChildren();
        return SourceRow.malformed(
            rowNumber,
            schema,
            "element " + rowNumber + " is " + describe(token) + ", not an object");
      }
      names.clear();
      values.clear();
      readObject(arrayParser, "");
    } catch (JsonProcessingException e) {
      List<DecodingReader.BadBytes> bad = badBytes(e.getLocation().getLineNr());
      if (!bad.isEmpty()) {
        throw new SourceException(
            name
                + ": line "
                + bad.get(0).line()
                + ": "
                + decoding.explain(bad.get(0))
                + "; the rows from here on were not read");
      }
      throw new SourceException(
          name
              + ": line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage().replace('\n', ' ')
              + "; the rows from here on were not read");
    }
    return toRow(badBytes(arrayParser.currentLocation().getLineNr()));
  }

  private SourceRow readLine() throws IOException {
    String line;
    do {
      line = lines.readLine();
      if (line == null) {
        return null;
      }
      lineNumber++;
    } while (line.isBlank());
    rowNumber++;
    names.clear();
    values.clear();
    List<DecodingReader.BadBytes> bad = badBytes(lineNumber);
    if (!bad.isEmpty()) {
      return SourceRow.malformed(
          rowNumber, schema, "line " + lineNumber + ": " + decoding.explain(bad.get(0)));
    }
    try (JsonParser parser = FACTORY.createParser(line)) {
      JsonToken token = parser.nextToken();
      if (token != JsonToken.START_OBJECT) {
        return SourceRow.malformed(
            rowNumber, schema, "line " + lineNumber + " is " + describe(token) + ", not an object");
      }
      readObject(parser, "");
      if (parser.nextToken() != null) {
        return SourceRow.malformed(
            rowNumber, schema, "line " + lineNumber + " has text after the closing brace");
      }
    } catch (JsonProcessingException e) {
      return SourceRow.malformed(
          rowNumber,
          schema,
          "line "
              + lineNumber
              + " is not valid JSON: "
              + e.getOriginalMessage().replace('\n', ' '));
    }
    return toRow(List.of());
  }

  // Bad bytes decoded up to this line; earlier rows took theirs.
  private List<DecodingReader.BadBytes> badBytes(long lastLine) {
    return decoding == null ? List.of() : decoding.takeUpToLine(lastLine);
  }

  private SourceRow toRow(List<DecodingReader.BadBytes> bad) {
    for (String column : names) {
      if (schema.indexOf(column) < 0
          || !schema.columns().get(schema.indexOf(column)).equals(column)) {
        schema = schema.plus(column);
      }
    }
    String[] row = new String[schema.size()];
    for (int i = 0; i < names.size(); i++) {
      row[schema.indexOf(names.get(i))] = values.get(i);
    }
    if (!bad.isEmpty()) {
      // The bad bytes read as U+FFFD, so the first value holding one is the column they are in.
      String column = null;
      for (int i = 0; i < names.size() && column == null; i++) {
        if (values.get(i) != null && values.get(i).indexOf('\uFFFD') >= 0) {
          column = names.get(i);
        }
      }
      return SourceRow.malformed(
          rowNumber,
          schema,
          column,
          "line " + bad.get(0).line() + ": " + decoding.explain(bad.get(0)),
          row);
    }
    return SourceRow.of(rowNumber, schema, row);
  }

  private void readObject(JsonParser parser, String prefix) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = prefix + parser.currentName();
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT) {
        readObject(parser, field + ".");
      } else if (token == JsonToken.START_ARRAY) {
        names.add(field);
        values.add(readArray(parser));
      } else {
        names.add(field);
        values.add(token == JsonToken.VALUE_NULL ? null : parser.getText());
      }
    }
  }

  private static String readArray(JsonParser parser) throws IOException {
    StringBuilder joined = new StringBuilder();
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(json)) {
      generator.writeStartArray();
      boolean scalarsOnly = true;
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          scalarsOnly = false;
          generator.copyCurrentStructure(parser);
        } else {
          generator.copyCurrentEvent(parser);
          if (token != JsonToken.VALUE_NULL) {
            if (joined.length() > 0) {
              joined.append("; ");
            }
            joined.append(parser.getText());
          }
        }
      }
      generator.writeEndArray();
      generator.flush();
      return scalarsOnly ? joined.toString() : json.toString();
    }
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    switch (token) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }

  @Override
  public String describe() {
    return name;
  }

  @Override
  public void close() {
    try {
      if (arrayParser != null) {
        arrayParser.close();
      } else {
        lines.close();
      }
    } catch (IOException e) {
      // Closing a read-only file cannot lose data; nothing useful to report.
    }
  }
}
