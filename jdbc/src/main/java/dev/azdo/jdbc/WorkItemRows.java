package dev.azdo.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.client.WorkItem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Turns work items as the service returns them into SQL rows (Calcite's Java values). */
final class WorkItemRows {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private WorkItemRows() {}

  /** Returns the row of the given columns; TIMESTAMP values are UTC milliseconds, as Calcite's. */
  static Object[] row(WorkItem item, List<WorkItemColumn> columns) {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      WorkItemColumn c = columns.get(i);
      row[i] = c.isId() ? Integer.valueOf(item.id()) : value(c, item.field(c.referenceName()));
    }
    return row;
  }

  /** Converts one field value to the column's Java value, null when absent or unreadable. */
  static Object value(WorkItemColumn c, JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return null;
    }
    switch (c.part()) {
      case DISPLAY_NAME:
        return v.isObject() ? text(v.get("displayName")) : displayName(v.asText());
      case UNIQUE_NAME:
        return v.isObject() ? text(v.get("uniqueName")) : uniqueName(v.asText());
      default:
        break;
    }
    switch (c.type()) {
      case INTEGER:
        return v.isNumber() || v.asText().matches("-?\\d+") ? Integer.valueOf(v.asInt()) : null;
      case DOUBLE:
        return v.isNumber() ? Double.valueOf(v.asDouble()) : parseDouble(v.asText());
      case BOOLEAN:
        return v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText());
      case TIMESTAMP:
        return millis(v.asText());
      default:
        return v.isTextual() ? v.asText() : v.toString();
    }
  }

  /** ISO 8601 in UTC with milliseconds, as WIQL and the REST API take dates. */
  static String isoUtc(long millis) {
    return ISO_MILLIS.format(Instant.ofEpochMilli(millis));
  }

  static Long millis(String iso) {
    try {
      return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Double parseDouble(String s) {
    try {
      return Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  // "Jamal Hartnett <jamal@fabrikam.com>": the name, and the part in angle brackets.
  private static String displayName(String combined) {
    int lt = combined.lastIndexOf('<');
    return lt > 0 && combined.endsWith(">") ? combined.substring(0, lt).trim() : combined;
  }

  private static String uniqueName(String combined) {
    int lt = combined.lastIndexOf('<');
    return lt >= 0 && combined.endsWith(">")
        ? combined.substring(lt + 1, combined.length() - 1)
        : combined;
  }
}
