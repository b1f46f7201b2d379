package dev.azdo.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.azdo.pipeline.config.JobConfig;
import dev.azdo.pipeline.config.JobKey;
import dev.azdo.pipeline.config.JobKey.Section;
import dev.azdo.pipeline.config.SourceKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a YAML job file into an {@link ImportJob}; its keys are those of {@link JobConfig}.
 *
 * <pre>
 * connection: {org-url: ..., pat-file: ...}   # left to the CLI; see ImportJob.connection()
 * source: {path: bugs.csv, format: csv, delimiter: ",", encoding: UTF-8, sheet: Bugs,
 *          url: jdbc:h2:./db, query: select ..., user: sa, password-env: DB_PASSWORD,
 *          fetch-size: 1000, rows: 100, seed: 1}
 * endpoint: create-workitem
 * project: Demo
 * type: Bug
 * mapping: ["Title=System.Title", "{First} {Last}=System.AssignedTo", "Due=Due Date:dd/MM/yyyy"]
 * set: ["System.State=New"]
 * key: Key=Custom.ExternalKey
 * parent-key: ParentKey
 * value-maps: {System.State: {"In Progress": Active, Done: Closed}}
 * value-map-files: {Microsoft.VSTS.Common.Priority: priorities.csv}
 * value-map-ignore-case: false
 * value-map-strict: [System.WorkItemType]
 * identity-map: people.csv
 * unknown-identity: reject          # or clear, or as=NAME
 * properties: {key-field: Custom.ExternalKey, workitem-journal: bugs.journal, process: Agile}
 * options: {rejects: rejects.csv, journal: bugs.journal, resume: true, batch-size: 200,
 *           concurrency: 4, dry-run: false, validate-only: false, bypass-rules: false,
 *           suppress-notifications: false, date-format: [dd/MM/yyyy], zone: UTC}
 * </pre>
 *
 * Relative paths resolve against the job file's folder.
 */
final class JobFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private JobFile() {}

  static ImportJob read(
      Path file, Map<JobKey, String> overrides, Function<String, String> environment) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new JobException(
          List.of(file + ": not a readable YAML job file: " + firstLine(e.getMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new JobException(
          List.of(file + ": expected a YAML mapping with source, endpoint, project and mapping"));
    }
    Path dir = file.toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    JsonNode src = root.path("source");
    JsonNode options = root.path("options");
    unknownKeys(root, Section.TOP, List.of("connection", "source", "options"), problems);
    unknownKeys(src, Section.SOURCE, List.of(), problems);
    unknownKeys(options, Section.OPTIONS, List.of(), problems);
    String path = text(src.path("path"));
    String url = text(src.path("url"));
    if (path == null && url == null) {
      problems.add("source: give source.path (a file or dummy:N) or source.url (a jdbc: URL)");
      throw new JobException(problems);
    }
    String location = url != null ? url : path;
    if (url == null && !location.toLowerCase(Locale.ROOT).startsWith("dummy")) {
      location = dir.resolve(location).normalize().toString();
    }
    ImportJob.Builder job = ImportJob.builder(location).namedAsInJobFile().environment(environment);
    // A job's journal and rejects default to beside the job file, named after it, so two jobs on
    // one source never share a journal.
    job.defaultsBase = dir.resolve(ImportJob.withoutExtension(file.getFileName()));
    for (JobKey key : JobConfig.keys()) {
      if (key == SourceKeys.SOURCE_PATH || key == SourceKeys.SOURCE_URL) {
        continue;
      }
      JsonNode section =
          switch (key.section()) {
            case TOP -> root;
            case SOURCE -> src;
            case OPTIONS -> options;
          };
      JsonNode node = find(section, key);
      if (node == null) {
        continue;
      }
      for (String value : values(key, node, problems)) {
        if (key.type() == JobKey.Type.PATH) {
          value = dir.resolve(value).normalize().toString();
        } else if (key == JobConfig.VALUE_MAP_FILE) {
          int eq = value.indexOf('=');
          value = value.substring(0, eq + 1) + dir.resolve(value.substring(eq + 1)).normalize();
        } else if (key == JobConfig.PROPERTIES && value.contains("journal=")) {
          // Files named in properties are relative to the job file, like the other paths.
          int eq = value.indexOf('=');
          value = value.substring(0, eq + 1) + dir.resolve(value.substring(eq + 1)).normalize();
        }
        job.set(key, value);
      }
    }
    overrides.forEach(job::set);
    job.connection = root.path("connection");
    job.problems.addAll(0, problems);
    return job.build();
  }

  private static JsonNode find(JsonNode section, JobKey key) {
    if (!section.isObject()) {
      return null;
    }
    for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (JobConfig.key(key.section(), name).orElse(null) == key) {
        JsonNode v = section.get(name);
        return v.isNull() ? null : v;
      }
    }
    return null;
  }

  /** The text values of a key: one for a scalar, one per entry for a repeatable key. */
  private static List<String> values(JobKey key, JsonNode node, List<String> problems) {
    List<String> out = new ArrayList<>();
    if (key.type() == JobKey.Type.MAP) {
      if (!node.isObject()) {
        problems.add(
            key.yamlName() + ": expected a mapping such as {key-field: Custom.ExternalKey}");
        return out;
      }
      node.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
      return out;
    }
    if (key == JobConfig.VALUE_MAP && node.isObject()) {
      // value-maps: {System.State: {"In Progress": Active, Done: Closed}}
      node.fields()
          .forEachRemaining(
              field -> {
                if (!field.getValue().isObject()) {
                  problems.add(
                      key.yamlName()
                          + "."
                          + field.getKey()
                          + ": expected a mapping of values, such as {\"In Progress\": Active}");
                  return;
                }
                field
                    .getValue()
                    .fields()
                    .forEachRemaining(
                        e ->
                            out.add(
                                field.getKey() + ":" + e.getKey() + "=" + e.getValue().asText()));
              });
      return out;
    }
    if ((key == JobConfig.SET || key == JobConfig.LOOKUP) && node.isObject()) {
      // set: {System.State: New}; lookups: {ParentTitle: "System.Title:System.Id", Team: area}
      node.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
      return out;
    }
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray() && key.repeatable()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    for (JsonNode item : items) {
      if (item.isObject() && key == JobConfig.MAPPING) {
        String s = text(item.path("source"));
        String f = text(item.path("field"));
        String format = text(item.path("format"));
        if (s == null || f == null) {
          problems.add(
              "mapping: each entry needs source and field, such as {source: Title, field:"
                  + " System.Title}");
        } else {
          out.add(s + "=" + f + (format != null ? ":" + format : ""));
        }
      } else if (item.isValueNode()) {
        out.add(item.asText());
      } else {
        problems.add(
            key.yamlName()
                + (key == JobConfig.MAPPING
                    ? ": entries are \"SOURCE=FIELD\" strings or {source, field, format} maps"
                    : ": expected a single value"));
      }
    }
    return out;
  }

  private static void unknownKeys(
      JsonNode node, Section section, List<String> sections, List<String> problems) {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    String prefix = section.prefix();
    if (!node.isObject()) {
      problems.add(
          prefix.isEmpty()
              ? "expected a mapping"
              : prefix.substring(0, prefix.length() - 1) + ": expected a mapping");
      return;
    }
    List<String> known = new ArrayList<>(JobConfig.names(section));
    known.addAll(sections);
    known.sort(null);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!sections.contains(name) && JobConfig.key(section, name).isEmpty()) {
        problems.add(prefix + name + ": unknown key (known: " + String.join(", ", known) + ")");
      }
    }
  }

  private static String text(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
