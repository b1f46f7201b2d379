package dev.azdo.pipeline.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoClient;
import dev.azdo.client.ClassificationNode;
import dev.azdo.client.Comment;
import dev.azdo.client.Page;
import dev.azdo.client.Process;
import dev.azdo.client.Project;
import dev.azdo.client.Team;
import dev.azdo.client.WorkItemField;
import dev.azdo.client.WorkItemType;
import dev.azdo.pipeline.endpoint.EndpointSpec;
import dev.azdo.pipeline.endpoint.Endpoints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the read endpoints of the catalogue ({@code list-projects}, {@code get-workitems}, ...) and
 * writes their rows with the catalogue's output columns.
 */
public final class EndpointReads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AzdoClient client;
  private final int concurrency;
  private List<Integer> notFound = List.of();

  /** Creates the reader. */
  public EndpointReads(AzdoClient client, int concurrency) {
    this.client = client;
    this.concurrency = concurrency;
  }

  /**
   * Runs a read endpoint with its properties ({@code project}, {@code id}, {@code ids}, {@code
   * fields}, {@code type}, {@code depth}, {@code query}) and writes its rows.
   *
   * @return the rows written
   * @throws IllegalArgumentException for an unknown or write endpoint or a missing property
   */
  public long write(String endpoint, Map<String, String> props, RowWriter out) throws IOException {
    EndpointSpec spec =
        Endpoints.find(endpoint)
            .filter(e -> !e.write())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown read endpoint '"
                            + endpoint
                            + "'; known: "
                            + String.join(
                                ", ",
                                Endpoints.all().stream()
                                    .filter(e -> !e.write())
                                    .map(EndpointSpec::name)
                                    .toList())));
    switch (spec.name()) {
      case "query-workitems" -> {
        return new QueryRows(client, concurrency)
            .write(
                props.get("project"), need(props, "query", spec), list(props.get("fields")), out);
      }
      case "get-workitems" -> {
        List<Integer> ids = new ArrayList<>();
        for (String id : list(need(props, "ids", spec))) {
          if (!id.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("--ids: '" + id + "' is not a work item id");
          }
          ids.add(Integer.parseInt(id));
        }
        notFound =
            new QueryRows(client, concurrency)
                .writeItems(props.get("project"), ids, list(props.get("fields")), out);
        return ids.stream().distinct().count() - notFound.size();
      }
      default -> {
        List<Map<String, Object>> rows = rows(spec, props);
        List<String> header = spec.outputs().stream().map(EndpointSpec.Column::name).toList();
        out.header(header);
        for (Map<String, Object> r : rows) {
          List<String> values = new ArrayList<>();
          ObjectNode raw = JSON.createObjectNode();
          for (String h : header) {
            Object v = r.get(h);
            values.add(v == null ? "" : v.toString());
            raw.set(h, JSON.valueToTree(v));
          }
          out.row(values, raw);
        }
        out.finish();
        return rows.size();
      }
    }
  }

  /** Returns the ids the last get-workitems did not find (deleted, never created, not readable). */
  public List<Integer> notFound() {
    return notFound;
  }

  private List<Map<String, Object>> rows(EndpointSpec spec, Map<String, String> props) {
    List<Map<String, Object>> out = new ArrayList<>();
    switch (spec.name()) {
      case "list-projects" -> {
        for (Project p : client.listAllProjects()) {
          out.add(
              row(
                  "Id",
                  p.id(),
                  "Name",
                  p.name(),
                  "Description",
                  p.description(),
                  "State",
                  p.state(),
                  "Visibility",
                  p.visibility()));
        }
      }
      case "list-teams" -> {
        for (Team t : client.listTeams(need(props, "project", spec))) {
          out.add(row("Id", t.id(), "Name", t.name(), "Description", t.description()));
        }
      }
      case "list-areas", "list-iterations" -> {
        ClassificationNode.Group g =
            spec.name().equals("list-areas")
                ? ClassificationNode.Group.AREAS
                : ClassificationNode.Group.ITERATIONS;
        int depth = Integer.parseInt(props.getOrDefault("depth", "10"));
        nodes(client.getNode(need(props, "project", spec), g, null, depth), out);
      }
      case "list-comments" -> {
        String id = need(props, "id", spec);
        if (!id.matches("\\d+")) {
          throw new IllegalArgumentException("--id: '" + id + "' is not a work item id");
        }
        String token = null;
        do {
          Page<Comment> page =
              client.listComments(need(props, "project", spec), Integer.parseInt(id), token);
          for (Comment c : page.items()) {
            out.add(
                row(
                    "Id",
                    c.id(),
                    "WorkItemId",
                    c.workItemId(),
                    "Text",
                    c.text(),
                    "CreatedBy",
                    c.createdBy(),
                    "CreatedDate",
                    c.createdDate()));
          }
          token = page.continuationToken();
        } while (token != null && !token.isEmpty());
      }
      case "list-fields" -> {
        for (WorkItemField f :
            client.listFields(need(props, "project", spec), need(props, "type", spec))) {
          out.add(
              row(
                  "ReferenceName",
                  f.referenceName(),
                  "Name",
                  f.name(),
                  "Type",
                  f.type(),
                  "Required",
                  f.required(),
                  "AllowedValues",
                  String.join("; ", f.allowedValues())));
        }
      }
      case "list-workitem-types" -> {
        for (WorkItemType t : client.listWorkItemTypes(need(props, "project", spec))) {
          out.add(
              row(
                  "Name",
                  t.name(),
                  "ReferenceName",
                  t.referenceName(),
                  "Description",
                  t.description()));
        }
      }
      case "list-processes" -> {
        for (Process p : client.listProcesses()) {
          out.add(
              row(
                  "Id",
                  p.id(),
                  "Name",
                  p.name(),
                  "Description",
                  p.description(),
                  "IsDefault",
                  p.isDefault(),
                  "Type",
                  p.type()));
        }
      }
      default -> throw new IllegalArgumentException("endpoint " + spec.name() + " cannot be read");
    }
    return out;
  }

  private static void nodes(ClassificationNode n, List<Map<String, Object>> out) {
    JsonNode a = n.attributes();
    out.add(
        row(
            "Id",
            n.id(),
            "Name",
            n.name(),
            "Path",
            n.path(),
            "StartDate",
            a == null ? null : text(a.get("startDate")),
            "FinishDate",
            a == null ? null : text(a.get("finishDate"))));
    for (ClassificationNode c : n.children()) {
      nodes(c, out);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String need(Map<String, String> props, String name, EndpointSpec spec) {
    String v = props.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "--" + name + ": " + spec.name() + " needs it (" + meaning(spec, name) + ")");
    }
    return v.strip();
  }

  private static String meaning(EndpointSpec spec, String name) {
    return spec.property(name).map(EndpointSpec.Property::meaning).orElse(name);
  }

  private static List<String> list(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
