package dev.azdo.emulator.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azdo.emulator.http.Json;
import dev.azdo.emulator.model.FieldDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The system processes (Agile, Scrum, Basic, CMMI) as data, read once from processes.json: the
 * organization's fields, each process's work item types and the link types.
 */
public record ProcessTemplates(
    List<FieldDef> fields, List<Process> processes, List<RelationType> relationTypes) {

  private static final String RESOURCE = "processes.json";
  private static volatile ProcessTemplates loaded;

  /** A system process, its work item types (in the service's order) and type categories. */
  public record Process(
      String id, String name, List<TypeTemplate> types, List<Category> categories) {}

  /** A work item type category (Microsoft.RequirementCategory, ...); the first type is default. */
  public record Category(String referenceName, String name, List<String> types) {}

  /** A work item type as the template defines it, with help texts the API reports per field. */
  public record TypeTemplate(
      String name,
      String referenceName,
      String description,
      String color,
      String icon,
      List<String> fields,
      List<String> requiredFields,
      Map<String, String> defaults,
      Map<String, String> helpText,
      List<StateTemplate> states) {}

  /** A state with its category, color and the default reason for entering it. */
  public record StateTemplate(String name, String color, String category, String reason) {}

  /** A link type: reference name, display name and attributes (usage, topology, ...). */
  public record RelationType(String referenceName, String name, JsonNode attributes) {}

  /** The templates bundled with the emulator; parsed on first use, then shared (immutable). */
  public static ProcessTemplates load() {
    ProcessTemplates t = loaded;
    if (t == null) {
      try (InputStream in = ProcessTemplates.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        t = Json.MAPPER.readValue(in, ProcessTemplates.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      loaded = t;
    }
    return t;
  }
}
