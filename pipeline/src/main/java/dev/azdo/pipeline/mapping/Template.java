package dev.azdo.pipeline.mapping;

import dev.azdo.pipeline.source.SourceRow;
import dev.azdo.pipeline.source.SourceSchema;
import java.util.ArrayList;
import java.util.List;

/** Text with {Column} placeholders, parsed once; {{ and }} stand for literal braces. */
final class Template {
  private final String[] literals;
  private final String[] columns;

  private Template(String[] literals, String[] columns) {
    this.literals = literals;
    this.columns = columns;
  }

  /** Parses a template, or throws IllegalArgumentException naming the problem. */
  static Template parse(String text) {
    List<String> literals = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '{' && i + 1 < n && text.charAt(i + 1) == '{') {
        literal.append('{');
        i++;
      } else if (c == '}' && i + 1 < n && text.charAt(i + 1) == '}') {
        literal.append('}');
        i++;
      } else if (c == '{') {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException(
              "template \"" + text + "\" has a { without a closing }");
        }
        literals.add(literal.toString());
        literal.setLength(0);
        columns.add(text.substring(i + 1, end).strip());
        i = end;
      } else {
        literal.append(c);
      }
    }
    literals.add(literal.toString());
    return new Template(literals.toArray(new String[0]), columns.toArray(new String[0]));
  }

  /** Returns the column names the template reads. */
  List<String> columns() {
    return List.of(columns);
  }

  /** Returns the indexes of the template's columns in a schema (-1 where missing). */
  int[] bind(SourceSchema schema) {
    int[] indexes = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      indexes[i] = schema.indexOf(columns[i]);
    }
    return indexes;
  }

  /** Fills the template from a row; returns null when every placeholder is empty. */
  String render(SourceRow row, int[] indexes) {
    StringBuilder out = new StringBuilder(64);
    boolean any = false;
    for (int i = 0; i < columns.length; i++) {
      out.append(literals[i]);
      String value = row.get(indexes[i]);
      if (value != null && !value.isEmpty()) {
        any = true;
        out.append(value);
      }
    }
    out.append(literals[columns.length]);
    // A template of only empty columns means "no value", not a value of separators.
    return any || columns.length == 0 ? out.toString().strip() : null;
  }
}
