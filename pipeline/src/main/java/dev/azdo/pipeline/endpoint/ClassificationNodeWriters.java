package dev.azdo.pipeline.endpoint;

import static dev.azdo.pipeline.endpoint.AzdoWriters.orNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azdo.client.AzdoException;
import dev.azdo.client.ClassificationNode;
import dev.azdo.pipeline.endpoint.AzdoWriters.Context;
import dev.azdo.pipeline.mapping.DateParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The writers of the create- and delete-area and -iteration endpoints. */
final class ClassificationNodeWriters {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClassificationNodeWriters() {}

  private static String what(ClassificationNode.Group group) {
    return group == ClassificationNode.Group.AREAS ? "area" : "iteration";
  }

  /** Returns the path below the root: accepts \Project\Area\A\B, Project\A\B and A/B. */
  static List<String> segments(String path, String project, ClassificationNode.Group group) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("[/\\\\]")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    if (out.size() > 1 && out.get(0).equalsIgnoreCase(project)) {
      out.remove(0);
      String structure = group == ClassificationNode.Group.AREAS ? "Area" : "Iteration";
      if (out.size() > 1 && out.get(0).equalsIgnoreCase(structure)) {
        out.remove(0);
      }
    }
    return out;
  }

  private static String join(List<String> segments) {
    return String.join("/", segments);
  }

  private static ClassificationNode node(
      Context c, ClassificationNode.Group group, List<String> segments) {
    return orNull(
        () ->
            c.client().getNode(c.project(), group, segments.isEmpty() ? null : join(segments), 0));
  }

  /** create-area and create-iteration: a node under its parent path, iterations with dates. */
  static final class CreateNode implements EndpointWriter {
    private final Context c;
    private final ClassificationNode.Group group;

    CreateNode(Context c, ClassificationNode.Group group) {
      this.c = c;
      this.group = group;
    }

    @Override
    public String write(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      if (path.isEmpty()) {
        throw new RowRejected("Path", "the path names no " + what(group) + " below the root");
      }
      for (String segment : path) {
        // A bad name is refused here, with its character, rather than as the service's TF50316.
        String fault = NodeNames.fault(segment, what(group));
        if (fault != null) {
          throw new RowRejected("Path", fault);
        }
      }
      ObjectNode attributes = null;
      if (group == ClassificationNode.Group.ITERATIONS) {
        Instant start = date(row, "StartDate");
        Instant finish = date(row, "FinishDate");
        if (start != null && finish != null && finish.isBefore(start)) {
          throw new RowRejected(
              "FinishDate",
              "the finish date "
                  + LocalDate.ofInstant(finish, ZoneOffset.UTC)
                  + " is before the start date "
                  + LocalDate.ofInstant(start, ZoneOffset.UTC));
        }
        if (start != null || finish != null) {
          attributes = JSON.createObjectNode();
          if (start != null) {
            attributes.put("startDate", start.toString());
          }
          if (finish != null) {
            attributes.put("finishDate", finish.toString());
          }
        }
      }
      List<String> parent = path.subList(0, path.size() - 1);
      String name = path.get(path.size() - 1);
      try {
        return Integer.toString(
            c.client()
                .createNode(
                    c.project(), group, parent.isEmpty() ? null : join(parent), name, attributes)
                .id());
      } catch (AzdoException e) {
        if (e.kind() == AzdoException.Kind.NOT_FOUND) {
          throw new RowRejected(
              "Path",
              "the parent "
                  + what(group)
                  + " path \""
                  + join(parent)
                  + "\" does not exist, so \""
                  + join(path)
                  + "\" cannot be created under it; add a row for the parent first"
                  + code(e));
        }
        if ("VS402371".equals(e.serviceCode())) {
          throw new RowRejected(
              "Path", "the " + what(group) + " \"" + join(path) + "\" already exists" + code(e));
        }
        throw e;
      }
    }

    private Instant date(EndpointRow row, String input) {
      String v = row.get(input);
      if (v == null) {
        return null;
      }
      List<String> patterns = new ArrayList<>();
      if (c.plan().option(input) != null) {
        patterns.add(c.plan().option(input));
      }
      patterns.addAll(c.plan().dateFormats());
      try {
        // Iteration dates are calendar days, kept at midnight UTC as the service shows them.
        return Instant.parse(DateParser.of(patterns, ZoneOffset.UTC).toUtc(v));
      } catch (IllegalArgumentException e) {
        throw new RowRejected(input, e.getMessage());
      }
    }

    @Override
    public String findDone(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      ClassificationNode n = path.isEmpty() ? null : node(c, group, path);
      return n == null ? null : Integer.toString(n.id());
    }
  }

  private static String code(AzdoException e) {
    return e.serviceCode() == null ? "" : " (" + e.serviceCode() + ")";
  }

  /** delete-area and delete-iteration: deletes a node, moving its work items to ReclassifyTo. */
  static final class DeleteNode implements EndpointWriter {
    private final Context c;
    private final ClassificationNode.Group group;

    DeleteNode(Context c, ClassificationNode.Group group) {
      this.c = c;
      this.group = group;
    }

    @Override
    public String write(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      if (path.isEmpty()) {
        throw new RowRejected("Path", "the root " + what(group) + " cannot be deleted");
      }
      ClassificationNode n = node(c, group, path);
      if (n == null) {
        throw new RowRejected(
            "Path", "the " + what(group) + " path \"" + join(path) + "\" does not exist");
      }
      List<String> to =
          row.get("ReclassifyTo") == null
              ? List.of()
              : segments(row.get("ReclassifyTo"), c.project(), group);
      ClassificationNode target = node(c, group, to);
      if (target == null) {
        throw new RowRejected(
            "ReclassifyTo",
            "the "
                + what(group)
                + " path \""
                + join(to)
                + "\" to move work items to does not exist");
      }
      c.client().deleteNode(c.project(), group, join(path), target.id());
      return Integer.toString(n.id());
    }

    @Override
    public String findDone(EndpointRow row) {
      List<String> path = segments(row.get("Path"), c.project(), group);
      return !path.isEmpty() && node(c, group, path) == null ? join(path) : null;
    }
  }
}
